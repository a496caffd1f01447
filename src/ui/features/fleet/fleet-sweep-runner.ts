// The I/O of fleet mode's "revoke all found" (fleet-sweep.ts decides; this performs): previews in
// every context where the token is live, then, once confirmed, each context's revoke exactly as it
// was previewed (revokeAsPreviewed: the fingerprint precondition, the check that it is gone), each
// attempt journaled with its own context. Contexts run at once; one failing never stops another.
import { previewImpact } from '../../../adapters/operations/impact-preview.ts';
import { revokeAsPreviewed } from '../../../adapters/operations/revoke.ts';
import type { AuditOperator } from '../../../core/audit.ts';
import type { Clock } from '../../../core/clock.ts';
import { toTokenTuiError } from '../../../core/errors.ts';
import { recordMutation, type TuiAuditJournal } from '../../shared/audit-port.ts';
import { sweepTargets, type FleetSweep, type SweepAction } from './fleet-sweep.ts';
import type { OpenFleetContext } from './useFleetFeeds.ts';

export interface SweepDeps {
  readonly opened: ReadonlyMap<string, OpenFleetContext>;
  readonly audit: TuiAuditJournal;
  readonly operator: AuditOperator;
  readonly clock: Clock;
}

export function previewSweep(tokenId: string, contexts: readonly string[], deps: SweepDeps, dispatch: (action: SweepAction) => void): void {
  for (const context of contexts) {
    const open = deps.opened.get(context);
    if (open === undefined) {
      dispatch({ type: 'sweep-previewed', context, preview: null, detail: 'not connected' });
      continue;
    }
    previewImpact(open.adapter, tokenId, deps.clock).then(
      (preview) => dispatch({ type: 'sweep-previewed', context, preview, detail: '' }),
      (error: unknown) => dispatch({ type: 'sweep-previewed', context, preview: null, detail: `no preview: ${toTokenTuiError(error, open.adapter.id).message}` }),
    );
  }
}

export function runSweep(sweep: FleetSweep, deps: SweepDeps, dispatch: (action: SweepAction) => void): void {
  for (const target of sweepTargets(sweep)) {
    const open = deps.opened.get(target.context);
    if (open === undefined || target.preview === null) continue;
    const { adapter } = open;
    let unrecorded: string | null = null;
    const record = (entry: Parameters<typeof recordMutation>[1]) => {
      unrecorded ??= recordMutation({ adapter, audit: deps.audit, operator: deps.operator, clock: deps.clock }, entry);
    };
    revokeAsPreviewed(adapter, { preview: target.preview, confirmation: 'typed-id', record }).then(
      (outcome) => {
        const note = unrecorded === null ? '' : ` (${unrecorded})`;
        if (outcome.kind === 'failed') dispatch({ type: 'sweep-outcome', context: target.context, outcome: 'failed', detail: outcome.error.message + note });
        else if (outcome.kind === 'conflict') dispatch({ type: 'sweep-outcome', context: target.context, outcome: 'skipped', detail: `changed since the preview: nothing was revoked there${note}` });
        else dispatch({ type: 'sweep-outcome', context: target.context, outcome: outcome.gone.gone === false ? 'failed' : 'revoked', detail: (outcome.gone.gone === true ? 'verified gone' : `not verified gone: ${outcome.gone.detail}`) + note });
      },
      (error: unknown) => dispatch({ type: 'sweep-outcome', context: target.context, outcome: 'failed', detail: toTokenTuiError(error, adapter.id).message }),
    );
  }
}
