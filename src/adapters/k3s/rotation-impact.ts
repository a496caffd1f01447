// What rotating the k3s server token touches (see also rancher/rancher#56469):
// every server must be restarted with the new token; agents that joined with the server token
// (the default: no separate --agent-token) must be too; etcd snapshots taken under the old token
// can only be restored with the old token. Read from the Kubernetes API; what cannot be read
// becomes an unknown, never a silent "nothing affected".
import { isTokenTuiError } from '../../core/errors.ts';
import type { ImpactItem } from '../../core/impact.ts';
import { snapshotTokenHash } from '../../core/k3s-token.ts';
import type { KubeClient } from '../../kube/client.ts';
import { describeNode, listK3sNodes, type K3sNode, type K3sNodeGroups } from './nodes.ts';
import { classifySnapshots, describeSnapshot, listEtcdSnapshots, type SnapshotsByToken } from './snapshots.ts';

export interface ServerTokenRotationImpact {
  /** sha256(old password)[:12]: the snapshot annotation value of the token being replaced. */
  readonly oldTokenHash: string;
  readonly servers: readonly K3sNode[];
  readonly agents: readonly K3sNode[];
  readonly snapshots: SnapshotsByToken;
  /** The same facts as impact items, for generic renderers. */
  readonly items: readonly ImpactItem[];
  readonly unknowns: readonly string[];
}

const AGENT_TOKEN_UNKNOWN =
  'whether a separate agent token (--agent-token) is configured cannot be read from the API: without one, every agent joined with the server token';

function readable(error: unknown): boolean {
  return isTokenTuiError(error) && (error.kind === 'forbidden' || error.kind === 'unauthorized' || error.kind === 'not-found');
}

async function readNodes(client: KubeClient, unknowns: string[]): Promise<K3sNodeGroups> {
  try {
    return await listK3sNodes(client);
  } catch (error) {
    if (!readable(error)) throw error;
    unknowns.push(`cannot list Nodes (${(error as Error).message}): the servers and agents to restart are not known`);
    return { servers: [], agents: [] };
  }
}

async function readSnapshots(client: KubeClient, oldTokenHash: string, unknowns: string[]): Promise<SnapshotsByToken> {
  try {
    return classifySnapshots(await listEtcdSnapshots(client), oldTokenHash);
  } catch (error) {
    if (!readable(error)) throw error;
    const why = isTokenTuiError(error) && error.kind === 'not-found'
      ? 'the ETCDSnapshotFile CRD (k3s.cattle.io/v1) is not installed: no embedded etcd, or a k3s release before Nov 2023'
      : `cannot list ETCDSnapshotFiles (${(error as Error).message})`;
    unknowns.push(`${why}; list snapshots with \`k3s etcd-snapshot ls\` on a server: those taken before the rotation need the old token`);
    return { needOldToken: [], olderTokens: [], unknownToken: [] };
  }
}

function impactItems(nodes: K3sNodeGroups, snapshots: SnapshotsByToken): ImpactItem[] {
  const items: ImpactItem[] = [];
  for (const server of nodes.servers) {
    items.push({
      kind: 'machine-loses-access',
      subject: server.name,
      detail: `server (${describeNode(server)}): restart it with the new token; with the old one in its config it cannot start again`,
    });
  }
  for (const agent of nodes.agents) {
    items.push({
      kind: 'machine-loses-access',
      subject: agent.name,
      detail: `agent (${describeNode(agent)}): if it joined with the server token (no separate agent token), restart it with the new token`,
    });
  }
  for (const snapshot of snapshots.needOldToken) {
    items.push({ kind: 'dependent-object', subject: `snapshot ${snapshot.snapshotName}`, detail: `${describeSnapshot(snapshot)}: restoring it needs the OLD token` });
  }
  return items;
}

export async function computeServerTokenRotationImpact(client: KubeClient, oldPassword: string): Promise<ServerTokenRotationImpact> {
  const oldTokenHash = snapshotTokenHash(oldPassword);
  const unknowns: string[] = [];
  const [nodes, snapshots] = await Promise.all([readNodes(client, unknowns), readSnapshots(client, oldTokenHash, unknowns)]);
  if (nodes.agents.length > 0) unknowns.push(AGENT_TOKEN_UNKNOWN);
  if (snapshots.unknownToken.length > 0) {
    unknowns.push(`${snapshots.unknownToken.length} snapshot(s) carry no token-hash annotation: which token restores them is not recorded`);
  }
  return { oldTokenHash, servers: nodes.servers, agents: nodes.agents, snapshots, items: impactItems(nodes, snapshots), unknowns };
}
