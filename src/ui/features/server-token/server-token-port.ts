// What the TUI needs for server-token rotation (issue 7), injected like the audit and rotation
// journals: App takes the adapter's server-token capability (contract: capabilities
// .serverTokenRotation), tests may pass their own; run.tsx opens the checklist store under the
// XDG state directory, tests pass an in-memory one. The UI reaches the backend only through this.
import type { TokenAdapter } from '../../../adapters/contract.ts';
import { supports } from '../../../adapters/operations/capabilities.ts';
import type { ServerTokenRotation } from '../../../adapters/server-token.ts';
import type { ServerTokenChecklists } from '../../../journals/server-token-checklists.ts';

export type { ServerTokenRotationPlan, ServerTokenRotationResult } from '../../../adapters/server-token.ts';

export type ServerTokenRotationPort = ServerTokenRotation;

export type ServerTokenChecklistPort = Pick<ServerTokenChecklists, 'save' | 'listOpen'>;

/** The adapter's server-token capability; null for an adapter without one. */
export function serverTokenPortOf(adapter: TokenAdapter): ServerTokenRotationPort | null {
  return supports(adapter, 'serverToken') ? adapter.serverToken : null;
}
