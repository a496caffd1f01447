// The rotate screen's state, its slice of the app state: the core rotation plan
// (core/rotation-plan.ts, what the journal stores) plus the child flows that carry out its current
// step: the replacement's create wizard and its result (the secret, once), the make-default
// request, and a revoke flow for the old token's preview, confirmation and revoke. The rotation
// owns them and reacts to what they report (rotate-events.ts); neither knows it is hosted.
// This file starts it, says which stage is showing, what keys it takes and what I/O it asks for.
import type { CreateWizardState } from '../../../core/create-wizard.ts';
import type { ReplacementTtlSource, RotationState } from '../../../core/rotation-plan.ts';
import type { Mode } from '../../commands/modes.ts';
import type { BackTarget } from '../../shared/back-target.ts';
import { initialResultView, type ResultView } from '../create/result-view.ts';
import { flowMode, type RevokeFlow } from '../revoke/revoke-flow.ts';
import { wizardMode } from '../create/wizard-input.ts';

export type RotatePending = { readonly kind: 'create' | 'make-default'; readonly ticket: number };

export interface RotateScreen {
  readonly kind: 'rotate';
  readonly flow: RotateFlow;
}

/** Unfinished rotations from the journal: resume or abandon, one at a time. */
export interface InterruptedScreen {
  readonly kind: 'interrupted';
  readonly rotations: readonly RotationState[];
  readonly confirmAbandon: boolean;
  readonly back: BackTarget;
}

/** The rotation's own I/O, as data: the replacement's create, or making it the default (useRotationRunner). */
export type RotateEffect =
  | { readonly kind: 'create'; readonly ticket: number; readonly rotation: RotationState }
  /** `replaces`: the old token, for the audit record of the replacement. */
  | { readonly kind: 'make-default'; readonly ticket: number; readonly tokenId: string; readonly replaces: string };

export interface RotateFlow {
  readonly rotation: RotationState;
  /** The journal holds this rotation: the first write happens just before the create. */
  readonly journaled: boolean;
  /** A create may have reached the backend unanswered: cancelling keeps the journal record. */
  readonly createUncertain: boolean;
  /** The replacement's wizard until its result is left; null on a resume past the create. */
  readonly wizard: CreateWizardState | null;
  readonly view: ResultView;
  /** The old token's preview, confirmation and revoke (the revoke screen's own flow). */
  readonly revoke: RevokeFlow | null;
  readonly pending: RotatePending | null;
  /** Why the current step did not complete; Enter retries it. */
  readonly failure: string | null;
  /** Journal and audit writes that failed: shown until the screen closes. */
  readonly problems: readonly string[];
  /** Where the replacement's TTL came from; null for a rotation resumed from the journal. */
  readonly ttlSource: ReplacementTtlSource | null;
  readonly back: BackTarget;
  /** Unfinished rotations still to decide after this one (start-up resumes). */
  readonly queue: readonly RotationState[];
}

type RotateFlowStart = Pick<RotateFlow, 'rotation' | 'journaled' | 'createUncertain' | 'wizard' | 'ttlSource' | 'back' | 'queue'>;

/** A rotate screen just opened or resumed from the journal: nothing shown, pending, failed or revoked yet. */
export function rotateFlowFrom(start: RotateFlowStart): RotateFlow {
  return { ...start, view: initialResultView, revoke: null, pending: null, failure: null, problems: [] };
}

export type RotateStage =
  | { readonly kind: 'wizard'; readonly wizard: CreateWizardState }
  /** The replacement exists but its secret was lost with the interrupted process. */
  | { readonly kind: 'secret-lost' }
  | { readonly kind: 'make-default' }
  | { readonly kind: 'revoke'; readonly revoke: RevokeFlow }
  | { readonly kind: 'failed'; readonly failure: string }
  | { readonly kind: 'summary' };

export function rotateStage(flow: RotateFlow): RotateStage {
  const { rotation } = flow;
  if (rotation.status !== 'in-progress' || rotation.step === 'summary') return { kind: 'summary' };
  if (flow.failure !== null && flow.pending === null && flow.wizard === null) return { kind: 'failed', failure: flow.failure };
  switch (rotation.step) {
    case 'create-replacement':
    case 'show-replacement':
      return flow.wizard === null ? { kind: 'secret-lost' } : { kind: 'wizard', wizard: flow.wizard };
    case 'make-default':
      return { kind: 'make-default' };
    case 'preview-old-impact':
    case 'confirm':
    case 'revoke-old':
      return flow.revoke === null ? { kind: 'failed', failure: 'the preview did not start' } : { kind: 'revoke', revoke: flow.revoke };
  }
}

export function rotateMode(flow: RotateFlow, now: number): Mode {
  const stage = rotateStage(flow);
  switch (stage.kind) {
    case 'wizard': {
      const mode = wizardMode(stage.wizard);
      return mode === 'result' && flow.view.alone ? 'result-fallback' : mode;
    }
    case 'secret-lost':
    case 'failed':
      return 'rotate-continue';
    case 'make-default':
      return 'rotate-busy';
    case 'revoke':
      // A finished revoke that did not revoke is a failure (above); a revoked one is the summary.
      return flowMode(stage.revoke, now);
    case 'summary':
      return flow.rotation.status === 'stopped' ? 'rotate-stopped' : 'rotate-summary';
  }
}

export function rotateEffect(flow: RotateFlow): RotateEffect | null {
  const { pending, rotation } = flow;
  if (pending === null) return null;
  if (pending.kind === 'create') return { kind: 'create', ticket: pending.ticket, rotation };
  return { kind: 'make-default', ticket: pending.ticket, tokenId: rotation.newTokenId ?? '', replaces: rotation.oldTokenId };
}

/** What is in flight, in words (leaving is refused until it answers). */
export function rotatePendingWork(flow: RotateFlow): string | null {
  if (flow.pending?.kind === 'create') return 'the replacement is being created';
  if (flow.pending?.kind === 'make-default') return 'the replacement is being made the default';
  return null;
}
