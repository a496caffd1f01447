// The revoke flow as a pure state machine on its own slice. A batch of several tokens starts with
// one combined preview (overview-computing -> overview, revoke-batch.ts); then each token goes
// through computing -> confirm -> revoking, and the batch ends in done. Nothing reaches the
// adapter's revoke() except through the 'revoking' step, and only confirmFlow() enters it, after
// the preview's gate opened (every line seen, the dwell past: shared/preview-gate.ts) and the core
// policy (confirmationSatisfied) accepted what the operator pressed or typed for THIS preview.
// Asynchronous steps carry a ticket: a result is applied only while its step is still current,
// so a preview that arrives after Esc (or after a newer preview) changes nothing.
// Whoever shows the flow (the revoke screen, or a rotation for its old token) reacts to what a
// transition reports (RevokeOutput); the flow knows nothing of them. Its I/O is an effect as
// data (revokeEffect), performed by useRevokeRunner.
import type { CombinedImpact } from '../../../core/batch-impact.ts';
import { requiredConfirmation, type ImpactPreview } from '../../../core/impact.ts';
import { confirmationSatisfied } from '../../../core/revoke-policy.ts';
import type { Mode } from '../../commands/modes.ts';
import type { BackTarget } from '../../shared/back-target.ts';
import { gateState, type PreviewGate } from '../../shared/preview-gate.ts';
import { withoutLastChar } from '../../shared/text-field.ts';
import type { RevokeBatch } from '../list/marks.ts';

export const CHANGED_BANNER = 'token changed since the preview — review again';

/** skipped: the operator passed over it in a batch (n / Tab). */
export type RevokeOutcome = 'revoked' | 'unverified' | 'failed' | 'not-revoked' | 'skipped';

export interface RevokeResult {
  readonly tokenId: string;
  readonly outcome: RevokeOutcome;
  readonly detail: string;
  /** The adapter's own post-revoke checks (RevokeReport): what passed, what did not settle. */
  readonly verified?: readonly string[];
  readonly warnings?: readonly string[];
}

export type RevokeConfirmation = 'yes' | 'typed-id';

/** A batch's combined preview: the tokens' previews together, and those that could not be previewed. */
export interface BatchOverview {
  readonly combined: CombinedImpact;
  readonly failed: readonly { readonly tokenId: string; readonly error: string }[];
}

export type RevokeStep =
  /** A batch's previews, all of them, before any token's own step. */
  | { readonly kind: 'overview-computing'; readonly ticket: number }
  /** The combined preview; Enter (once its gate opens) begins the per-token steps. `gate` null: not drawn yet. */
  | { readonly kind: 'overview'; readonly overview: BatchOverview; readonly gate: PreviewGate | null }
  | { readonly kind: 'computing'; readonly ticket: number }
  /** `gate` null: the preview has not been drawn yet (the reducer stamps it: view-model/preview-seen.ts). */
  | { readonly kind: 'confirm'; readonly preview: ImpactPreview; readonly typed: string; readonly mismatch: boolean; readonly gate: PreviewGate | null }
  | {
      readonly kind: 'revoking';
      readonly ticket: number;
      readonly preview: ImpactPreview;
      readonly confirmation: RevokeConfirmation;
      /** The backend accepted the revoke; now checking the token is gone. */
      readonly verifying: boolean;
    }
  /** `stopped`: Esc stopped a batch before its end (the rest untouched). */
  | { readonly kind: 'done'; readonly stopped?: boolean };

export interface RevokeFlow {
  readonly batch: RevokeBatch;
  /** Position in batch.ids of the token being handled. */
  readonly index: number;
  readonly step: RevokeStep;
  /** Why the operator is looking at this preview again (the token changed). */
  readonly banner: string | null;
  readonly results: readonly RevokeResult[];
  /** Journal writes that failed: shown on every step until the screen closes. */
  readonly auditFailures: readonly string[];
  readonly scroll: number;
  readonly back: BackTarget;
}

/** The revoke screen: the flow for the selected or marked tokens. */
export interface RevokeScreen {
  readonly kind: 'revoke';
  readonly flow: RevokeFlow;
}

/** What a transition did that its host may react to (a rotation journals each as a step). */
export type RevokeOutput =
  | { readonly kind: 'previewed' }
  | { readonly kind: 'preview-failed'; readonly notFound: boolean; readonly error: string }
  /** The confirmation was accepted: the revoke request is next. */
  | { readonly kind: 'confirmed' }
  /** The token changed since the preview: nothing was revoked; a new preview is computing. */
  | { readonly kind: 'conflict' }
  | { readonly kind: 'finished'; readonly result: RevokeResult };

export interface RevokeUpdate {
  readonly flow: RevokeFlow;
  readonly output: RevokeOutput | null;
}

