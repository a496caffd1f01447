// The shared adapter suite for rest, against the real reference server over loopback
// (in-process, ephemeral port, temporary database). Server and adapter share one clock.
import { createRestAdapter } from '../../src/adapters/rest/index.ts';
import { systemClock } from '../../src/core/clock.ts';
import { describeAdapterConformance, type ConformanceSetup } from '../conformance/adapter-conformance.ts';
import { startTestRestServer } from '../support/rest-server.ts';

async function againstReferenceServer(): Promise<ConformanceSetup> {
  const server = await startTestRestServer({ clock: systemClock });
  const adapter = await createRestAdapter(
    { adapter: 'rest', context: 'conformance', server: server.url, apiKey: server.apiKey },
    { clock: systemClock },
  );
  return { adapter, clock: systemClock, cleanup: () => server.close() };
}

describeAdapterConformance('rest (reference server over loopback)', againstReferenceServer);
