// The rotate screen opened, resumed, left and closed, and its replacement wizard (a child it
// hosts, like the old token's revoke flow), at the level of the app state. Step mechanics and
// journaling: rotate-steps.ts; asynchronous answers and the revoke flow's reports: rotate-events.ts.
import { initCreateWizard, type CreateWizardState } from '../../../core/create-wizard.ts';
import { valuesFromRequest } from '../../../core/create-wizard-rules.ts';
import { nextStep, planReplacement, resumeRotation, ROTATION_STEP_LABELS, startRotation, type RotationState } from '../../../core/rotation-plan.ts';
import { decideRotation, resumeNotice } from '../../../adapters/operations/rotation-resume.ts';
import { toTokenTuiError } from '../../../core/errors.ts';
import type { AppState, Screen } from '../../view-model/app-state.ts';
import { backTargetOf } from '../../shared/back-target.ts';
import { initialResultView } from '../create/result-view.ts';
import { rotateFlowFrom, rotateStage, type RotateFlow } from './rotate-flow.ts';
import { advance, enqueueJournal, enterStep, leaveTo, withFlow } from './rotate-steps.ts';
import { wizardAtStep } from '../create/wizard-input.ts';

// Deterministic (the reducer is pure) and unique enough: the clock in ms and this session's ticket.
function rotationIdFor(now: number, ticket: number): string {
  return `${Math.max(0, Math.floor(now)).toString(36)}-${ticket.toString(36)}`;
}

export function openRotate(state: AppState): AppState {
  const { capabilities, rotateUnavailable, rotationTarget } = state.mutations;
  if (capabilities === null || rotateUnavailable !== null) return state;
  const id = state.screen.kind === 'details' ? state.screen.tokenId : state.selection.id;
  const entry = id === null ? undefined : state.data.entries.get(id);
  if (entry === undefined) return { ...state, flash: { text: 'no token to rotate: select one', role: 'status.warn' } };
  const old = entry.token;
  // One rotation per old token (operations/rotation-resume.ts, as on the command line): its own
  // unfinished one goes on with the same replacement; only one cut off during its create asks.
  const decision = decideRotation(state.interrupted, old.id, state.now);
  if (decision.kind === 'resume') {
    const resumed = resumeRotationFlow(state, decision.was, [], backTargetOf(state.screen));
    return { ...resumed, flash: { text: resumeNotice(decision.was), role: 'status.warn' } };
  }
  if (decision.kind === 'replacement-unknown') {
    const screen: Screen = { kind: 'interrupted', rotations: [decision.was], confirmAbandon: false, back: backTargetOf(state.screen) };
    return { ...state, screen, flash: { text: `${old.id} has an unfinished rotation: resume or abandon it first`, role: 'status.warn' } };
  }
  const plan = planReplacement(old, capabilities);
  const ticket = state.nextTicket;
  const rotation = startRotation({ rotationId: rotationIdFor(state.now, ticket), old, ...rotationTarget, capabilities, replacement: plan.request, now: state.now });
  // The replacement starts as the old token's copy, on the step most rotations change: the TTL.
  const wizard = wizardAtStep(initCreateWizard(capabilities, state.now, valuesFromRequest(plan.request, capabilities)), 'ttl');
  const flow = rotateFlowFrom({
    rotation,
    journaled: false,
    createUncertain: false,
    wizard,
    ttlSource: plan.ttlSource,
    back: backTargetOf(state.screen),
    queue: [],
  });
  return withFlow({ ...state, nextTicket: ticket + 1 }, flow);
}

/** From the journal: continues at the step after the last one done; nothing is done twice. */
export function resumeRotationFlow(state: AppState, saved: RotationState, queue: readonly RotationState[], back: RotateFlow['back']): AppState {
  const { capabilities } = state.mutations;
  const rotation = resumeRotation(saved, state.now);
  // Not created yet (or unknown): the review of the journaled request, confirmed with Enter again.
  const wizard =
    rotation.step === 'create-replacement' && capabilities !== null
      ? wizardAtStep(initCreateWizard(capabilities, state.now, valuesFromRequest(rotation.replacement, capabilities)), 'review')
      : null;
  const flow = rotateFlowFrom({ rotation, journaled: true, createUncertain: rotation.newTokenId === undefined, wizard, ttlSource: null, back, queue });
  const remaining = state.interrupted.filter((item) => item.rotationId !== saved.rotationId);
  return enterStep({ ...state, interrupted: remaining }, flow);
}

/** Leaves with the rotation in the journal, resumable by r on the old token or at the next start. */
export function leaveUnfinished(state: AppState, flow: RotateFlow): AppState {
  const { rotation } = flow;
  const old = rotation.oldTokenId;
  if (!flow.journaled) return { ...state, screen: leaveTo(flow), flash: { text: `rotation of ${old} cancelled: nothing was created`, role: 'status.muted' } };
  const others = state.interrupted.filter((item) => item.rotationId !== rotation.rotationId);
  const text = `rotation of ${old} left unfinished at "${ROTATION_STEP_LABELS[rotation.step]}": r on ${old}, or the next start, resumes it`;
  return { ...state, interrupted: [...others, rotation], screen: leaveTo(flow), flash: { text, role: 'status.warn' } };
}

