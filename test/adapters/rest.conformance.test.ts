// The shared adapter suite for rest, against the real reference server over loopback
// (in-process, ephemeral port, temporary database). Server and adapter share one clock.
import { createRestAdapter } from '../../src/adapters/rest/index.ts';
import { systemClock } from '../../src/core/clock.ts';
import type { CreatedToken } from '../../src/core/token.ts';
import { describeAdapterConformance, type ConformanceSetup } from '../conformance/adapter-conformance.ts';
import { startTestRestServer } from '../support/rest-server.ts';

async function againstReferenceServer(): Promise<ConformanceSetup> {
  const server = await startTestRestServer({ clock: systemClock });
  const adapter = await createRestAdapter(
    { adapter: 'rest', context: 'conformance', server: server.url, apiKey: server.apiKey },
    { clock: systemClock },
  );
  // A machine redeeming the token moves its ETag on, as between an operator's preview and revoke.
  const changeToken = async (created: CreatedToken): Promise<void> => {
    const response = await fetch(`${server.url}/api/v1/bootstrap`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: created.secret, machine: `conformance-${created.token.id}` }),
    });
    if (!response.ok) throw new Error(`redeeming ${created.token.id}: HTTP ${response.status}`);
  };
  return { adapter, clock: systemClock, changeToken, cleanup: () => server.close() };
}

describeAdapterConformance('rest (reference server over loopback)', againstReferenceServer);
