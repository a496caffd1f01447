// Keys for the wizard and the result view, wherever they are shown (the create screen, or the
// rotate screen's replacement): one place that finds them and hands the change to the owner.
import { createWizardReducer, type CreateWizardAction, type CreateWizardResult, type CreateWizardState } from '../../core/create-wizard.ts';
import type { AppState } from './app-state.ts';
import { changeCreateWizard } from './create-screen.ts';
import { copyDone, requestCopy, type CopyTarget, type ResultView } from './result-view.ts';
import { changeRotateWizard } from './rotate-actions.ts';
import { resultOf } from './screen-parts.ts';

export function updateWizard(state: AppState, change: (wizard: CreateWizardState) => CreateWizardState): AppState {
  const { screen } = state;
  if (screen.kind === 'create') return changeCreateWizard(state, screen.create, change(screen.create.wizard));
  if (screen.kind === 'rotate' && screen.flow.wizard !== null) return changeRotateWizard(state, screen.flow, change(screen.flow.wizard));
  return state;
}

export function dispatchWizard(state: AppState, action: CreateWizardAction): AppState {
  return updateWizard(state, (wizard) => createWizardReducer(wizard, action));
}

function updateResultView(state: AppState, change: (view: ResultView, result: CreateWizardResult) => ResultView): AppState {
  const shown = resultOf(state.screen);
  if (shown === null) return state;
  const view = change(shown.view, shown.result);
  if (view === shown.view) return state;
  const { screen } = state;
  if (screen.kind === 'create') return { ...state, screen: { kind: 'create', create: { ...screen.create, view } } };
  if (screen.kind === 'rotate') return { ...state, screen: { kind: 'rotate', flow: { ...screen.flow, view } } };
  return state;
}

/** y / Y: a copy request useTerminalCopy writes once (its seq is a fresh ticket). */
export function copyFromResult(state: AppState, what: CopyTarget): AppState {
  const seq = state.nextTicket;
  const next = updateResultView(state, (view, result) => requestCopy(view, result, what, seq));
  return next === state ? state : { ...next, nextTicket: seq + 1 };
}

export function showAlone(state: AppState, alone: boolean): AppState {
  return updateResultView(state, (view) => (view.alone === alone ? view : { ...view, alone }));
}

export function applyCopyDone(state: AppState, seq: number, error: string | null): AppState {
  return updateResultView(state, (view) => copyDone(view, seq, error, state.tmux));
}
