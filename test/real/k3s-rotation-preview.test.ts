// Issue 7 "must show", server-token half: the rotation preview reads the REAL apiserver
// (scripts/k8s/with-cluster.sh). The ETCDSnapshotFile CRD (k3s.cattle.io/v1, cluster-scoped) is
// installed through apiextensions.k8s.io/v1 with the admin token; snapshots carry matching and
// non-matching etcd.k3s.cattle.io/snapshot-token-hash annotations; server and agent Nodes carry
// k3s's role labels. The supervisor side (/cacerts, PUT /v1-k3s/token) is the emulation in
// test/support/k3s-supervisor.ts, since no real k3s can run here.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createK3sAdapter, type K3sAdapter } from '../../src/adapters/k3s/index.ts';
import { loadKubeconfig } from '../../src/kube/kubeconfig.ts';
import { resolveKubeConnection } from '../../src/kube/kubeconfig-resolve.ts';
import { systemClock } from '../../src/core/clock.ts';
import { snapshotTokenHash } from '../../src/core/k3s-token.ts';
import { startK3sSupervisor, type K3sSupervisor } from '../support/k3s-supervisor.ts';
import { createK3sNode, createSnapshot, installSnapshotCrd, removeSnapshotCrd, sendAsAdmin } from '../support/k3s-real-objects.ts';
import { realCluster } from '../support/real-cluster.ts';

const run = randomBytes(3).toString('hex');
const OLD = `old-server-password-${run}`;
let supervisor: K3sSupervisor;
let adapter: K3sAdapter;

const nodeName = (label: string) => `${label}-${run}`;
const snapshot = (name: string, node: string, tokenHash: string | null, createdAt: string, location: string) =>
  createSnapshot({ objectName: `local-${name}-${run}`, snapshotName: name, node, tokenHash, createdAt, location });
const createNode = (label: string, roles: readonly string[], ip: string) => createK3sNode(nodeName(label), roles, ip);

beforeAll(async () => {
  supervisor = await startK3sSupervisor({ serverPassword: OLD });
  await installSnapshotCrd();
  await snapshot('under-old-token', nodeName('server-a'), snapshotTokenHash(OLD), '2026-03-02T03:00:00Z', 'file:///var/lib/rancher/k3s/server/db/snapshots/under-old-token');
  await snapshot('under-old-token-s3', 's3', snapshotTokenHash(OLD), '2026-03-02T03:00:05Z', 's3://backups/under-old-token-s3');
  await snapshot('under-older-token', nodeName('server-a'), snapshotTokenHash(`older-${run}`), '2026-01-01T03:00:00Z', 'file:///snapshots/under-older-token');
  await snapshot('unannotated', nodeName('server-b'), null, '2025-06-01T03:00:00Z', 'file:///snapshots/unannotated');
  await createNode('server-a', ['control-plane', 'etcd', 'master'], '10.0.0.11');
  await createNode('server-b', ['etcd'], '10.0.0.12');
  await createNode('agent-1', [], '10.0.0.21');
  const kube = resolveKubeConnection(loadKubeconfig([realCluster().kubeconfig], { mustExist: true }));
  adapter = createK3sAdapter({ adapter: 'k3s', kube, supervisor: supervisor.url }, { clock: systemClock });
});

afterAll(async () => {
  await adapter?.close?.();
  await supervisor?.close();
  for (const label of ['server-a', 'server-b', 'agent-1']) await sendAsAdmin(`/api/v1/nodes/${nodeName(label)}`, 'DELETE');
  await removeSnapshotCrd();
});

describe('server-token rotation preview from the real apiserver', () => {
  it('lists exactly the snapshots taken under the old token, and servers and agents in their groups', async () => {
    const plan = await adapter.serverToken.plan({ oldToken: supervisor.tokenFile.trim() });
    const { impact } = plan;
    expect(impact.oldTokenHash).toBe(snapshotTokenHash(OLD));
    expect(impact.snapshots.needOldToken.map((snapshot) => [snapshot.snapshotName, snapshot.nodeName, snapshot.location, snapshot.createdAt])).toEqual([
      ['under-old-token', nodeName('server-a'), 'file:///var/lib/rancher/k3s/server/db/snapshots/under-old-token', '2026-03-02T03:00:00Z'],
      ['under-old-token-s3', 's3', 's3://backups/under-old-token-s3', '2026-03-02T03:00:05Z'],
    ]);
    expect(impact.snapshots.olderTokens.map((snapshot) => snapshot.snapshotName)).toEqual(['under-older-token']);
    expect(impact.snapshots.unknownToken.map((snapshot) => snapshot.snapshotName)).toEqual(['unannotated']);
    const mine = (nodes: readonly { name: string }[]) => nodes.map((node) => node.name).filter((name) => name.endsWith(run));
    expect(mine(impact.servers)).toEqual([nodeName('server-a'), nodeName('server-b')]);
    expect(mine(impact.agents)).toEqual([nodeName('agent-1')]);
    expect(impact.servers.find((node) => node.name === nodeName('server-a'))).toMatchObject({ roleLabels: ['control-plane', 'master', 'etcd'], internalIp: '10.0.0.11' });
    expect(plan.checklist.map((item) => item.id)).toEqual(expect.arrayContaining([`server-config:${nodeName('server-b')}`, `agent-restart:${nodeName('agent-1')}`, 'store-old-token']));
    expect(supervisor.requests.filter((request) => request.method === 'PUT')).toEqual([]);
  });

  it('the bootstrap-token preview lists the agent as keeping working, not the servers', async () => {
    const created = await adapter.create!({ description: `k3s preview ${run}`, ttlSeconds: 600 });
    try {
      const preview = await adapter.impact!(created.token.id);
      const subjects = preview.state === 'known' ? preview.items.filter((item) => item.subject.endsWith(run)).map((item) => `${item.kind} ${item.subject}`) : [];
      expect(subjects).toEqual([`joined-keeps-working ${nodeName('agent-1')}`]);
    } finally {
      await adapter.revoke!(created.token.id);
    }
  });

  it('rotates through the emulated supervisor only after the typed confirmation', async () => {
    const plan = await adapter.serverToken.plan({ oldToken: supervisor.tokenFile.trim(), newToken: `new-server-password-${run}` });
    await expect(adapter.serverToken.rotate(plan, 'rotate')).rejects.toMatchObject({ kind: 'confirmation-required' });
    expect(supervisor.requests.filter((request) => request.method === 'PUT')).toEqual([]);
    const result = await adapter.serverToken.rotate(plan, plan.confirmationText);
    expect(supervisor.passwd[0]?.password).toBe(`new-server-password-${run}`);
    expect(result.snapshotsNeedingOldToken.map((snapshot) => snapshot.snapshotName)).toEqual(['under-old-token', 'under-old-token-s3']);
  });
});
