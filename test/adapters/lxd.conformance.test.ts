// The shared adapter suite for lxd: against the real daemon when TOKENTUI_LXD_SOCKET is set
// (scripts/lxd/with-lxd.sh sets it), over the unix socket and over HTTPS with a pinned server
// certificate; else against the in-process fake LXD. Tokens are join tokens here unless a case
// sets the create fields (the create-fields case makes a trust token restricted to no project):
// the member or client name is the description, the TTL the server's cluster.join_token_expiry.
import { createLxdAdapter } from '../../src/adapters/lxd/index.ts';
import { systemClock } from '../../src/core/clock.ts';
import { describeAdapterConformance, type ConformanceSetup } from '../conformance/adapter-conformance.ts';
import { startFakeLxd } from '../support/fake-lxd.ts';
import { hasRealLxd, httpsSettings, realLxd, realLxdAdapter, unixSettings } from '../support/real-lxd.ts';

// An LXD token is a running operation: a join or `remote add` ends it, a cancel ends it, and
// nothing updates it in place, so its revision (operation id + creation time) never moves.
const changeToken = { impossible: 'an LXD token cannot change and keep its id (an operation is never updated, only ended)' };

async function against(settings: Parameters<typeof realLxdAdapter>[0]): Promise<ConformanceSetup> {
  const adapter = await realLxdAdapter(settings);
  return { adapter, clock: systemClock, changeToken, cleanup: async () => adapter.close?.() };
}

async function againstFake(): Promise<ConformanceSetup> {
  const fake = startFakeLxd();
  const adapter = await createLxdAdapter({ adapter: 'lxd', context: 'fake', endpoint: { kind: 'unix', socketPath: '/fake.socket' } }, { clock: systemClock, request: fake.request, openEvents: fake.openEvents });
  return { adapter, clock: systemClock, changeToken, cleanup: async () => {} };
}

if (hasRealLxd()) {
  describeAdapterConformance('lxd (real daemon, unix socket)', () => against(unixSettings(realLxd())));
  describeAdapterConformance('lxd (real daemon, HTTPS with a client certificate)', () => against(httpsSettings(realLxd())));
} else {
  describeAdapterConformance('lxd (in-process fake)', againstFake);
}
