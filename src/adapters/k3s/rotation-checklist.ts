// What must be done by hand after a server-token rotation (k3s docs/adrs/server-token-rotation.md,
// docs/cli/token.md, PR #8576's release note): only the contacted server's token file is rewritten.
// The items are data with stable ids so the caller can journal them and tick them off.
import type { ServerTokenRotationImpact } from './rotation-impact.ts';

export interface RotationChecklistItem {
  /** Stable across re-renders, e.g. `server-config:k3s-1`. */
  readonly id: string;
  readonly subject: string;
  readonly text: string;
}

const SERVER_STEP =
  'set the new token in /etc/rancher/k3s/config.yaml (token:) or K3S_TOKEN and restart k3s; ' +
  'the server rotated through has its token file rewritten, but its config still holds the old token';
const AGENT_STEP = 'unless a separate agent token (--agent-token) is configured: set the new token (K3S_TOKEN / token:) and restart k3s-agent';

export function rotationChecklist(impact: ServerTokenRotationImpact): RotationChecklistItem[] {
  const items: RotationChecklistItem[] = [];
  if (impact.servers.length === 0) items.push({ id: 'server-config:*', subject: 'every server', text: SERVER_STEP });
  for (const server of impact.servers) items.push({ id: `server-config:${server.name}`, subject: server.name, text: SERVER_STEP });
  for (const agent of impact.agents) items.push({ id: `agent-restart:${agent.name}`, subject: agent.name, text: AGENT_STEP });
  const snapshots = impact.snapshots.needOldToken.length;
  const taken = snapshots === 0 ? 'snapshots taken before now' : `${snapshots} snapshot${snapshots === 1 ? '' : 's'} taken under it`;
  items.push({
    id: 'store-old-token',
    subject: taken,
    text: `store the OLD token (snapshot token hash ${impact.oldTokenHash}) with the ${taken}: restoring them needs it`,
  });
  return items;
}
