// The create screen at the level of the whole app state: open it, feed the wizard, hand the
// runner its one create (a ticket, only once the review is confirmed), apply the answer, and
// leave, which drops the secret (the wizard's 'dismiss' rebuilds its state without the result,
// and the screen itself is gone).
import { createWizardReducer, initCreateWizard, type CreateWizardAction, type CreateWizardState } from '../../core/create-wizard.ts';
import type { AppState, BackTarget } from './app-state.ts';
import type { CreateOutcome } from './mutation-events.ts';
import { initialResultView, type ResultView } from './result-view.ts';

export interface CreateScreenState {
  readonly wizard: CreateWizardState;
  readonly view: ResultView;
  /** The create in flight: useCreateRunner sends it once, the answer must name it. */
  readonly ticket: number | null;
  /** Audit writes that failed: shown until the screen closes. */
  readonly problems: readonly string[];
  readonly back: BackTarget;
}

export function backTargetOf(state: AppState): BackTarget {
  return state.screen.kind === 'details' ? state.screen : { kind: 'list' };
}

/** The wizard's action for a runner's answer to the create it is waiting for. */
export function outcomeAction(wizard: CreateWizardState, outcome: CreateOutcome): CreateWizardAction {
  if (outcome.kind === 'failed') return { type: 'failed', attempt: wizard.attempt, error: outcome.error };
  const { created, joinCommand, joinCommandError } = outcome;
  return { type: 'created', attempt: wizard.attempt, created, joinCommand, ...(joinCommandError === null ? {} : { joinCommandError }) };
}

export function openCreate(state: AppState): AppState {
  const capabilities = state.mutations.capabilities;
  if (capabilities === null) return state;
  const create: CreateScreenState = { wizard: initCreateWizard(capabilities, state.now), view: initialResultView, ticket: null, problems: [], back: backTargetOf(state) };
  return { ...state, screen: { kind: 'create', create } };
}

function withCreate(state: AppState, create: CreateScreenState): AppState {
  return { ...state, screen: { kind: 'create', create } };
}

/** Applies a changed wizard: a new create gets a ticket; cancelled and closed leave the screen. */
export function changeCreateWizard(state: AppState, create: CreateScreenState, next: CreateWizardState): AppState {
  const before = create.wizard;
  if (next === before) return state;
  if (next.phase === 'cancelled') return { ...state, screen: create.back, flash: { text: 'create cancelled: nothing was created', role: 'status.muted' } };
  if (next.phase === 'closed') {
    const id = before.phase === 'created' ? before.result.created.token.id : '';
    const unrecorded = create.problems.length > 0 ? ' · the audit journal could not be written' : '';
    const text = `token ${id} created; its secret is no longer shown anywhere${unrecorded}`;
    return { ...state, screen: create.back, flash: { text, role: unrecorded === '' ? 'status.ok' : 'status.danger' } };
  }
  if (next.phase === 'creating' && before.phase !== 'creating') {
    return { ...withCreate(state, { ...create, wizard: next, ticket: state.nextTicket }), nextTicket: state.nextTicket + 1 };
  }
  return withCreate(state, { ...create, wizard: next });
}

export function applyCreateOutcome(state: AppState, ticket: number, outcome: CreateOutcome): AppState {
  const { screen } = state;
  if (screen.kind !== 'create' || screen.create.ticket !== ticket || screen.create.wizard.phase !== 'creating') return state;
  const { create } = screen;
  const wizard = createWizardReducer(create.wizard, outcomeAction(create.wizard, outcome));
  return withCreate(state, { ...create, wizard, ticket: null, view: initialResultView, problems: [...create.problems, ...outcome.problems] });
}
