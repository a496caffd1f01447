// The create screen at the level of the app state: open it, apply a changed wizard (a new create
// gets a ticket), apply the runner's answer, and leave, which drops the secret (the wizard's
// 'dismiss' rebuilds its state without the result, and the screen itself is gone).
import { createWizardReducer, type CreateWizardState } from '../../../core/create-wizard.ts';
import { backTargetOf } from '../../shared/back-target.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { outcomeAction, startCreate, type CreateOutcome, type CreateScreenState } from './create-screen.ts';
import { initialResultView } from './result-view.ts';

export function openCreate(state: AppState): AppState {
  const { capabilities } = state.mutations;
  if (capabilities === null) return state;
  return { ...state, screen: { kind: 'create', create: startCreate(capabilities, state.now, backTargetOf(state.screen)) } };
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
