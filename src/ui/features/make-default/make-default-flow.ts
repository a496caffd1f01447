// The make-default screen's flow (`m` on a token): the preview of what changes for machines that
// use the default, computed by the operations layer, then y/Enter makes the change (once the
// preview's gate opened: every line on screen, the dwell past, shared/preview-gate.ts, exactly
// as for a revoke), then the outcome. Pure: each step that needs the backend is an effect with a ticket (useMakeDefaultRunner
// performs it), and an answer for any other ticket is ignored (the operator left, or retried).
import type { MakeDefaultPreview } from '../../../core/make-default-plan.ts';
import type { Mode } from '../../commands/modes.ts';
import type { BackTarget } from '../../shared/back-target.ts';
import { gateState, type PreviewGate } from '../../shared/preview-gate.ts';

export type MakeDefaultPhase =
  | { readonly kind: 'loading' }
  /** `gate` null: not drawn yet (the reducer stamps it: view-model/preview-seen.ts). */
  | { readonly kind: 'preview'; readonly preview: MakeDefaultPreview; readonly gate: PreviewGate | null }
  | { readonly kind: 'applying'; readonly preview: MakeDefaultPreview }
  | { readonly kind: 'done'; readonly preview: MakeDefaultPreview; readonly verified: boolean }
  | { readonly kind: 'failed'; readonly preview: MakeDefaultPreview | null; readonly error: string };

export interface MakeDefaultFlow {
  readonly tokenId: string;
  readonly phase: MakeDefaultPhase;
  /** The step in flight; its answer must name it. */
  readonly ticket: number | null;
  readonly scroll: number;
  /** Audit writes that failed: shown until the screen closes. */
  readonly problems: readonly string[];
  readonly back: BackTarget;
}

export interface MakeDefaultScreen {
  readonly kind: 'make-default';
  readonly flow: MakeDefaultFlow;
}

export type MakeDefaultEffect =
  | { readonly kind: 'preview'; readonly ticket: number; readonly tokenId: string }
  | { readonly kind: 'apply'; readonly ticket: number; readonly preview: MakeDefaultPreview };

export type MakeDefaultEvent =
  | { readonly kind: 'previewed'; readonly ticket: number; readonly preview: MakeDefaultPreview }
  | { readonly kind: 'preview-failed'; readonly ticket: number; readonly error: string }
  | { readonly kind: 'applied'; readonly ticket: number; readonly verified: boolean; readonly auditProblem: string | null }
  | { readonly kind: 'apply-failed'; readonly ticket: number; readonly error: string; readonly auditProblem: string | null };

export function startMakeDefault(tokenId: string, back: BackTarget, ticket: number): MakeDefaultFlow {
  return { tokenId, phase: { kind: 'loading' }, ticket, scroll: 0, problems: [], back };
}

export function makeDefaultEffect(flow: MakeDefaultFlow): MakeDefaultEffect | null {
  if (flow.ticket === null) return null;
  if (flow.phase.kind === 'loading') return { kind: 'preview', ticket: flow.ticket, tokenId: flow.tokenId };
  if (flow.phase.kind === 'applying') return { kind: 'apply', ticket: flow.ticket, preview: flow.phase.preview };
  return null;
}

/** Whether y/Enter would change anything: a preview that is neither blocked nor already done. */
export function canConfirm(flow: MakeDefaultFlow): boolean {
  return flow.phase.kind === 'preview' && flow.phase.preview.blocked === null && !flow.phase.preview.alreadyDefault;
}

/** The gate of the preview on screen, if one is. */
export function makeDefaultGate(flow: MakeDefaultFlow): PreviewGate | null | undefined {
  return flow.phase.kind === 'preview' ? flow.phase.gate : undefined;
}

/** The flow with its preview's gate replaced (the reducer's stamp). */
export function withMakeDefaultGate(flow: MakeDefaultFlow, gate: PreviewGate): MakeDefaultFlow {
  return flow.phase.kind === 'preview' ? { ...flow, phase: { ...flow.phase, gate } } : flow;
}

/** Whether a confirmation counts now: a preview that allows the change, and its gate open. */
export function makeDefaultGateOpen(flow: MakeDefaultFlow, now: number): boolean {
  return canConfirm(flow) && gateState(makeDefaultGate(flow) ?? null, now, 0).kind === 'open';
}

export function makeDefaultMode(flow: MakeDefaultFlow, now: number): Mode {
  if (!canConfirm(flow)) return 'make-default';
  return makeDefaultGateOpen(flow, now) ? 'make-default-confirm' : 'make-default-waiting';
}

/** y/Enter on a preview that allows it, once its gate opened: the change is the next effect. */
export function confirmMakeDefault(flow: MakeDefaultFlow, ticket: number, now: number): MakeDefaultFlow {
  if (!makeDefaultGateOpen(flow, now) || flow.phase.kind !== 'preview') return flow;
  return { ...flow, phase: { kind: 'applying', preview: flow.phase.preview }, ticket, scroll: 0 };
}

export function applyMakeDefaultEvent(flow: MakeDefaultFlow, event: MakeDefaultEvent): MakeDefaultFlow {
  if (event.ticket !== flow.ticket) return flow;
  const problems = 'auditProblem' in event && event.auditProblem !== null ? [...flow.problems, event.auditProblem] : flow.problems;
  switch (event.kind) {
    case 'previewed':
      return { ...flow, ticket: null, scroll: 0, phase: { kind: 'preview', preview: event.preview, gate: null } };
    case 'preview-failed':
      return { ...flow, ticket: null, phase: { kind: 'failed', preview: null, error: event.error } };
    case 'applied':
      return flow.phase.kind === 'applying' ? { ...flow, ticket: null, problems, phase: { kind: 'done', preview: flow.phase.preview, verified: event.verified } } : flow;
    case 'apply-failed':
      return flow.phase.kind === 'applying' ? { ...flow, ticket: null, problems, phase: { kind: 'failed', preview: flow.phase.preview, error: event.error } } : flow;
  }
}

export function scrollMakeDefault(flow: MakeDefaultFlow, delta: number, maxScroll: number): MakeDefaultFlow {
  const scroll = Math.max(0, Math.min(maxScroll, flow.scroll + delta));
  return scroll === flow.scroll ? flow : { ...flow, scroll };
}

/** What the list says once the screen closes. */
export function leaveText(flow: MakeDefaultFlow): { readonly text: string; readonly ok: boolean } {
  const { phase } = flow;
  if (phase.kind === 'done') {
    const was = phase.preview.previous === null ? '' : ` (was ${phase.preview.previous.id})`;
    return { text: `${flow.tokenId} is now the default token${was}${phase.verified ? '' : ' · not verified: list it to check'}`, ok: phase.verified && flow.problems.length === 0 };
  }
  if (phase.kind === 'applying') return { text: `making ${flow.tokenId} the default…`, ok: true };
  return { text: `the default was not changed`, ok: true };
}
