// Whether this backend can rotate its server token, and this target's open post-rotation
// checklists with the writes of their ticks not yet confirmed (useServerTokenChecklists performs
// them, in order, once each).
import type { ServerTokenChecklist } from '../../../core/server-token-checklist.ts';

export interface ChecklistWrite {
  readonly seq: number;
  readonly checklist: ServerTokenChecklist;
}

export interface ServerTokenSupport {
  /** Why R cannot run here; null = it can. */
  readonly unavailable: string | null;
  /** This target's checklists: the open ones found at start, and those changed since. */
  readonly checklists: readonly ServerTokenChecklist[];
  readonly outbox: readonly ChecklistWrite[];
}

export const SERVER_TOKEN_NOT_HERE = 'this backend has no server token to rotate (k3s only)';

export const NO_SERVER_TOKEN: ServerTokenSupport = { unavailable: SERVER_TOKEN_NOT_HERE, checklists: [], outbox: [] };

/** Why R cannot run, from what App was given. */
export function serverTokenUnavailable(hasPort: boolean, hasChecklistStore: boolean): string | null {
  if (!hasPort) return SERVER_TOKEN_NOT_HERE;
  // The checklist must outlive the session: without a journal the rotation's follow-up would be lost.
  if (!hasChecklistStore) return 'no rotation journal is available to keep the post-rotation checklist';
  return null;
}
