// Answers for the rotate screen's asynchronous steps (the replacement's create, make default,
// the old token's preview and revoke) and keys on the old token's revoke prompt. The rotation
// follows the revoke screen's own flow: preview shown = 'preview-old-impact' done, confirmation
// accepted = 'confirm' done (journaled before the revoke request goes out), revoked = 'revoke-old'.
import { createWizardReducer } from '../../core/create-wizard.ts';
import { resumeRotation } from '../../core/rotation-plan.ts';
import type { AppState } from './app-state.ts';
import { outcomeAction } from './create-screen.ts';
import type { RotateEvent } from './mutation-events.ts';
import { initialResultView } from './result-view.ts';
import { applyRevokeEvent, stepTicket, type RevokeEvent, type RevokeFlow } from './revoke-flow.ts';
import type { RotateFlow } from './rotate-flow.ts';
import { advance, withFlow } from './rotate-steps.ts';
import { leaveUnfinished } from './rotate-actions.ts';

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

/** A result for the old token's preview or revoke: the rotation follows the revoke flow. */
export function rotateRevokeEvent(state: AppState, flow: RotateFlow, event: RevokeEvent): AppState {
  const { revoke } = flow;
  if (revoke === null || stepTicket(revoke.step) !== event.ticket) return state;
  const old = flow.rotation.oldTokenId;
  if (event.kind === 'preview-failed') {
    if (event.notFound === true) return advance(state, { ...flow, revoke: null }, { type: 'old-gone' });
    return withFlow(state, { ...flow, revoke: null, failure: `could not preview the impact on ${old}: ${event.error}` });
  }
  const ticket = state.nextTicket;
  const bumped = { ...state, nextTicket: ticket + 1 };
  const moved: RotateFlow = { ...flow, revoke: applyRevokeEvent(revoke, event, ticket) };
  switch (event.kind) {
    case 'preview':
      return flow.rotation.step === 'preview-old-impact' ? advance(bumped, moved, { type: 'impact-previewed' }) : withFlow(bumped, moved);
    case 'conflict':
      // The old token changed since its preview: nothing was revoked; the new preview comes next.
      return withFlow(bumped, { ...moved, rotation: resumeRotation(flow.rotation, state.now) });
    case 'verifying':
      return withFlow(bumped, moved);
    case 'finished': {
      const { outcome, detail } = event.result;
      if (outcome === 'revoked' || outcome === 'unverified') return advance(bumped, moved, { type: 'old-revoked' });
      return withFlow(bumped, { ...moved, failure: `${old} ${detail}` });
    }
  }
}

/** A key on the old token's revoke prompt; the accepted confirmation is journaled as 'confirm'. */
export function rotateRevokeKey(state: AppState, flow: RotateFlow, change: (revoke: RevokeFlow, ticket: number) => RevokeFlow): AppState {
  const { revoke } = flow;
  if (revoke === null) return state;
  const ticket = state.nextTicket;
  const next = change(revoke, ticket);
  if (next === revoke) return state;
  const moved: RotateFlow = { ...flow, revoke: next };
  if (next.step.kind === 'revoking' && revoke.step.kind === 'confirm') return advance({ ...state, nextTicket: ticket + 1 }, moved, { type: 'confirmed' });
  return withFlow(state, moved);
}

/** n/Esc on the old token's preview: at the prompt the rotation stops (old token kept). */
export function leaveRotateRevoke(state: AppState, flow: RotateFlow): AppState {
  if (flow.revoke?.step.kind === 'confirm') return advance(state, flow, { type: 'stopped' });
  return leaveUnfinished(state, flow);
}
