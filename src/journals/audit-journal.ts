// The local audit journal: append-only JSON lines in $XDG_STATE_HOME/tokentui/audit.jsonl
// (who, where, when, what, impact summary, outcome; never a secret).
// Each record is one O_APPEND write followed by fsync, so a record the caller was told about
// survives a crash, and concurrent tokentui processes never interleave inside a line.
// A failed write throws: the caller must show it (issue 4: "shown, not swallowed").
import { closeSync, fchmodSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { formatAuditRecord, parseAuditLine, type AuditOperator, type AuditRecord } from '../core/audit.ts';
import { errorMessage, TokenTuiError } from '../core/errors.ts';
import { stateDir as defaultStateDir, type PathEnvironment } from './paths.ts';

export const AUDIT_JOURNAL_FILE = 'audit.jsonl';
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

export interface AuditJournalOptions extends PathEnvironment {
  /** Overrides the XDG state directory (tests, or a future --state-dir). */
  readonly stateDir?: string;
}

export interface CorruptAuditLine {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly error: string;
}

export interface AuditJournalContents {
  readonly records: readonly AuditRecord[];
  readonly corrupt: readonly CorruptAuditLine[];
}

export interface AuditJournal {
  readonly path: string;
  /** Appends and fsyncs one record; throws TokenTuiError when it could not be written. */
  append(record: AuditRecord): void;
  /** Every readable record, oldest first; corrupt lines are reported, not thrown. */
  read(): AuditJournalContents;
}

/** True when the file is non-empty and does not end in a newline (a write torn by a crash). */
function endsMidLine(fd: number): boolean {
  const { size } = fstatSync(fd);
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] !== 0x0a;
}

function appendLine(directory: string, path: string, line: string): void {
  mkdirSync(directory, { recursive: true, mode: DIR_MODE });
  // 'a+' rather than 'a': the torn-line check needs to read the last byte.
  const fd = openSync(path, 'a+', FILE_MODE);
  try {
    // The journal may predate us or have been copied around; it names hosts and users.
    if ((fstatSync(fd).mode & 0o077) !== 0) fchmodSync(fd, FILE_MODE);
    // Start on a fresh line after a torn one, so one crash costs one record, not two.
    const text = (endsMidLine(fd) ? '\n' : '') + line + '\n';
    const bytes = Buffer.from(text, 'utf8');
    // One write call: O_APPEND makes it land whole at the end even with concurrent writers.
    let written = writeSync(fd, bytes);
    while (written < bytes.length) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function readLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new TokenTuiError('server', `cannot read the audit journal ${path}: ${errorMessage(error)}`, { cause: error });
  }
}

export function openAuditJournal(options: AuditJournalOptions = {}): AuditJournal {
  const directory = options.stateDir ?? defaultStateDir(options);
  const path = join(directory, AUDIT_JOURNAL_FILE);

  function append(record: AuditRecord): void {
    const line = formatAuditRecord(record);
    try {
      appendLine(directory, path, line);
    } catch (error) {
      throw new TokenTuiError('server', `cannot write the audit journal ${path}: ${errorMessage(error)}`, {
        hint: `check that ${directory} is writable (set XDG_STATE_HOME to move it)`,
        cause: error,
      });
    }
  }

  function read(): AuditJournalContents {
    const records: AuditRecord[] = [];
    const corrupt: CorruptAuditLine[] = [];
    readLines(path).forEach((text, index) => {
      if (text.trim() === '') return;
      const parsed = parseAuditLine(text);
      if (parsed.ok) records.push(parsed.record);
      else corrupt.push({ line: index + 1, error: parsed.error });
    });
    return { records, corrupt };
  }

  return { path, append, read };
}

/** Who the journal names: the OS user and host. Containers without a passwd entry fall back to $USER. */
export function currentOperator(env: Readonly<Record<string, string | undefined>> = process.env): AuditOperator {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = env.USER ?? env.LOGNAME ?? 'unknown';
  }
  return { user, host: hostname() };
}
