// Issue 2: a token created with a 20 s TTL disappears from a running watch when the real
// tokencleaner deletes it, with no re-list in between (the watch delivers a DELETED event).
import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../src/adapters/contract.ts';
import { createAdapter } from '../../src/adapters/registry.ts';
import { systemClock } from '../../src/core/clock.ts';
import { loadKubeconfig } from '../../src/kube/kubeconfig.ts';
import { resolveKubeConnection } from '../../src/kube/kubeconfig-resolve.ts';
import { realCluster, waitFor } from '../support/real-cluster.ts';

describe('kubeadm watch against the real tokencleaner', () => {
  it('sees a 20s token appear, then vanish when the cleaner deletes it, without relisting', async () => {
    const kube = resolveKubeConnection(loadKubeconfig([realCluster().kubeconfig]));
    const adapter = await createAdapter({ adapter: 'kubeadm', kube }, { clock: systemClock });
    const events: WatchEvent[] = [];
    const controller = new AbortController();
    adapter.watch!((event) => events.push(event), controller.signal);
    try {
      await waitFor(() => events.some((event) => event.type === 'state' && event.state === 'live'), { timeoutMs: 10_000 });
      const snapshotsBefore = events.filter((event) => event.type === 'snapshot').length;
      expect(snapshotsBefore).toBe(1);
      const created = await adapter.create!({ description: 'short-lived', ttlSeconds: 20 });
      const id = created.token.id;
      await waitFor(() => events.some((event) => event.type === 'upsert' && event.token.id === id), { timeoutMs: 5_000 });
      // tokencleaner deletes 15-20 s after expiry (measured on this control plane): allow up to 75 s in all.
      await waitFor(() => events.some((event) => event.type === 'delete' && event.id === id), { timeoutMs: 75_000, intervalMs: 250 });
      expect(events.filter((event) => event.type === 'snapshot').length).toBe(snapshotsBefore);
      await expect(adapter.get(id)).rejects.toMatchObject({ kind: 'not-found' });
    } finally {
      controller.abort();
      await adapter.close?.();
    }
  }, 120_000);
});