/** The I/O the current step asks for, performed once per ticket by useRevokeRunner. */
export type RevokeEffect =
  | { readonly kind: 'preview-batch'; readonly ticket: number; readonly tokenIds: readonly string[] }
  | { readonly kind: 'preview'; readonly ticket: number; readonly tokenId: string }
  | { readonly kind: 'revoke'; readonly ticket: number; readonly preview: ImpactPreview; readonly confirmation: RevokeConfirmation };

export type RevokeEvent =
  | { readonly kind: 'batch-previewed'; readonly ticket: number; readonly overview: BatchOverview }
  | { readonly kind: 'preview'; readonly ticket: number; readonly preview: ImpactPreview }
  /** notFound: the token no longer exists (a rotation then has nothing left to revoke). */
  | { readonly kind: 'preview-failed'; readonly ticket: number; readonly error: string; readonly notFound?: boolean }
  | { readonly kind: 'verifying'; readonly ticket: number }
  /** The token changed since the preview: nothing was deleted. */
  | { readonly kind: 'conflict'; readonly ticket: number; readonly auditFailure: string | null }
  | { readonly kind: 'finished'; readonly ticket: number; readonly result: RevokeResult; readonly auditFailure: string | null };

/** A batch of several tokens starts with its combined preview; one token with its own. */
export function startFlow(batch: RevokeBatch, back: BackTarget, ticket: number): RevokeFlow {
  const step: RevokeStep = batch.ids.length > 1 ? { kind: 'overview-computing', ticket } : { kind: 'computing', ticket };
  return { batch, index: 0, step, banner: null, results: [], auditFailures: [], scroll: 0, back };
}

export function isBatch(flow: RevokeFlow): boolean {
  return flow.batch.ids.length > 1;
}

/** The gate of the preview on screen (a token's, or the batch's combined one), if one is. */
export function gateOf(step: RevokeStep): PreviewGate | null | undefined {
  return step.kind === 'confirm' || step.kind === 'overview' ? step.gate : undefined;
}

/** The flow with the gate of its preview on screen replaced (the reducer's stamp: view-model/preview-seen.ts). */
export function withGate(flow: RevokeFlow, gate: PreviewGate): RevokeFlow {
  const { step } = flow;
  if (step.kind !== 'confirm' && step.kind !== 'overview') return flow;
  return { ...flow, step: { ...step, gate } };
}

/** Whether a confirmation key counts now (tested again by confirmFlow, not only by the mode). */
export function gateOpen(flow: RevokeFlow, now: number): boolean {
  const gate = gateOf(flow.step);
  return gate !== undefined && gateState(gate, now, 0).kind === 'open';
}

export function currentTokenId(flow: RevokeFlow): string {
  return flow.batch.ids[flow.index] ?? '';
}

export function stepTicket(step: RevokeStep): number | null {
  return step.kind === 'computing' || step.kind === 'revoking' || step.kind === 'overview-computing' ? step.ticket : null;
}

export function revokeEffect(flow: RevokeFlow): RevokeEffect | null {
  const { step } = flow;
  if (step.kind === 'overview-computing') return { kind: 'preview-batch', ticket: step.ticket, tokenIds: flow.batch.ids };
  if (step.kind === 'computing') return { kind: 'preview', ticket: step.ticket, tokenId: currentTokenId(flow) };
  if (step.kind === 'revoking') return { kind: 'revoke', ticket: step.ticket, preview: step.preview, confirmation: step.confirmation };
  return null;
}

export function isFlowBusy(flow: RevokeFlow): boolean {
  return flow.step.kind === 'revoking';
}

/** What the keys mean: while a preview's gate is shut, only reading, skipping and leaving. */
export function flowMode(flow: RevokeFlow, now: number): Mode {
  const { step } = flow;
  if (step.kind !== 'confirm' && step.kind !== 'overview') return 'revoke';
  if (!gateOpen(flow, now)) return 'revoke-waiting';
  if (step.kind === 'overview') return 'revoke-overview';
  return requiredConfirmation(step.preview) === 'yes' ? 'revoke-confirm' : 'revoke-typing';
}

/** The next token, or done. */
export function advance(flow: RevokeFlow, result: RevokeResult, auditFailure: string | null, ticket: number): RevokeFlow {
  const results = [...flow.results, result];
  const auditFailures = auditFailure === null ? flow.auditFailures : [...flow.auditFailures, auditFailure];
  const index = flow.index + 1;
  const step: RevokeStep = index < flow.batch.ids.length ? { kind: 'computing', ticket } : { kind: 'done' };
  return { ...flow, index: Math.min(index, flow.batch.ids.length - 1), step, banner: null, results, auditFailures, scroll: 0 };
}

const unchanged = (flow: RevokeFlow): RevokeUpdate => ({ flow, output: null });

