// The I/O of fleet mode's "revoke all found" (fleet-sweep.ts decides; this performs): previews in
// every context where the token is live, then, once confirmed, each context's revoke exactly as it
// was previewed (revokeAsPreviewed: the fingerprint precondition, the check that it is gone), each
// attempt journaled with its own context. Contexts run at once; one failing never stops another.
import { previewImpact } from '../../../adapters/operations/impact-preview.ts';
import { revokeAsPreviewed, type RevokeOutcome } from '../../../adapters/operations/revoke.ts';
import { afterTwin, sweepRoles, sweepRow, type SweepRevokeOutcome } from '../../../adapters/operations/sweep-revoke.ts';
import type { AuditOperator } from '../../../core/audit.ts';
import type { Clock } from '../../../core/clock.ts';
import { toTokenTuiError } from '../../../core/errors.ts';
import { recordMutation, type TuiAuditJournal } from '../../shared/audit-port.ts';
import { sweepEntries, type FleetSweep, type SweepAction } from './fleet-sweep.ts';
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
  // Contexts that see one token (one cluster, one store) revoke it once; the others, read-only
  // ones too, then check that it is gone (sweep-revoke.ts). Read-only contexts with no writable
  // twin were marked skipped when the sweep was confirmed.
  const entries = sweepEntries(sweep);
  const roles = sweepRoles(entries);
  const revoked = new Map<string, Promise<RevokeOutcome | undefined>>();
  const ordered = [...entries.filter((entry) => roles.get(entry.context)?.kind === 'revoke'), ...entries.filter((entry) => roles.get(entry.context)?.kind === 'after')];
  for (const { context, readonly, preview } of ordered) {
    const role = roles.get(context)!;
    const open = deps.opened.get(context);
    if (open === undefined) {
      dispatch({ type: 'sweep-outcome', context, outcome: 'failed', detail: 'not connected: nothing was revoked there' });
      continue;
    }
    const { adapter } = open;
    let unrecorded: string | null = null;
    const record = (entry: Parameters<typeof recordMutation>[1]) => {
      unrecorded ??= recordMutation({ adapter, audit: deps.audit, operator: deps.operator, clock: deps.clock }, entry);
    };
    const own = () => revokeAsPreviewed(adapter, { preview, confirmation: 'typed-id', record });
    let done: Promise<SweepRevokeOutcome>;
    if (role.kind === 'after') {
      const twin = revoked.get(role.twin) ?? Promise.resolve(undefined);
      done = twin.then((twinOutcome) => afterTwin({ adapter, preview }, role.twin, twinOutcome, readonly ? undefined : own));
    } else {
      const outcome = own();
      revoked.set(context, outcome.catch(() => undefined));
      done = outcome;
    }
    done.then(
      (outcome) => {
        const row = sweepRow(outcome);
        dispatch({ type: 'sweep-outcome', context, outcome: row.outcome, detail: row.detail + (unrecorded === null ? '' : ` (${unrecorded})`) });
      },
      (error: unknown) => dispatch({ type: 'sweep-outcome', context, outcome: 'failed', detail: toTokenTuiError(error, adapter.id).message }),
    );
  }
}
