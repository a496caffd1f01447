// One rotation per old token, for both front ends: before a rotation starts, the journal's
// unfinished rotations of the target are asked whether this token already has one (interrupted,
// or stopped before its revoke). If it does, the rotation continues with the SAME replacement;
// a second one is never minted. Only a rotation cut off during its create cannot go on by
// itself: whether that create reached the backend is unknown, so the operator decides.
import { isUnfinished, resumeRotation, type RotationState } from '../../core/rotation-plan.ts';

const utc = (epochMs: number): string => new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

export type RotationDecision =
  /** Nothing unfinished for this token: a new rotation (and a new replacement). */
  | { readonly kind: 'start' }
  /** Go on with the journaled rotation: `rotation` is where it resumes (no create step left). */
  | { readonly kind: 'resume'; readonly rotation: RotationState; readonly was: RotationState }
  /** Interrupted during the create: a replacement may or may not exist. */
  | { readonly kind: 'replacement-unknown'; readonly was: RotationState };

/** The unfinished rotation of `oldTokenId` among a target's journal records (the newest, if several). */
export function unfinishedRotationOf(rotations: readonly RotationState[], oldTokenId: string): RotationState | undefined {
  return rotations.filter((state) => state.oldTokenId === oldTokenId && isUnfinished(state)).at(-1);
}

export function decideRotation(rotations: readonly RotationState[], oldTokenId: string, now: number): RotationDecision {
  const was = unfinishedRotationOf(rotations, oldTokenId);
  if (was === undefined) return { kind: 'start' };
  if (was.newTokenId === undefined) return { kind: 'replacement-unknown', was };
  return { kind: 'resume', rotation: resumeRotation(was, now), was };
}

/** What resuming means, said before anything is sent: which replacement, from when, and its secret. */
export function resumeNotice(was: RotationState): string {
  const replacement = was.newTokenId ?? '(unknown)';
  const how = was.status === 'stopped' ? 'stopped before the revoke' : 'interrupted';
  const secret = was.completedSteps.includes('show-replacement') ? 'its secret was shown then and is not shown again' : 'its secret may never have been shown and cannot be shown again';
  return `resuming the rotation of ${was.oldTokenId} started ${utc(was.startedAt)} (${how}) with its replacement ${replacement}: no new token is created, and ${secret}`;
}

/** Why a rotation cut off during its create does not go on by itself. */
export function replacementUnknownMessage(was: RotationState): string {
  return `the rotation of ${was.oldTokenId} started ${utc(was.startedAt)} was cut off while its replacement was being created: a replacement may or may not exist; nothing was done`;
}
