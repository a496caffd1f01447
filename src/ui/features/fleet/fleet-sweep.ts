// Fleet mode's "revoke all found" (X after :find): the leaked token's impact previewed in every
// context where it is live, shown together, revoked only after the token id is typed (the rule of
// any revoke with impact), each context exactly as previewed and journaled with its context; a
// read-only context is previewed but skipped. The typed id counts only through the preview gate
// every confirmation has (shared/preview-gate.ts): each context's whole preview on screen (the
// body scrolls) and the dwell past. When it is done, `r` retries the contexts where it failed as
// a new sweep of those alone: a fresh preview, the gate and the typed id again, since the token or
// what depends on it may have changed since. Pure: fleet-sweep-runner.ts performs the I/O.
import { impactSeverity, machinesLosingAccess, type ImpactPreview } from '../../../core/impact.ts';
import { sweepHeadline, sweepImpact, sweepWarnings } from '../../../core/sweep-impact.ts';
import { READ_ONLY_SKIPPED, sweepRoles, type SweepEntry } from '../../../adapters/operations/sweep-revoke.ts';
import { droppedKeyNote, gateState, gateWhy, openGate, seen, type PreviewGate } from '../../shared/preview-gate.ts';
import { headline, scrolledTo, wrapped, type ScreenLine } from '../../shared/screen-line.ts';
import { previewLines } from '../revoke/revoke-lines.ts';

export type SweepPhase = 'previewing' | 'confirm' | 'revoking' | 'done';

export interface SweepContext {
  readonly context: string;
  readonly readonly: boolean;
  readonly preview: ImpactPreview | null;
  readonly outcome: 'revoked' | 'skipped' | 'failed' | null;
  readonly detail: string;
}

export interface FleetSweep {
  readonly tokenId: string;
  readonly phase: SweepPhase;
  readonly typed: string;
  readonly contexts: readonly SweepContext[];
  /** First body line on screen. */
  readonly scroll: number;
  /** Opened when every preview has arrived (null before): what the typed id must pass. */
  readonly gate: PreviewGate | null;
  /** Why the last Enter confirmed nothing, until the next key. */
  readonly note: string | null;
}

/** The body's window: where the panel is drawn, how many lines fit, the clock's now. */
export interface SweepView {
  readonly height: number;
  readonly total: number;
  readonly now: number;
}

export type SweepAction =
  | { readonly type: 'sweep-start'; readonly tokenId: string; readonly contexts: readonly { readonly context: string; readonly readonly: boolean }[] }
  | { readonly type: 'sweep-previewed'; readonly context: string; readonly preview: ImpactPreview | null; readonly detail: string }
  | { readonly type: 'sweep-typing'; readonly text: string }
  /** Every redraw: the gate opens once the confirmation is asked for, and records what was seen. */
  | { readonly type: 'sweep-view'; readonly view: SweepView; readonly dwellMs: number }
  | { readonly type: 'sweep-scroll'; readonly delta: number; readonly view: SweepView }
  | { readonly type: 'sweep-confirmed'; readonly view: SweepView }
  | { readonly type: 'sweep-outcome'; readonly context: string; readonly outcome: 'revoked' | 'skipped' | 'failed'; readonly detail: string }
  /** After it is done: a new sweep of the contexts where it failed (retryableContexts). */
  | { readonly type: 'sweep-retry' }
  | { readonly type: 'sweep-close' };

function update(sweep: FleetSweep, name: string, change: (context: SweepContext) => SweepContext): FleetSweep {
  return { ...sweep, contexts: sweep.contexts.map((context) => (context.context === name ? change(context) : context)) };
}

/** Where a finished sweep failed (no preview, or the revoke failed): what `r` tries again. */
export function retryableContexts(sweep: FleetSweep): SweepContext[] {
  return sweep.phase === 'done' ? sweep.contexts.filter((context) => context.outcome === 'failed') : [];
}

/** Contexts the confirmed sweep revokes in: previewed, and not read-only. */
export function sweepTargets(sweep: FleetSweep): SweepContext[] {
  return sweep.contexts.filter((context) => context.preview !== null && !context.readonly);
}

/** Every previewed context, for the sweep's roles (sweep-revoke.ts): who revokes, who checks after a twin. */
export function sweepEntries(sweep: FleetSweep): SweepEntry[] {
  return sweep.contexts.flatMap(({ context, readonly, preview }) => (preview === null ? [] : [{ context, readonly, preview }]));
}

