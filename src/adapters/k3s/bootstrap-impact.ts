// What revoking a bootstrap token breaks on k3s.
// Differences from kubeadm, and why only these live here:
// - k3s agents create no CSRs (the supervisor signs kubelet certificates itself) and node
//   annotations mask token values, so no node can be attributed to a token: that is an unknown;
// - agents whose Node exists keep working (they re-authenticate with their kubelet certificate);
//   one whose Node is deleted cannot rejoin with a revoked token (k3s#7797). They are listed;
// - k3s agents never use kube-public/cluster-info, so its JWS signature is not a k3s concern;
// - losing the last bootstrap token is not cluster-wide: agents can still join with the agent
//   (or server) token, so kubeadm's "last token" item is dropped.
// Dependents (objects owned by the token Secret) and "expired breaks nothing" are kubeadm's code.
import type { Clock } from '../../core/clock.ts';
import type { ImpactItem, KnownImpact } from '../../core/impact.ts';
import type { KubeClient } from '../../kube/client.ts';
import { findDependentsAndLastToken, isExpired, startTokenPreview, unknownOrThrow, type Finding } from '../kubeadm/impact.ts';
import { describeNode, listK3sNodes } from './nodes.ts';

export const NO_CSR_TRAIL_UNKNOWN =
  'k3s agents create no CSRs (the supervisor signs their kubelet certificates) and node annotations mask token values: ' +
  'which agents joined with this token cannot be told';

async function agentsThatKeepWorking(client: KubeClient): Promise<Finding> {
  try {
    const { agents } = await listK3sNodes(client);
    const items: ImpactItem[] = agents.map((agent) => ({
      kind: 'joined-keeps-working',
      subject: agent.name,
      detail:
        `agent (${describeNode(agent)}): keeps working if it joined with this token (it authenticates with its own certificate); ` +
        'if its Node object is deleted it cannot rejoin with a revoked token (k3s#7797)',
    }));
    return { items, unknowns: [] };
  } catch (error) {
    return unknownOrThrow(error, 'list Nodes');
  }
}

function withoutLastTokenItem(finding: Finding): Finding {
  return { items: finding.items.filter((item) => item.kind !== 'cluster-wide'), unknowns: finding.unknowns };
}

export async function computeK3sBootstrapImpact(client: KubeClient, tokenId: string, clock: Clock): Promise<KnownImpact> {
  const { token, nowMs, preview } = await startTokenPreview(client, tokenId, clock);
  if (isExpired(token, nowMs)) return preview([], []);
  const [dependents, agents] = await Promise.all([findDependentsAndLastToken(client, token, nowMs).then(withoutLastTokenItem), agentsThatKeepWorking(client)]);
  const items = [...dependents.items, ...agents.items];
  return preview(items, [NO_CSR_TRAIL_UNKNOWN, ...dependents.unknowns, ...agents.unknowns]);
}
