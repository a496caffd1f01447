// What the TUI needs for k3s server-token rotation (issue 7), injected like the audit and
// rotation journals: App builds the rotation port from a k3s adapter that declares
// `serverTokenRotation`, tests may pass their own; run.tsx opens the checklist store under the
// XDG state directory, tests pass an in-memory one. The UI reaches the adapter only through this.
import type { TokenAdapter } from '../adapters/contract.ts';
import { isK3sAdapter } from '../adapters/k3s/index.ts';
import type { ServerTokenFileRead } from '../adapters/k3s/server-token-file.ts';
import type { ServerTokenRotationPlan, ServerTokenRotationResult } from '../adapters/k3s/server-token-rotation.ts';
import type { ServerTokenChecklists } from '../journals/server-token-checklists.ts';

export type { ServerTokenRotationPlan, ServerTokenRotationResult };

export interface ServerTokenRotationPort {
  /** The server's token file, when this machine is a server and it is readable. */
  readTokenFile(): Promise<ServerTokenFileRead>;
  /** Validates, pins the supervisor's CA and previews the impact: sends nothing that changes state. */
  plan(oldToken: string): Promise<ServerTokenRotationPlan>;
  /** The PUT, only with the plan's confirmation text typed exactly (the adapter checks it too). */
  rotate(plan: ServerTokenRotationPlan, typedConfirmation: string): Promise<ServerTokenRotationResult>;
  /** The new token, to show once. */
  reveal(plan: ServerTokenRotationPlan): string;
}

export type ServerTokenChecklistPort = Pick<ServerTokenChecklists, 'save' | 'listOpen'>;

/** The port of an adapter that can rotate its server token; null for every other adapter. */
export function serverTokenPortOf(adapter: TokenAdapter): ServerTokenRotationPort | null {
  if (!isK3sAdapter(adapter) || !adapter.capabilities.serverTokenRotation) return null;
  const { readServerTokenFile, planServerTokenRotation, rotateServerToken, revealNewServerToken } = adapter;
  if (readServerTokenFile === undefined || planServerTokenRotation === undefined || rotateServerToken === undefined || revealNewServerToken === undefined) return null;
  return {
    readTokenFile: () => readServerTokenFile(),
    plan: (oldToken) => planServerTokenRotation({ oldToken }),
    rotate: (plan, typed) => rotateServerToken(plan, typed),
    reveal: (plan) => revealNewServerToken(plan),
  };
}
