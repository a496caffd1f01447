// The operations conformance cases on the UI tests' in-memory adapter (test/support/memory-adapter.ts):
// the TUI's tests drive it, so it must answer the operations layer as the real adapters do.
import { systemClock } from '../../src/core/clock.ts';
import { describeOperationsConformance } from '../conformance/operations-conformance.ts';
import { createMemoryBackend } from '../support/memory-adapter.ts';

describeOperationsConformance('memory adapter (UI tests)', async () => {
  const backend = createMemoryBackend({
    clock: systemClock,
    capabilities: { create: true, revoke: true, impactPreview: true, joinCommand: true, rotate: 'emulated' },
  });
  return {
    adapter: backend.adapter,
    clock: systemClock,
    changeToken: async (created) => {
      const current = backend.tokens.find((token) => token.id === created.token.id);
      if (current === undefined) throw new Error(`no token ${created.token.id}`);
      const revision = current.revision ?? { uid: `uid-${current.id}`, version: '1' };
      backend.upsert({ ...current, revision: { ...revision, version: `${Number(revision.version) + 1}` } });
    },
    cleanup: async () => {},
  };
});

describeOperationsConformance('memory adapter without optional operations', async () => {
  const backend = createMemoryBackend({ clock: systemClock });
  return { adapter: backend.adapter, clock: systemClock, changeToken: async () => {}, cleanup: async () => {} };
});
