// An in-memory audit journal for TUI tests: what was appended, in order, and a switch that
// makes the next writes fail the way a full disk or a read-only state directory would.
import type { AuditRecord } from '../../src/core/audit.ts';
import { formatAuditRecord } from '../../src/core/audit.ts';
import { TokenTuiError } from '../../src/core/errors.ts';
import type { TuiAuditJournal } from '../../src/ui/shared/audit-port.ts';

export interface MemoryJournal extends TuiAuditJournal {
  readonly records: readonly AuditRecord[];
  /** The lines the real journal would have written (formatAuditRecord), for secret scans. */
  readonly lines: readonly string[];
  setWriteFailure(message: string | null): void;
}

export function createMemoryJournal(initial: readonly AuditRecord[] = []): MemoryJournal {
  const records: AuditRecord[] = [...initial];
  const lines: string[] = initial.map(formatAuditRecord);
  let writeFailure: string | null = null;
  return {
    records,
    lines,
    path: '/state/tokentui/audit.jsonl',
    append(record) {
      if (writeFailure !== null) throw new TokenTuiError('server', `cannot write the audit journal /state/tokentui/audit.jsonl: ${writeFailure}`);
      records.push(record);
      lines.push(formatAuditRecord(record));
    },
    read: () => ({ records: [...records], corrupt: [] }),
    setWriteFailure(message) {
      writeFailure = message;
    },
  };
}
