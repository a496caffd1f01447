// What the TUI needs from the audit journal, injected so tests use an in-memory one and
// run.tsx the real file (src/state/audit-journal.ts). append() throws when the record could
// not be written: the TUI shows that, it never swallows it.
import { hostname, userInfo } from 'node:os';
import type { AuditOperator } from '../core/audit.ts';
import type { AuditJournal } from '../state/audit-journal.ts';

export type TuiAuditJournal = Pick<AuditJournal, 'append' | 'read'> & { readonly path?: string };

/** OS user and host for audit records; containers without a passwd entry fall back to $USER. */
export function currentOperator(env: NodeJS.ProcessEnv = process.env): AuditOperator {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = env.USER ?? env.LOGNAME ?? 'unknown';
  }
  return { user, host: hostname() };
}