/** `ticket` is fresh: used if the event starts another asynchronous step. */
export function applyRevokeEvent(flow: RevokeFlow, event: RevokeEvent, ticket: number): RevokeUpdate {
  if (stepTicket(flow.step) !== event.ticket) return unchanged(flow);
  const { step } = flow;
  switch (event.kind) {
    case 'batch-previewed':
      if (step.kind !== 'overview-computing') return unchanged(flow);
      return unchanged({ ...flow, step: { kind: 'overview', overview: event.overview, gate: null }, scroll: 0 });
    case 'preview':
      if (step.kind !== 'computing') return unchanged(flow);
      return { flow: { ...flow, step: { kind: 'confirm', preview: event.preview, typed: '', mismatch: false, gate: null }, scroll: 0 }, output: { kind: 'previewed' } };
    case 'preview-failed': {
      const detail = `could not compute the impact: ${event.error}`;
      const next = advance(flow, { tokenId: currentTokenId(flow), outcome: 'not-revoked', detail }, null, ticket);
      return { flow: next, output: { kind: 'preview-failed', notFound: event.notFound === true, error: event.error } };
    }
    case 'verifying':
      return step.kind === 'revoking' ? unchanged({ ...flow, step: { ...step, verifying: true } }) : unchanged(flow);
    case 'conflict': {
      // Show the preview of what is there now instead of deleting it.
      const auditFailures = event.auditFailure === null ? flow.auditFailures : [...flow.auditFailures, event.auditFailure];
      return { flow: { ...flow, step: { kind: 'computing', ticket }, banner: CHANGED_BANNER, auditFailures, scroll: 0 }, output: { kind: 'conflict' } };
    }
    case 'finished':
      return { flow: advance(flow, event.result, event.auditFailure, ticket), output: { kind: 'finished', result: event.result } };
  }
}

export function typeIntoFlow(flow: RevokeFlow, text: string): RevokeFlow {
  const { step } = flow;
  if (step.kind !== 'confirm') return flow;
  return { ...flow, step: { ...step, typed: step.typed + text, mismatch: false } };
}

export function deleteTypedChar(flow: RevokeFlow): RevokeFlow {
  const { step } = flow;
  if (step.kind !== 'confirm') return flow;
  return { ...flow, step: { ...step, typed: withoutLastChar(step.typed), mismatch: false } };
}

export function scrollFlow(flow: RevokeFlow, delta: number, maxScroll: number): RevokeFlow {
  const scroll = Math.max(0, Math.min(maxScroll, flow.scroll + delta));
  return scroll === flow.scroll ? flow : { ...flow, scroll };
}

/** y/Enter (`yes`) or Enter after typing (`typed`): revoking only when the gate is open and the policy accepts it. */
export function confirmFlow(flow: RevokeFlow, how: 'yes' | 'typed', ticket: number, now: number): RevokeUpdate {
  const { step } = flow;
  if (step.kind !== 'confirm' || !gateOpen(flow, now)) return unchanged(flow);
  const tokenId = currentTokenId(flow);
  const input = how === 'yes' ? ({ kind: 'key', key: 'y' } as const) : ({ kind: 'typed', text: step.typed } as const);
  if (!confirmationSatisfied(step.preview, input, tokenId)) return unchanged(how === 'typed' ? { ...flow, step: { ...step, mismatch: true } } : flow);
  const confirmation: RevokeConfirmation = how === 'yes' ? 'yes' : 'typed-id';
  return { flow: { ...flow, step: { kind: 'revoking', ticket, preview: step.preview, confirmation, verifying: false } }, output: { kind: 'confirmed' } };
}

export function revokedCount(flow: RevokeFlow): number {
  return flow.results.filter((result) => result.outcome === 'revoked' || result.outcome === 'unverified').length;
}

/** What the list says after the revoke screen closes. */
export function leaveMessage(flow: RevokeFlow): string {
  const total = flow.batch.ids.length;
  const revoked = revokedCount(flow);
  const journal = flow.auditFailures.length > 0 ? ' · the audit journal could not be written' : '';
  if (flow.results.length === 0) return `revoke cancelled: nothing was revoked${journal}`;
  const skipped = flow.results.filter((result) => result.outcome === 'skipped').length;
  const untouched = total - flow.results.length;
  const rest = [skipped > 0 ? `${skipped} skipped` : '', untouched > 0 ? `${untouched} untouched` : ''].filter((part) => part !== '');
  return `${flow.step.kind === 'done' && flow.step.stopped !== true ? '' : 'stopped: '}revoked ${revoked} of ${total} ${total === 1 ? 'token' : 'tokens'}${rest.length > 0 ? `; ${rest.join(', ')}` : ''}${journal}`;
}
