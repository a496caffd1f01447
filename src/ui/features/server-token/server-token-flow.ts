// The server-token rotation screen's state (issue 7; the adapter's serverToken capability): old
// token (the server's token file, else a masked field) -> impact preview with typed confirmation
// -> the rotation -> the new token, shown once -> the checklist. Nothing is sent before the typed
// text equals the plan's confirmation text. The typed old token lives here only until the
// preview is asked for; the plan keeps it (in the adapter), and leaving the screen drops the plan.
import type { Mode } from '../../commands/modes.ts';
import type { ServerTokenChecklist } from '../../../core/server-token-checklist.ts';
import type { ServerTokenRotationPlan } from './server-token-port.ts';
import type { BackTarget } from '../../shared/back-target.ts';
import { gateState, type PreviewGate } from '../../shared/preview-gate.ts';
import type { ResultNote } from '../create/result-view.ts';

export type ServerTokenStage =
  /** The token file is read; when it holds the token, the preview is computed at once. */
  | { readonly kind: 'reading-file'; readonly ticket: number }
  /** The masked field: `secret` is never drawn, only its absence or presence. */
  | { readonly kind: 'entering'; readonly secret: string; readonly refusal: string | null }
  | { readonly kind: 'planning'; readonly ticket: number; readonly oldToken: string }
  /** `gate`: whether the typed confirmation may be given yet (null: not drawn yet). */
  | {
      readonly kind: 'preview';
      readonly plan: ServerTokenRotationPlan;
      readonly typed: string;
      readonly refusal: string | null;
      readonly scroll: number;
      readonly gate: PreviewGate | null;
    }
  | { readonly kind: 'rotating'; readonly ticket: number; readonly plan: ServerTokenRotationPlan }
  /** The new token, on screen until Enter/Esc; `copy` is the OSC 52 write to make (its seq once). */
  | {
      readonly kind: 'result';
      readonly plan: ServerTokenRotationPlan;
      readonly newToken: string;
      readonly copy: { readonly seq: number } | null;
      readonly note: ResultNote | null;
    }
  | { readonly kind: 'failed'; readonly error: string; readonly sent: boolean };

export interface ServerTokenFlow {
  readonly stage: ServerTokenStage;
  /** Where the old token came from (the file's path, or "typed at the prompt"). */
  readonly source: string | null;
  /** Why the token file could not be used (shown above the masked field). */
  readonly fileNote: string | null;
  /** Audit and checklist writes that failed: shown until the screen closes. */
  readonly problems: readonly string[];
  readonly back: BackTarget;
}

export interface ServerTokenScreen {
  readonly kind: 'server-token';
  readonly flow: ServerTokenFlow;
}

/** The I/O the current stage asks for, performed once per ticket by useServerTokenRunner. */
export type ServerTokenEffect =
  | { readonly kind: 'read-file'; readonly ticket: number }
  | { readonly kind: 'plan'; readonly ticket: number; readonly oldToken: string }
  | { readonly kind: 'rotate'; readonly ticket: number; readonly plan: ServerTokenRotationPlan };

export type ServerTokenEvent =
  | { readonly kind: 'file-missing'; readonly ticket: number; readonly path: string; readonly reason: string }
  | { readonly kind: 'planned'; readonly ticket: number; readonly plan: ServerTokenRotationPlan; readonly source: string }
  | { readonly kind: 'plan-failed'; readonly ticket: number; readonly error: string }
  | {
      readonly kind: 'rotated';
      readonly ticket: number;
      readonly newToken: string;
      /** Kept in the journal (or only in memory when `problems` says it could not be written). */
      readonly checklist: ServerTokenChecklist;
      readonly problems: readonly string[];
    }
  | { readonly kind: 'rotate-failed'; readonly ticket: number; readonly error: string; readonly problems: readonly string[] }
  | { readonly kind: 'copied'; readonly seq: number; readonly error: string | null };

export function startServerTokenFlow(ticket: number, back: BackTarget): ServerTokenFlow {
  return { stage: { kind: 'reading-file', ticket }, source: null, fileNote: null, problems: [], back };
}

export function serverTokenEffect(flow: ServerTokenFlow): ServerTokenEffect | null {
  const { stage } = flow;
  if (stage.kind === 'reading-file') return { kind: 'read-file', ticket: stage.ticket };
  if (stage.kind === 'planning') return { kind: 'plan', ticket: stage.ticket, oldToken: stage.oldToken };
  if (stage.kind === 'rotating') return { kind: 'rotate', ticket: stage.ticket, plan: stage.plan };
  return null;
}

export function serverTokenMode(flow: ServerTokenFlow, now: number): Mode {
  switch (flow.stage.kind) {
    case 'reading-file':
    case 'planning':
    case 'rotating':
      return 'server-token-busy';
    case 'entering':
      return 'server-token-secret';
    case 'preview':
      return gateState(flow.stage.gate, now, 0).kind === 'open' ? 'server-token-confirm' : 'server-token-waiting';
    case 'result':
      return 'server-token-result';
    case 'failed':
      return 'server-token-failed';
  }
}

/** Only the PUT cannot be left: its outcome decides whether the old token still works. */
export function serverTokenPendingWork(flow: ServerTokenFlow): string | null {
  return flow.stage.kind === 'rotating' ? 'the server token is being rotated' : null;
}
