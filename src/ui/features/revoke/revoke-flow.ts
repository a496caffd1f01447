// The revoke flow as a pure state machine on its own slice. Each token of the batch goes through
// computing -> confirm -> revoking, and the batch ends in done. Nothing reaches the adapter's
// revoke() except through the 'revoking' step, and only confirmFlow() enters it, after the core
// policy (confirmationSatisfied) accepted what the operator pressed or typed for THIS preview.
// Asynchronous steps carry a ticket: a result is applied only while its step is still current,
// so a preview that arrives after Esc (or after a newer preview) changes nothing.
// Whoever shows the flow (the revoke screen, or a rotation for its old token) reacts to what a
// transition reports (RevokeOutput); the flow knows nothing of them. Its I/O is an effect as
// data (revokeEffect), performed by useRevokeRunner.
import { requiredConfirmation, type ImpactPreview } from '../../../core/impact.ts';
import { confirmationSatisfied } from '../../../core/revoke-policy.ts';
import type { Mode } from '../../commands/modes.ts';
import type { BackTarget } from '../../shared/back-target.ts';
import { withoutLastChar } from '../../shared/text-field.ts';
import type { RevokeBatch } from '../list/marks.ts';

export const CHANGED_BANNER = 'token changed since the preview — review again';

export type RevokeOutcome = 'revoked' | 'unverified' | 'failed' | 'not-revoked';

export interface RevokeResult {
  readonly tokenId: string;
  readonly outcome: RevokeOutcome;
  readonly detail: string;
  /** The adapter's own post-revoke checks (RevokeReport): what passed, what did not settle. */
  readonly verified?: readonly string[];
  readonly warnings?: readonly string[];
}

export type RevokeConfirmation = 'yes' | 'typed-id';

export type RevokeStep =
  | { readonly kind: 'computing'; readonly ticket: number }
  | { readonly kind: 'confirm'; readonly preview: ImpactPreview; readonly typed: string; readonly mismatch: boolean }
  | {
      readonly kind: 'revoking';
      readonly ticket: number;
      readonly preview: ImpactPreview;
      readonly confirmation: RevokeConfirmation;
      /** The backend accepted the revoke; now checking the token is gone. */
      readonly verifying: boolean;
    }
  | { readonly kind: 'done' };

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
  | { readonly kind: 'preview'; readonly ticket: number; readonly tokenId: string }
  | { readonly kind: 'revoke'; readonly ticket: number; readonly preview: ImpactPreview; readonly confirmation: RevokeConfirmation };

export type RevokeEvent =
  | { readonly kind: 'preview'; readonly ticket: number; readonly preview: ImpactPreview }
  /** notFound: the token no longer exists (a rotation then has nothing left to revoke). */
  | { readonly kind: 'preview-failed'; readonly ticket: number; readonly error: string; readonly notFound?: boolean }
  | { readonly kind: 'verifying'; readonly ticket: number }
  /** The token changed since the preview: nothing was deleted. */
  | { readonly kind: 'conflict'; readonly ticket: number; readonly auditFailure: string | null }
  | { readonly kind: 'finished'; readonly ticket: number; readonly result: RevokeResult; readonly auditFailure: string | null };

export function startFlow(batch: RevokeBatch, back: BackTarget, ticket: number): RevokeFlow {
  return { batch, index: 0, step: { kind: 'computing', ticket }, banner: null, results: [], auditFailures: [], scroll: 0, back };
}

export function currentTokenId(flow: RevokeFlow): string {
  return flow.batch.ids[flow.index] ?? '';
}

export function stepTicket(step: RevokeStep): number | null {
  return step.kind === 'computing' || step.kind === 'revoking' ? step.ticket : null;
}

export function revokeEffect(flow: RevokeFlow): RevokeEffect | null {
  const { step } = flow;
  if (step.kind === 'computing') return { kind: 'preview', ticket: step.ticket, tokenId: currentTokenId(flow) };
  if (step.kind === 'revoking') return { kind: 'revoke', ticket: step.ticket, preview: step.preview, confirmation: step.confirmation };
  return null;
}

export function isFlowBusy(flow: RevokeFlow): boolean {
  return flow.step.kind === 'revoking';
}

export function flowMode(flow: RevokeFlow): Mode {
  if (flow.step.kind !== 'confirm') return 'revoke';
  return requiredConfirmation(flow.step.preview) === 'yes' ? 'revoke-confirm' : 'revoke-typing';
}

/** The next token, or done. */
function advance(flow: RevokeFlow, result: RevokeResult, auditFailure: string | null, ticket: number): RevokeFlow {
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
    case 'preview':
      if (step.kind !== 'computing') return unchanged(flow);
      return { flow: { ...flow, step: { kind: 'confirm', preview: event.preview, typed: '', mismatch: false }, scroll: 0 }, output: { kind: 'previewed' } };
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

/** y/Enter (`yes`) or Enter after typing (`typed`): revoking only when the policy accepts it. */
export function confirmFlow(flow: RevokeFlow, how: 'yes' | 'typed', ticket: number): RevokeUpdate {
  const { step } = flow;
  if (step.kind !== 'confirm') return unchanged(flow);
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
  if (flow.step.kind === 'done') return `revoked ${revoked} of ${total} ${total === 1 ? 'token' : 'tokens'}${journal}`;
  if (flow.results.length === 0) return `revoke cancelled: nothing was revoked${journal}`;
  const untouched = total - flow.results.length;
  return `stopped: revoked ${revoked} of ${total}; ${untouched} left untouched${journal}`;
}
