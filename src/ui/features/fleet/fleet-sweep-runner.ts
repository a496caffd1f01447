// The I/O of fleet mode's "revoke all found" (fleet-sweep.ts decides; this performs): previews in
// every context where the token is live, then, once confirmed, each context's revoke exactly as it
// was previewed (revokeAsPreviewed: the fingerprint precondition, the check that it is gone), each
// attempt journaled with its own context. Contexts run at once; one failing never stops another.
import { previewImpact } from '../../../adapters/operations/impact-preview.ts';
import { revokeAsPreviewed } from '../../../adapters/operations/revoke.ts';
import { revokeOncePerToken, sweepRow } from '../../../adapters/operations/sweep-revoke.ts';
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
  // Contexts that see one token (one cluster, one store) revoke it once (sweep-revoke.ts).
  const revokeOnce = revokeOncePerToken();
  for (const target of sweepTargets(sweep)) {
    const open = deps.opened.get(target.context);
    const { preview } = target;
    if (open === undefined || preview === null) continue;
    const { adapter } = open;
    let unrecorded: string | null = null;
    const record = (entry: Parameters<typeof recordMutation>[1]) => {
      unrecorded ??= recordMutation({ adapter, audit: deps.audit, operator: deps.operator, clock: deps.clock }, entry);
    };
    revokeOnce({ context: target.context, adapter, preview }, () => revokeAsPreviewed(adapter, { preview, confirmation: 'typed-id', record })).then(
      (outcome) => {
        const row = sweepRow(outcome);
        dispatch({ type: 'sweep-outcome', context: target.context, outcome: row.outcome, detail: row.detail + (unrecorded === null ? '' : ` (${unrecorded})`) });
      },
      (error: unknown) => dispatch({ type: 'sweep-outcome', context: target.context, outcome: 'failed', detail: toTokenTuiError(error, adapter.id).message }),
    );
  }
}
