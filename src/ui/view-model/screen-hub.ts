// The flows several screens host, found wherever they are: a revoke flow (the revoke screen's,
// or a rotation's for its old token), a create wizard and its result (the create screen's, or a
// rotation's replacement). Each screen hosts them its own way (the rotation journals what they
// report); this is the one place that knows which screen hosts what, so the flows' commands and
// runners never know their host.
import { createWizardReducer, type CreateWizardAction, type CreateWizardResult, type CreateWizardState } from '../../core/create-wizard.ts';
import { changeCreateWizard } from '../features/create/create-host.ts';
import type { ResultView } from '../features/create/result-view.ts';
import type { RevokeFlow, RevokeUpdate } from '../features/revoke/revoke-flow.ts';
import { revokeBodyLines } from '../features/revoke/revoke-lines.ts';
import { leaveRevokeScreen, updateRevokeScreen } from '../features/revoke/revoke-screen.ts';
import { leaveRotateRevoke, updateRotateRevoke } from '../features/rotate/rotate-events.ts';
import { rotatePendingWork } from '../features/rotate/rotate-flow.ts';
import { rotatePlanLines } from '../features/rotate/rotate-lines.ts';
import { changeRotateWizard } from '../features/rotate/rotate-screen.ts';
import { withFlow } from '../features/rotate/rotate-steps.ts';
import { serverTokenPendingWork } from '../features/server-token/server-token-flow.ts';
import { problemLines, promptedBodyHeight } from '../shared/screen-line.ts';
import type { AppState, Screen } from './app-state.ts';

/** The revoke flow on screen and how its host takes an update. */
export interface RevokeHost {
  readonly flow: RevokeFlow;
  /** Lines the preview has above the pinned prompt (a rotation shows its plan above it too). */
  readonly viewHeight: number;
  /** How the journal records its revoke: 'rotate' when it ends a rotation (as the command line records it). */
  readonly auditAction: 'revoke' | 'rotate';
  /** A rotation's revoke of its old token: the replacement, for the journal. */
  readonly replacedBy?: string;
  update(change: (flow: RevokeFlow, ticket: number) => RevokeUpdate): AppState;
  /** n/Esc: the host decides what leaving means (a rotation stops at its confirmation). */
  leave(): AppState;
}

export function activeRevoke(state: AppState): RevokeHost | null {
  const { screen, viewport } = state;
  const height = (above: number) => promptedBodyHeight(viewport, above);
  if (screen.kind === 'revoke') {
    return {
      flow: screen.flow,
      viewHeight: height(0),
      auditAction: 'revoke',
      update: (change) => updateRevokeScreen(state, screen, change),
      leave: () => leaveRevokeScreen(state, screen),
    };
  }
  if (screen.kind === 'rotate' && screen.flow.revoke !== null) {
    const { flow } = screen;
    const plan = rotatePlanLines(flow.rotation, viewport).length + problemLines(flow.problems, viewport.columns).length;
    return {
      flow: flow.revoke!,
      viewHeight: height(plan),
      auditAction: 'rotate',
      ...(flow.rotation.newTokenId === undefined ? {} : { replacedBy: flow.rotation.newTokenId }),
      update: (change) => updateRotateRevoke(state, flow, change),
      leave: () => leaveRotateRevoke(state, flow),
    };
  }
  return null;
}

/** How far the active revoke preview scrolls: its lines minus what fits above the prompt. */
export function revokeMaxScroll(state: AppState): number {
  const host = activeRevoke(state);
  return host === null ? 0 : Math.max(0, revokeBodyLines(host.flow, state.viewport.columns).length - host.viewHeight);
}

export function wizardOf(screen: Screen): CreateWizardState | null {
  if (screen.kind === 'create') return screen.create.wizard;
  if (screen.kind === 'rotate') return screen.flow.wizard;
  return null;
}

/** A changed wizard, applied by the screen that hosts it (a rotation journals the create it starts). */
export function updateWizard(state: AppState, change: (wizard: CreateWizardState) => CreateWizardState): AppState {
  const { screen } = state;
  if (screen.kind === 'create') return changeCreateWizard(state, screen.create, change(screen.create.wizard));
  if (screen.kind === 'rotate' && screen.flow.wizard !== null) return changeRotateWizard(state, screen.flow, change(screen.flow.wizard));
  return state;
}

export function dispatchWizard(state: AppState, action: CreateWizardAction): AppState {
  return updateWizard(state, (wizard) => createWizardReducer(wizard, action));
}

export interface ShownResult {
  readonly result: CreateWizardResult;
  readonly view: ResultView;
}

/** The created token on screen (its secret included), if any. */
export function resultOf(screen: Screen): ShownResult | null {
  const wizard = wizardOf(screen);
  if (wizard?.phase !== 'created') return null;
  const view = screen.kind === 'create' ? screen.create.view : screen.kind === 'rotate' ? screen.flow.view : null;
  return view === null ? null : { result: wizard.result, view };
}

/** The result screen's view changed (a copy asked for, the command shown alone). */
export function updateResultView(state: AppState, change: (view: ResultView, result: CreateWizardResult) => ResultView): AppState {
  const shown = resultOf(state.screen);
  if (shown === null) return state;
  const view = change(shown.view, shown.result);
  if (view === shown.view) return state;
  const { screen } = state;
  if (screen.kind === 'create') return { ...state, screen: { kind: 'create', create: { ...screen.create, view } } };
  if (screen.kind === 'rotate') return withFlow(state, { ...screen.flow, view }, false);
  return state;
}

/** A step in flight that leaving would hide, in words. */
export function pendingWork(screen: Screen): string | null {
  if (screen.kind === 'create') return screen.create.wizard.phase === 'creating' ? 'the token is being created' : null;
  if (screen.kind === 'rotate') return rotatePendingWork(screen.flow);
  if (screen.kind === 'server-token') return serverTokenPendingWork(screen.flow);
  if (screen.kind === 'make-default') return screen.flow.phase.kind === 'applying' ? 'the default is being changed' : null;
  if (screen.kind === 'server-ttl' && screen.step.kind === 'changing') return "the server's token lifetime is being changed";
  return null;
}
