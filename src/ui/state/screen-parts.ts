// The parts several screens share, found wherever they are: the revoke flow (the revoke
// screen's, or the rotate screen's for the old token), the wizard, and a created token's result.
import type { CreateWizardResult, CreateWizardState } from '../../core/create-wizard.ts';
import type { Screen } from './app-state.ts';
import type { ResultView } from './result-view.ts';
import type { RevokeFlow } from './revoke-flow.ts';
import { rotatePendingWork } from './rotate-flow.ts';
import { serverTokenPendingWork } from './server-token-flow.ts';

export function revokeFlowOf(screen: Screen): RevokeFlow | null {
  if (screen.kind === 'revoke') return screen.flow;
  if (screen.kind === 'rotate') return screen.flow.revoke;
  return null;
}

export function wizardOf(screen: Screen): CreateWizardState | null {
  if (screen.kind === 'create') return screen.create.wizard;
  if (screen.kind === 'rotate') return screen.flow.wizard;
  return null;
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

export function pendingWork(screen: Screen): string | null {
  if (screen.kind === 'create') return screen.create.wizard.phase === 'creating' ? 'the token is being created' : null;
  if (screen.kind === 'rotate') return rotatePendingWork(screen.flow);
  if (screen.kind === 'server-token') return serverTokenPendingWork(screen.flow);
  return null;
}
