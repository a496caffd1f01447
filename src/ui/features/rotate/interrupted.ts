// Unfinished rotations found in the journal at start-up (an SSH drop, SIGHUP, a failure): one at
// a time, resume (from the step after the last one done), abandon (after saying what stays), or
// decide later (the record stays; r on the old token brings this screen back).
import { describeAbandon, nextStep, type RotationState } from '../../../core/rotation-plan.ts';
import { toTokenTuiError } from '../../../core/errors.ts';
import type { BackTarget } from '../../shared/back-target.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { startFlow } from '../revoke/revoke-flow.ts';
import { resumeRotationFlow } from './rotate-screen.ts';
import { enqueueJournal } from './rotate-steps.ts';

const plural = (count: number): string => (count === 1 ? '1 unfinished rotation' : `${count} unfinished rotations`);

/** Start-up: the journal's unfinished rotations of this backend. */
export function applyRotationsFound(state: AppState, rotations: readonly RotationState[], error: string | null): AppState {
  if (error !== null) return { ...state, flash: { text: `rotation journal: ${error}`, role: 'status.danger' } };
  if (rotations.length === 0) return state;
  const found = { ...state, interrupted: rotations };
  const why = state.readonly ? 'start without --readonly to resume or abandon' : state.mutations.rotateUnavailable;
  if (why !== null) return { ...found, flash: { text: `${plural(rotations.length)} in the journal: ${why}`, role: 'status.warn' } };
  // Only over the list: a screen the operator already opened is not taken away.
  if (state.screen.kind !== 'list') return { ...found, flash: { text: `${plural(rotations.length)}: r on the old token resumes it`, role: 'status.warn' } };
  return { ...found, screen: { kind: 'interrupted', rotations, confirmAbandon: false, back: { kind: 'list' } } };
}

function screenParts(state: AppState): { first: RotationState; rest: readonly RotationState[]; back: BackTarget } | null {
  const { screen } = state;
  if (screen.kind !== 'interrupted') return null;
  const [first, ...rest] = screen.rotations;
  return first === undefined ? null : { first, rest, back: screen.back };
}

export function resumeInterrupted(state: AppState): AppState {
  const parts = screenParts(state);
  return parts === null ? state : resumeRotationFlow(state, parts.first, parts.rest, parts.back);
}

export function askAbandon(state: AppState, ask: boolean): AppState {
  return state.screen.kind === 'interrupted' ? { ...state, screen: { ...state.screen, confirmAbandon: ask } } : state;
}

/**
 * The revoke screen for an abandoned rotation's replacement: its impact preview and the same
 * gated confirmation as any revoke; Esc keeps it. Null when it cannot be offered.
 */
function offerReplacementRevoke(state: AppState, abandoned: RotationState, back: BackTarget): AppState | null {
  const replacement = abandoned.newTokenId;
  if (replacement === undefined || state.mutations.revokeUnavailable !== null) return null;
  const flow = startFlow({ ids: [replacement], hiddenByFilter: 0 }, back, state.nextTicket);
  const banner = `the rotation of ${abandoned.oldTokenId} is abandoned; revoke its replacement ${replacement} too? Esc keeps it`;
  return { ...state, screen: { kind: 'revoke', flow: { ...flow, banner } }, nextTicket: state.nextTicket + 1 };
}

/** Marks it abandoned in the journal (the file stays as the record), then offers to revoke the replacement. */
export function confirmAbandon(state: AppState): AppState {
  const parts = screenParts(state);
  if (parts === null) return state;
  let abandoned: RotationState;
  try {
    abandoned = nextStep(parts.first, { type: 'abandoned', at: state.now });
  } catch (error) {
    return { ...state, flash: { text: toTokenTuiError(error, 'rotation').message, role: 'status.danger' } };
  }
  const saved = enqueueJournal(state, { kind: 'save', rotation: abandoned });
  const interrupted = state.interrupted.filter((item) => item.rotationId !== abandoned.rotationId);
  const flash = { text: describeAbandon(parts.first), role: 'status.warn' } as const;
  // The other unfinished rotations stay in the journal (r on their old token, or the next start).
  const offered = offerReplacementRevoke({ ...saved, interrupted, flash }, abandoned, parts.back);
  if (offered !== null) return offered;
  const screen = parts.rest.length > 0 ? { kind: 'interrupted' as const, rotations: parts.rest, confirmAbandon: false, back: parts.back } : parts.back;
  return { ...saved, interrupted, screen, flash };
}

export function decideLater(state: AppState): AppState {
  const { screen } = state;
  if (screen.kind !== 'interrupted') return state;
  const text = `${plural(screen.rotations.length)} kept in the journal: r on the old token, or the next start, resumes it`;
  return { ...state, screen: screen.back, flash: { text, role: 'status.warn' } };
}