export function sweepReducer(sweep: FleetSweep | null, action: SweepAction): FleetSweep | null {
  if (action.type === 'sweep-start') {
    return { tokenId: action.tokenId, phase: 'previewing', typed: '', scroll: 0, gate: null, note: null, contexts: action.contexts.map((context) => ({ ...context, preview: null, outcome: null, detail: 'previewing…' })) };
  }
  if (sweep === null) return null;
  switch (action.type) {
    case 'sweep-previewed': {
      const next = update(sweep, action.context, (context) => ({ ...context, preview: action.preview, detail: action.detail, outcome: action.preview === null ? 'failed' : null }));
      return next.contexts.every((context) => context.preview !== null || context.outcome !== null) ? { ...next, phase: 'confirm' } : next;
    }
    case 'sweep-typing':
      return sweep.phase === 'confirm' ? { ...sweep, typed: action.text, note: null } : sweep;
    case 'sweep-view': {
      if (sweep.phase !== 'confirm') return sweep;
      const { height, total, now } = action.view;
      const gate = sweep.gate === null ? openGate(now, sweep.scroll, height, total, action.dwellMs) : seen(sweep.gate, sweep.scroll, height, total);
      return gate === sweep.gate ? sweep : { ...sweep, gate };
    }
    case 'sweep-scroll': {
      const { height, total } = action.view;
      const scroll = scrolledTo(sweep.scroll, action.delta, total, height);
      return { ...sweep, scroll, gate: sweep.gate === null ? null : seen(sweep.gate, scroll, height, total) };
    }
    case 'sweep-confirmed': {
      // Exact: no trimming or case folding, as for a single revoke.
      if (sweep.phase !== 'confirm' || sweep.typed !== sweep.tokenId || sweepTargets(sweep).length === 0) return sweep;
      const state = gateState(sweep.gate, action.view.now, action.view.total);
      if (state.kind !== 'open') return { ...sweep, note: droppedKeyNote(state, 'Enter') };
      const roles = sweepRoles(sweepEntries(sweep));
      return {
        ...sweep,
        note: null,
        phase: 'revoking',
        // A read-only context is skipped now, unless a writable one sees its token: it then checks that it is gone.
        contexts: sweep.contexts.map((context) => (roles.get(context.context)?.kind === 'read-only' ? { ...context, outcome: 'skipped', detail: READ_ONLY_SKIPPED } : context)),
      };
    }
    case 'sweep-outcome': {
      const next = update(sweep, action.context, (context) => ({ ...context, outcome: action.outcome, detail: action.detail }));
      return next.contexts.every((context) => context.outcome !== null) ? { ...next, phase: 'done' } : next;
    }
    case 'sweep-retry': {
      const failed = retryableContexts(sweep);
      if (failed.length === 0) return sweep;
      return sweepReducer(null, { type: 'sweep-start', tokenId: sweep.tokenId, contexts: failed.map(({ context, readonly }) => ({ context, readonly })) });
    }
    case 'sweep-close':
      return null;
  }
}

function previewWords(preview: ImpactPreview): string {
  if (preview.state === 'unknown') return `impact UNKNOWN (counts as HIGH): ${preview.reason}`;
  const warnings = preview.items.filter((item) => item.kind === 'cluster-wide').map((item) => `WARNING ${item.subject}`);
  return [`impact ${impactSeverity(preview).toUpperCase()}`, `${machinesLosingAccess(preview)} machine(s)/node(s) lose access or fail to join`, ...warnings].join(' · ');
}

/** The scrolling body: each context's state, with its whole preview once it has one. */
export function sweepBodyLines(sweep: FleetSweep, width: number): ScreenLine[] {
  const count = `${sweep.contexts.length} context${sweep.contexts.length === 1 ? '' : 's'}`;
  const lines: ScreenLine[] = headline(`Revoke token ${sweep.tokenId} everywhere it is live (${count}):`, width);
  // Once every preview is in: the same combined line `revoke --everywhere` prints (core/sweep-impact.ts).
  const previewed = sweepEntries(sweep);
  if (sweep.phase === 'confirm' && previewed.length > 0) {
    const impact = sweepImpact(previewed);
    lines.push(...headline(sweepHeadline(impact), width), ...sweepWarnings(impact).flatMap((line) => wrapped(line, width, '  ')));
  }
  const roles = sweepRoles(previewed);
  /** What the sweep will do there: skip it (read-only), or check after the twin that revokes the same token. */
  const plan = (context: SweepContext): string => {
    const role = roles.get(context.context);
    if (role?.kind === 'after') return ` · the same token as in ${role.twin}: checked gone after its revoke`;
    return context.readonly ? ' · read-only: will be skipped' : '';
  };
  for (const context of sweep.contexts) {
    const state = context.outcome !== null ? `${context.outcome}: ${context.detail}` : context.preview !== null ? previewWords(context.preview) + plan(context) : context.detail;
    lines.push(...headline(`${context.context}  ${state}`, width));
    // The context's own preview, as a single revoke shows it (its confirmation line is the sweep's).
    if (context.preview !== null && context.outcome === null) lines.push(...previewLines(context.preview, width - 2).slice(0, -1).map((line) => ({ ...line, text: `  ${line.text}` })));
  }
  if (sweep.phase === 'done') {
    const failed = retryableContexts(sweep).length;
    const retry = failed === 0 ? '' : ` r retries the ${failed} that failed (previewed again, then the id again).`;
    lines.push(...wrapped(`Done (every attempt is in the audit journal).${retry} Esc closes.`, width, ''));
  }
  return lines;
}

/** The two lines pinned under the body: the prompt, and why Enter does nothing yet. */
export function sweepPinnedLines(sweep: FleetSweep, view: SweepView): readonly [ScreenLine, ScreenLine] {
  const targets = sweepTargets(sweep).length;
  if (sweep.phase === 'previewing') return [{ text: 'previewing in every context…' }, { text: '' }];
  if (sweep.phase === 'revoking') return [{ text: 'revoking…' }, { text: '' }];
  if (sweep.phase === 'done') {
    const failed = retryableContexts(sweep).length;
    return [{ text: failed === 0 ? 'Esc closes.' : `r: retry the ${failed} failed context${failed === 1 ? '' : 's'} · Esc closes.` }, { text: '' }];
  }
  if (targets === 0) return [{ text: 'Nothing can be revoked (read-only or no preview). Esc closes.' }, { text: '' }];
  const prompt = { text: `Type the token id to revoke it in ${targets} context${targets === 1 ? '' : 's'} (Esc: nothing changes): ${sweep.typed}`, bold: true };
  if (sweep.note !== null) return [prompt, { text: sweep.note, role: 'status.warn' }];
  const state = gateState(sweep.gate, view.now, view.total);
  return [prompt, state.kind === 'open' ? { text: '↑/↓ PgUp/PgDn scroll', role: 'text.secondary' } : { text: gateWhy(state), role: 'status.warn' }];
}
