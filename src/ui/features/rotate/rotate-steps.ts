// How the rotate screen moves from step to step. Every change of the rotation (core nextStep)
// goes through withFlow, which queues its journal write in the same reducer step, so no step can
// complete unjournaled; the two writes that must happen just before and right after the create
// are done by the runner itself (rotate-runner.ts) and are not queued again.
import { toTokenTuiError } from '../../../core/errors.ts';
import { nextStep, type RotationEvent, type RotationState } from '../../../core/rotation-plan.ts';
import type { AppState, Screen } from '../../view-model/app-state.ts';
import type { JournalWrite } from './rotate-messages.ts';
import { startFlow } from '../revoke/revoke-flow.ts';
import type { RotateFlow } from './rotate-flow.ts';

export type StepEvent = RotationEvent extends infer Event ? (Event extends RotationEvent ? Omit<Event, 'at'> : never) : never;

type Write = JournalWrite extends infer Entry ? (Entry extends JournalWrite ? Omit<Entry, 'seq'> : never) : never;

export function enqueueJournal(state: AppState, write: Write): AppState {
  const entry = { ...write, seq: state.nextTicket } as JournalWrite;
  return { ...state, journalOutbox: [...state.journalOutbox, entry], nextTicket: state.nextTicket + 1 };
}

/** A done rotation's file goes (the audit journal keeps the history); any other state is saved, a stopped one too (r resumes it). */
function writeFor(rotation: RotationState): Write {
  return rotation.status === 'done' ? { kind: 'remove', rotationId: rotation.rotationId } : { kind: 'save', rotation };
}

/** Shows `flow`; a changed rotation is queued for the journal unless the runner already wrote it. */
export function withFlow(state: AppState, flow: RotateFlow, journal = true): AppState {
  const before = state.screen.kind === 'rotate' ? state.screen.flow.rotation : null;
  const next: AppState = { ...state, screen: { kind: 'rotate', flow } };
  return journal && flow.journaled && before !== flow.rotation ? enqueueJournal(next, writeFor(flow.rotation)) : next;
}

/** Sets up what the current step needs: the make-default request, or a fresh impact preview. */
export function enterStep(state: AppState, flow: RotateFlow): AppState {
  const { rotation } = flow;
  const ticket = state.nextTicket;
  const bumped = { ...state, nextTicket: ticket + 1 };
  if (rotation.status !== 'in-progress') return withFlow(state, { ...flow, pending: null });
  if (rotation.step === 'make-default') return withFlow(bumped, { ...flow, pending: { kind: 'make-default', ticket }, failure: null });
  if (rotation.step === 'preview-old-impact') {
    const revoke = startFlow({ ids: [rotation.oldTokenId], hiddenByFilter: 0 }, flow.back, ticket);
    return withFlow(bumped, { ...flow, revoke, failure: null });
  }
  return withFlow(state, flow);
}

/** Completes the current step with `event` and sets up the next one. */
export function advance(state: AppState, flow: RotateFlow, event: StepEvent): AppState {
  let rotation: RotationState;
  try {
    rotation = nextStep(flow.rotation, { ...event, at: state.now } as RotationEvent);
  } catch (error) {
    return withFlow(state, { ...flow, failure: toTokenTuiError(error, 'rotation').message });
  }
  return enterStep(state, { ...flow, rotation });
}

export function leaveTo(flow: RotateFlow): Screen {
  if (flow.queue.length > 0) return { kind: 'interrupted', rotations: flow.queue, confirmAbandon: false, back: flow.back };
  // The old token's details make no sense once it is revoked (or found gone): the list instead.
  const { rotation, back } = flow;
  const oldGone = rotation.status !== 'stopped' && rotation.step === 'summary';
  return back.kind === 'details' && back.tokenId === rotation.oldTokenId && oldGone ? { kind: 'list' } : back;
}

/** useRotationJournal wrote every entry up to `done`; a failed write is shown, never swallowed. */
export function applyJournalDone(state: AppState, done: number, failure: string | null): AppState {
  const next: AppState = { ...state, journalOutbox: state.journalOutbox.filter((write) => write.seq > done) };
  if (failure === null) return next;
  if (next.screen.kind !== 'rotate') return { ...next, flash: { text: failure, role: 'status.danger' } };
  const { flow } = next.screen;
  return withFlow(next, { ...flow, problems: [...flow.problems, failure] }, false);
}
