// The server's audit log: one row per mint, redemption (accepted or refused), completion,
// make-default and revocation attempt. It records ids and names, never a secret. The table is
// append-only: a trigger (migrations.ts) refuses UPDATE and DELETE, whoever sends them.
import type { WireAuditAction, WireAuditEntry, WireAuditPage } from '../../rest-contract/wire.ts';
import { isoTime } from './records.ts';
import type { SqlTx } from './sql.ts';

export interface AuditRecord {
  readonly action: WireAuditAction;
  readonly outcome: 'success' | 'refused';
  readonly actor: string;
  readonly tokenId?: string | null;
  readonly machine?: string | null;
  readonly reason?: string | null;
  readonly client?: string | null;
}

interface AuditRow {
  readonly seq: number;
  readonly at: number;
  readonly action: WireAuditAction;
  readonly outcome: 'success' | 'refused';
  readonly actor: string;
  readonly token_id: string | null;
  readonly machine: string | null;
  readonly reason: string | null;
  readonly client: string | null;
}

export const MAX_AUDIT_PAGE = 1000;

export async function recordAudit(tx: SqlTx, atMs: number, record: AuditRecord): Promise<void> {
  await tx.run(
    'INSERT INTO audit (at, action, outcome, actor, token_id, machine, reason, client) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    atMs,
    record.action,
    record.outcome,
    record.actor,
    record.tokenId ?? null,
    record.machine ?? null,
    record.reason ?? null,
    record.client ?? null,
  );
}

/** Newest first; `before` is the `seq` to continue below. */
export async function readAuditPage(tx: SqlTx, before: number | null, limit: number): Promise<WireAuditPage> {
  const rows = await tx.all<AuditRow>(
    'SELECT * FROM audit WHERE seq < ? ORDER BY seq DESC LIMIT ?',
    before ?? Number.MAX_SAFE_INTEGER,
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toWireAuditEntry),
    nextBefore: rows.length > limit && last !== undefined ? last.seq : null,
  };
}

function toWireAuditEntry(row: AuditRow): WireAuditEntry {
  return {
    seq: row.seq,
    at: isoTime(row.at),
    action: row.action,
    outcome: row.outcome,
    actor: row.actor,
    tokenId: row.token_id,
    machine: row.machine,
    reason: row.reason,
    client: row.client,
  };
}
