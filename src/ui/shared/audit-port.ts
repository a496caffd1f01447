// What the TUI needs from the audit journal, injected so tests use an in-memory one and
// run.tsx the real file (src/journals/audit-journal.ts). append() throws when the record could
// not be written: the TUI shows that, it never swallows it.
import type { TokenAdapter } from '../../adapters/contract.ts';
import type { AuditOperator, AuditRecord } from '../../core/audit.ts';
import type { Clock } from '../../core/clock.ts';
import { toTokenTuiError } from '../../core/errors.ts';
import type { AuditJournal } from '../../journals/audit-journal.ts';

export type TuiAuditJournal = Pick<AuditJournal, 'append' | 'read'> & { readonly path?: string };

/** Who does a mutation and where it is journaled: what every runner needs to write its record. */
export interface MutationAuditDeps {
  readonly adapter: Pick<TokenAdapter, 'id' | 'target'>;
  readonly audit: TuiAuditJournal;
  readonly operator: AuditOperator;
  readonly clock: Clock;
}

export type MutationAuditEntry = Omit<AuditRecord, 'time' | 'operator' | 'context' | 'adapter' | 'server'>;

/** Appends one record; returns what to show when it could not be written (never thrown, never swallowed). */
export function recordMutation(deps: MutationAuditDeps, entry: MutationAuditEntry): string | null {
  const record: AuditRecord = {
    time: new Date(deps.clock.now()).toISOString(),
    operator: deps.operator,
    context: deps.adapter.target.context,
    adapter: deps.adapter.id,
    server: deps.adapter.target.server,
    ...entry,
  };
  try {
    deps.audit.append(record);
    return null;
  } catch (failure) {
    const what = entry.tokenId === '' ? entry.action : `${entry.action} of ${entry.tokenId}`;
    return `${toTokenTuiError(failure, 'audit').message}; this ${what} (${entry.outcome}) was NOT recorded`;
  }
}
