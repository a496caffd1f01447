// Answers for the rotate screen's asynchronous steps (the replacement's create, make default) and
// the rotation's reactions to its child revoke flow (the old token's preview, confirmation and
// revoke): the revoke flow reports, the rotation decides what each report means for its plan.
import { createWizardReducer } from '../../../core/create-wizard.ts';
import { resumeRotation } from '../../../core/rotation-plan.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { outcomeAction } from '../create/create-screen.ts';
import type { RotateEvent } from './rotate-messages.ts';
import { initialResultView } from '../create/result-view.ts';
import type { RevokeFlow, RevokeUpdate } from '../revoke/revoke-flow.ts';
import type { RotateFlow } from './rotate-flow.ts';
import { advance, withFlow } from './rotate-steps.ts';
import { leaveUnfinished } from './rotate-screen.ts';

export function applyRotateEvent(state: AppState, event: RotateEvent): AppState {
  if (state.screen.kind !== 'rotate') return state;
  const { flow } = state.screen;
  if (flow.pending?.ticket !== event.ticket) return state;
  if (event.kind === 'made-default') {
    const settled: RotateFlow = { ...flow, pending: null, problems: [...flow.problems, ...event.problems] };
    if (event.error === null) return advance(state, settled, { type: 'made-default' });
    return withFlow(state, { ...settled, failure: `could not make ${flow.rotation.newTokenId} the default: ${event.error}` });
  }
  const { wizard } = flow;
  if (wizard === null || wizard.phase !== 'creating') return state;
  const settled: RotateFlow = {
    ...flow,
    wizard: createWizardReducer(wizard, outcomeAction(wizard, event.outcome)),
    pending: null,
    problems: [...flow.problems, ...event.outcome.problems],
  };
  if (event.outcome.kind === 'created' && event.rotation !== null) {
    // Journaled by the runner the moment the create answered: not queued again.
    return withFlow(state, { ...settled, rotation: event.rotation, journaled: true, view: initialResultView }, false);
  }
  const uncertain = event.outcome.kind === 'failed' && event.outcome.uncertain;
  return withFlow(state, { ...settled, journaled: flow.journaled || !event.journalRefused, createUncertain: flow.createUncertain || uncertain });
}

/**
 * The rotation hosts the revoke flow for its old token and follows what the flow reports: the
 * preview shown = 'preview-old-impact' done, the confirmation accepted = 'confirm' done (journaled
 * before the revoke request goes out), revoked = 'revoke-old' done.
 */
export function updateRotateRevoke(state: AppState, flow: RotateFlow, change: (revoke: RevokeFlow, ticket: number) => RevokeUpdate): AppState {
  const { revoke } = flow;
  if (revoke === null) return state;
  const ticket = state.nextTicket;
  const { flow: next, output } = change(revoke, ticket);
  if (next === revoke && output === null) return state;
  const bumped = { ...state, nextTicket: ticket + 1 };
  const moved: RotateFlow = { ...flow, revoke: next };
  const old = flow.rotation.oldTokenId;
  switch (output?.kind) {
    case undefined:
      // Typing, scrolling, the revoke accepted and being verified: nothing for the rotation yet.
      return withFlow(state, moved);
    case 'previewed':
      return flow.rotation.step === 'preview-old-impact' ? advance(bumped, moved, { type: 'impact-previewed' }) : withFlow(bumped, moved);
    case 'preview-failed':
      if (output.notFound) return advance(state, { ...flow, revoke: null }, { type: 'old-gone' });
      return withFlow(state, { ...flow, revoke: null, failure: `could not preview the impact on ${old}: ${output.error}` });
    case 'confirmed':
      return advance(bumped, moved, { type: 'confirmed' });
    case 'conflict':
      // The old token changed since its preview: nothing was revoked; the new preview comes next.
      return withFlow(bumped, { ...moved, rotation: resumeRotation(flow.rotation, state.now) });
    case 'finished': {
      const { outcome, detail } = output.result;
      if (outcome === 'revoked' || outcome === 'unverified') return advance(bumped, moved, { type: 'old-revoked' });
      return withFlow(bumped, { ...moved, failure: `${old} ${detail}` });
    }
  }
}

/** n/Esc on the old token's preview: at the prompt the rotation stops (old token kept). */
export function leaveRotateRevoke(state: AppState, flow: RotateFlow): AppState {
  if (flow.revoke?.step.kind === 'confirm') return advance(state, flow, { type: 'stopped' });
  return leaveUnfinished(state, flow);
}
