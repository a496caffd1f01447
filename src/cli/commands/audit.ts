// `tokentui audit`: the local audit journal, oldest first, as a table or one JSON array.
// Reads a local file only: no target, no adapter, no request. Lines that cannot be read are
// reported on stderr (with their line number) and skipped; the readable records still print.
import { rotationLink, type AuditRecord } from '../../core/audit.ts';
import { ExitCode } from '../../core/errors.ts';
import { openCliJournal } from '../audit-context.ts';
import { currentDemoJournalDir, demoRootFor } from '../demo-target.ts';
import { warn } from '../exit.ts';
import type { ItemsView } from '../render/items-view.ts';
import { writeItems } from '../render/write-items.ts';
import type { CommandRun } from './command-run.ts';
import { formatRfc3339 } from '../../core/rfc3339.ts';

export const AUDIT_TABLE_HEADERS = ['TIME', 'OPERATOR', 'CONTEXT', 'ADAPTER', 'SERVER', 'ACTION', 'TOKEN', 'IMPACT', 'OUTCOME'] as const;

function timeCell(time: string): string {
  const epochMs = Date.parse(time);
  return Number.isNaN(epochMs) ? time : formatRfc3339(epochMs);
}

function outcomeCell(record: AuditRecord): string {
  return record.error === undefined ? record.outcome : `${record.outcome}: ${record.error}`;
}

export function auditTableRow(record: AuditRecord): readonly string[] {
  return [
    timeCell(record.time),
    `${record.operator.user}@${record.operator.host}`,
    record.context,
    record.adapter,
    record.server ?? '-',
    record.action,
    `${record.tokenId === '' ? '-' : record.tokenId}${rotationLink(record)}`,
    record.impact === undefined ? '-' : `${record.impact.severity}: ${record.impact.summary}`,
    outcomeCell(record),
  ];
}

const AUDIT_FIELDS = ['time', 'operator', 'context', 'adapter', 'server', 'action', 'tokenId', 'replaces', 'replacedBy', 'impact', 'confirmation', 'outcome', 'error'];

/** Audit records in every -o format; they have no names (-o name is not offered). */
export function auditView(records: readonly AuditRecord[]): ItemsView<AuditRecord> {
  return {
    items: records,
    columns: AUDIT_TABLE_HEADERS.map((header, index) => ({ header, cell: (record) => auditTableRow(record)[index] ?? '' })),
    wideColumns: [{ header: 'CONFIRMATION', cell: (record) => record.confirmation ?? '-' }],
    // The journal's time is already RFC 3339 UTC (with milliseconds, which order records of one second).
    toJson: (record) => ({ ...record }),
    fields: AUDIT_FIELDS,
  };
}

export const runAudit: CommandRun = async ({ invocation, io }) => {
  // --demo: the demo's own journal, beside its database (none yet: an empty one in its place).
  const demoDir = invocation.globals.demo ? ((await currentDemoJournalDir(io.env)) ?? demoRootFor(io.env)) : undefined;
  const journal = openCliJournal(io.env, demoDir);
  const { records, corrupt } = journal.read();
  for (const line of corrupt) warn(io.stderr, `${journal.path} line ${line.line} is unreadable (${line.error}); skipped`);
  if (records.length === 0 && (invocation.output === 'table' || invocation.output === 'wide')) io.stdout.write(`No audit records in ${journal.path}.\n`);
  else await writeItems(auditView(records), invocation, io.stdout);
  return ExitCode.ok;
};