function cancelRotate(state: AppState, flow: RotateFlow): AppState {
  if (flow.journaled && flow.createUncertain) return leaveUnfinished(state, flow);
  // A journaled rotation whose creates were all refused: nothing exists, so no record stays.
  const cleared = flow.journaled ? enqueueJournal(state, { kind: 'remove', rotationId: flow.rotation.rotationId }) : state;
  return { ...cleared, screen: leaveTo(flow), flash: { text: `rotation of ${flow.rotation.oldTokenId} cancelled: nothing was created`, role: 'status.muted' } };
}

export function changeRotateWizard(state: AppState, flow: RotateFlow, next: CreateWizardState): AppState {
  const before = flow.wizard;
  if (before === null || next === before) return state;
  switch (next.phase) {
    case 'cancelled':
      return cancelRotate(state, flow);
    case 'closed':
      return advance(state, { ...flow, wizard: null, view: initialResultView }, { type: 'replacement-shown' });
    case 'creating': {
      if (before.phase === 'creating') return withFlow(state, { ...flow, wizard: next });
      const ticket = state.nextTicket;
      const startedAt = flow.journaled ? flow.rotation.startedAt : state.now;
      // The wizard edits what a person chooses; what the replacement replaces is the rotation's own.
      const { replaces } = flow.rotation.replacement;
      const replacement = replaces === undefined ? next.request : { ...next.request, replaces };
      const rotation = { ...flow.rotation, replacement, startedAt, updatedAt: state.now };
      // The runner journals this before it creates (a failed write stops it), so not queued here.
      return withFlow({ ...state, nextTicket: ticket + 1 }, { ...flow, wizard: next, rotation, pending: { kind: 'create', ticket } }, false);
    }
    default:
      return withFlow(state, { ...flow, wizard: next });
  }
}

/** Enter on a waiting step: go on past a lost secret, or retry the step that failed. */
export function continueRotate(state: AppState, flow: RotateFlow): AppState {
  const stage = rotateStage(flow);
  if (stage.kind === 'secret-lost') return advance(state, flow, { type: 'replacement-shown' });
  if (stage.kind !== 'failed') return state;
  // A revoke that failed is previewed and confirmed again: the old token may have changed.
  return enterStep(state, { ...flow, rotation: resumeRotation(flow.rotation, state.now), revoke: null, failure: null });
}

function summaryFlash(rotation: RotationState, problems: readonly string[]): AppState['flash'] {
  const old = rotation.oldTokenId;
  const replacement = rotation.newTokenId ?? '(none)';
  const unrecorded = problems.length > 0 ? ' · some journal writes failed (see above)' : '';
  if (rotation.status === 'stopped') {
    return { text: `rotation stopped: replacement ${replacement} kept; ${old} NOT revoked — r on ${old} resumes it with the same replacement${unrecorded}`, role: 'status.warn' };
  }
  const how = rotation.completedSteps.includes('revoke-old') ? `${old} revoked` : `${old} was already gone`;
  return { text: `rotated ${old} → ${replacement}: ${how}${unrecorded}`, role: unrecorded === '' ? 'status.ok' : 'status.danger' };
}

/** Closes the summary: a finished rotation is marked done (its journal file goes). */
export function closeRotate(state: AppState, flow: RotateFlow): AppState {
  let { rotation } = flow;
  let next = state;
  if (rotation.status === 'in-progress') {
    try {
      rotation = nextStep(rotation, { type: 'summary-shown', at: state.now });
    } catch (error) {
      return withFlow(state, { ...flow, failure: toTokenTuiError(error, 'rotation').message });
    }
    next = enqueueJournal(state, { kind: 'remove', rotationId: rotation.rotationId });
  }
  // A stopped rotation stays unfinished: r on its old token resumes it.
  const others = next.interrupted.filter((item) => item.rotationId !== rotation.rotationId);
  const interrupted = rotation.status === 'stopped' ? [...others, rotation] : others;
  return { ...next, interrupted, screen: leaveTo(flow), flash: summaryFlash(rotation, flow.problems) };
}

/** a on a stopped rotation's summary: the abandon question (which then offers to revoke the replacement). */
export function abandonStopped(state: AppState, flow: RotateFlow): AppState {
  if (flow.rotation.status !== 'stopped') return state;
  const others = state.interrupted.filter((item) => item.rotationId !== flow.rotation.rotationId);
  return { ...state, interrupted: [...others, flow.rotation], screen: { kind: 'interrupted', rotations: [flow.rotation], confirmAbandon: true, back: flow.back } };
}
