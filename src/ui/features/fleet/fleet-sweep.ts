// Fleet mode's "revoke all found" (X after :find): the leaked token's impact previewed in every
// context where it is live, shown together, revoked only after the token id is typed (the rule of
// any revoke with impact), each context exactly as previewed and journaled with its context; a
// read-only context is previewed but skipped. Pure: useFleetSweep.ts performs the I/O.
import { impactSeverity, type ImpactPreview } from '../../../core/impact.ts';

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
}

export type SweepAction =
  | { readonly type: 'sweep-start'; readonly tokenId: string; readonly contexts: readonly { readonly context: string; readonly readonly: boolean }[] }
  | { readonly type: 'sweep-previewed'; readonly context: string; readonly preview: ImpactPreview | null; readonly detail: string }
  | { readonly type: 'sweep-typing'; readonly text: string }
  | { readonly type: 'sweep-confirmed' }
  | { readonly type: 'sweep-outcome'; readonly context: string; readonly outcome: 'revoked' | 'skipped' | 'failed'; readonly detail: string }
  | { readonly type: 'sweep-close' };

function update(sweep: FleetSweep, name: string, change: (context: SweepContext) => SweepContext): FleetSweep {
  return { ...sweep, contexts: sweep.contexts.map((context) => (context.context === name ? change(context) : context)) };
}

/** Contexts the confirmed sweep revokes in: previewed, and not read-only. */
export function sweepTargets(sweep: FleetSweep): SweepContext[] {
  return sweep.contexts.filter((context) => context.preview !== null && !context.readonly);
}

export function sweepReducer(sweep: FleetSweep | null, action: SweepAction): FleetSweep | null {
  if (action.type === 'sweep-start') {
    return { tokenId: action.tokenId, phase: 'previewing', typed: '', contexts: action.contexts.map((context) => ({ ...context, preview: null, outcome: null, detail: 'previewing…' })) };
  }
  if (sweep === null) return null;
  switch (action.type) {
    case 'sweep-previewed': {
      const next = update(sweep, action.context, (context) => ({ ...context, preview: action.preview, detail: action.detail, outcome: action.preview === null ? 'failed' : null }));
      return next.contexts.every((context) => context.preview !== null || context.outcome !== null) ? { ...next, phase: 'confirm' } : next;
    }
    case 'sweep-typing':
      return sweep.phase === 'confirm' ? { ...sweep, typed: action.text } : sweep;
    case 'sweep-confirmed':
      // Exact: no trimming or case folding, as for a single revoke.
      if (sweep.phase !== 'confirm' || sweep.typed !== sweep.tokenId || sweepTargets(sweep).length === 0) return sweep;
      return {
        ...sweep,
        phase: 'revoking',
        contexts: sweep.contexts.map((context) => (context.readonly && context.preview !== null ? { ...context, outcome: 'skipped', detail: 'read-only context: nothing was revoked there' } : context)),
      };
    case 'sweep-outcome': {
      const next = update(sweep, action.context, (context) => ({ ...context, outcome: action.outcome, detail: action.detail }));
      return next.contexts.every((context) => context.outcome !== null) ? { ...next, phase: 'done' } : next;
    }
    case 'sweep-close':
      return null;
  }
}

const LOSES_ACCESS = new Set(['machine-loses-access', 'join-in-progress']);

function previewWords(preview: ImpactPreview): string {
  if (preview.state === 'unknown') return `impact UNKNOWN (counts as HIGH): ${preview.reason}`;
  const losing = preview.items.filter((item) => LOSES_ACCESS.has(item.kind)).length;
  const warnings = preview.items.filter((item) => item.kind === 'cluster-wide').map((item) => `WARNING ${item.subject}`);
  return [`impact ${impactSeverity(preview).toUpperCase()}`, `${losing} machine(s)/node(s) lose access or fail to join`, ...warnings].join(' · ');
}

/** What the sweep panel shows, one line each. */
export function sweepLines(sweep: FleetSweep): string[] {
  const targets = sweepTargets(sweep).length;
  const lines = [`Revoke token ${sweep.tokenId} everywhere it is live (${sweep.contexts.length} context${sweep.contexts.length === 1 ? '' : 's'}):`];
  for (const context of sweep.contexts) {
    const state = context.outcome !== null ? `${context.outcome}: ${context.detail}` : context.preview !== null ? previewWords(context.preview) + (context.readonly ? ' · read-only: will be skipped' : '') : context.detail;
    lines.push(`  ${context.context}  ${state}`);
  }
  if (sweep.phase === 'confirm') {
    lines.push(targets === 0 ? 'Nothing can be revoked (read-only or no preview). Esc closes.' : `Type the token id to revoke it in ${targets} context${targets === 1 ? '' : 's'} (Esc: nothing changes): ${sweep.typed}`);
  }
  if (sweep.phase === 'revoking') lines.push('revoking…');
  if (sweep.phase === 'done') lines.push('Done (every attempt is in the audit journal). Esc closes.');
  return lines;
}
