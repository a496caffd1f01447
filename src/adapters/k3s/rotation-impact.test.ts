import { describe, expect, it } from 'vitest';
import { snapshotTokenHash } from '../../core/k3s-token.ts';
import { createStubKubeClient, forbidden, list, nodeObject, snapshotObject } from '../../../test/support/k3s-kube-stub.ts';
import { computeServerTokenRotationImpact } from './rotation-impact.ts';
import { rotationChecklist } from './rotation-checklist.ts';

const OLD = 'the-old-server-password';
const NODES = '/api/v1/nodes';
const SNAPSHOTS = '/apis/k3s.cattle.io/v1/etcdsnapshotfiles';
const nodes = list([
  nodeObject('server-b', ['etcd']),
  nodeObject('agent-1', [], '10.0.0.21'),
  nodeObject('server-a', ['control-plane', 'etcd', 'master'], '10.0.0.11'),
]);
const snapshots = list([
  snapshotObject('under-old-2', { node: 'server-a', tokenHash: snapshotTokenHash(OLD), createdAt: '2026-03-02T00:00:00Z' }),
  snapshotObject('under-older', { node: 'server-a', tokenHash: snapshotTokenHash('an-even-older-password'), createdAt: '2026-01-01T00:00:00Z' }),
  snapshotObject('under-old-1', { node: 's3', tokenHash: snapshotTokenHash(OLD), createdAt: '2026-03-01T00:00:00Z', location: 's3://backups/under-old-1' }),
  snapshotObject('legacy', { node: 'server-b', createdAt: '2025-06-01T00:00:00Z' }),
]);

describe('computeServerTokenRotationImpact', () => {
  it('groups servers and agents by their role labels and finds the snapshots that need the OLD token', async () => {
    const impact = await computeServerTokenRotationImpact(createStubKubeClient({ [NODES]: nodes, [SNAPSHOTS]: snapshots }), OLD);
    expect(impact.oldTokenHash).toBe(snapshotTokenHash(OLD));
    expect(impact.servers.map((node) => [node.name, node.roleLabels])).toEqual([['server-a', ['control-plane', 'master', 'etcd']], ['server-b', ['etcd']]]);
    expect(impact.agents.map((node) => node.name)).toEqual(['agent-1']);
    expect(impact.snapshots.needOldToken.map((snapshot) => [snapshot.snapshotName, snapshot.nodeName, snapshot.location, snapshot.createdAt])).toEqual([
      ['under-old-1', 's3', 's3://backups/under-old-1', '2026-03-01T00:00:00Z'],
      ['under-old-2', 'server-a', 'file:///var/lib/rancher/k3s/server/db/snapshots/under-old-2', '2026-03-02T00:00:00Z'],
    ]);
    expect(impact.snapshots.olderTokens.map((snapshot) => snapshot.snapshotName)).toEqual(['under-older']);
    expect(impact.snapshots.unknownToken.map((snapshot) => snapshot.snapshotName)).toEqual(['legacy']);
    expect(impact.unknowns).toEqual([expect.stringMatching(/separate agent token/), expect.stringMatching(/1 snapshot\(s\) carry no token-hash annotation/)]);
    expect(impact.items.map((item) => `${item.kind} ${item.subject}`)).toEqual([
      'machine-loses-access server-a',
      'machine-loses-access server-b',
      'machine-loses-access agent-1',
      'dependent-object snapshot under-old-1',
      'dependent-object snapshot under-old-2',
    ]);
    expect(impact.items[3]?.detail).toBe('on s3 at s3://backups/under-old-1, taken 2026-03-01T00:00:00Z: restoring it needs the OLD token');
  });

  it('turns what it may not read, or a missing CRD, into unknowns', async () => {
    const impact = await computeServerTokenRotationImpact(createStubKubeClient({ [NODES]: forbidden('nodes') }), OLD);
    expect(impact.servers).toEqual([]);
    expect(impact.unknowns).toEqual([
      expect.stringMatching(/^cannot list Nodes .*forbidden.*servers and agents to restart are not known/),
      expect.stringMatching(/ETCDSnapshotFile CRD \(k3s\.cattle\.io\/v1\) is not installed.*k3s etcd-snapshot ls/),
    ]);
  });

  it('checklist: every server, every agent, and the old token kept with its snapshots', async () => {
    const impact = await computeServerTokenRotationImpact(createStubKubeClient({ [NODES]: nodes, [SNAPSHOTS]: snapshots }), OLD);
    const checklist = rotationChecklist(impact);
    expect(checklist.map((item) => item.id)).toEqual(['server-config:server-a', 'server-config:server-b', 'agent-restart:agent-1', 'store-old-token']);
    expect(checklist.at(-1)?.text).toBe(`store the OLD token (snapshot token hash ${snapshotTokenHash(OLD)}) with the 2 snapshots taken under it: restoring them needs it`);
    const unknownServers = rotationChecklist({ ...impact, servers: [], agents: [] });
    expect(unknownServers.map((item) => item.id)).toEqual(['server-config:*', 'store-old-token']);
  });
});
