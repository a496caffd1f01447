// The `:audit` view as lines: journal records newest first, one line each (plus the error
// under a failed one), so the reducer can bound scrolling with the same lines.
import { rotationLink, type AuditRecord } from '../../../core/audit.ts';
import { truncateToWidth } from '../../shared/text-width.ts';
import type { ThemeRole } from '../../shared/theme.ts';
import type { BackTarget } from '../../shared/back-target.ts';
import type { ScreenLine } from '../../shared/screen-line.ts';

/** `:audit`: the journal, loaded when the screen opens (useAuditJournalView). */
export interface AuditScreen {
  readonly kind: 'audit';
  readonly scroll: number;
  readonly journal: AuditView;
  readonly back: BackTarget;
}

export type AuditView =
  | { readonly state: 'loading' }
  /** `records` newest first; `corrupt` counts unreadable lines. */
  | { readonly state: 'loaded'; readonly records: readonly AuditRecord[]; readonly corrupt: number; readonly path?: string }
  | { readonly state: 'failed'; readonly error: string };

const OUTCOME_ROLES: { readonly [outcome in AuditRecord['outcome']]: ThemeRole } = {
  success: 'status.ok',
  failure: 'status.danger',
  refused: 'status.warn',
};

/** `2026-11-20 12:00:05Z` from the record's ISO time (kept as written when it is not ISO). */
function shortTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return match === null ? iso : `${match[1]} ${match[2]}Z`;
}

export function auditRecordLine(record: AuditRecord): string {
  const who = `${record.operator.user}@${record.operator.host}`;
  const server = record.server === undefined || record.server === record.context ? '' : ` ${record.server}`;
  const where = `${record.context} (${record.adapter}${server})`;
  const confirmation = record.confirmation ?? '-';
  const impact = record.impact === undefined ? '' : `  impact ${record.impact.severity}: ${record.impact.summary}`;
  return `${shortTime(record.time)}  ${record.action.padEnd(6)}  ${record.tokenId}${rotationLink(record)}  ${record.outcome.padEnd(7)}  ${confirmation.padEnd(8)}  ${who}  ${where}${impact}`;
}

export function auditLines(view: AuditView, width: number): ScreenLine[] {
  switch (view.state) {
    case 'loading':
      return [{ text: 'reading the audit journal…', role: 'status.muted' }];
    case 'failed':
      return [{ text: view.error, role: 'status.danger' }];
    case 'loaded': {
      const lines: ScreenLine[] = [];
      if (view.corrupt > 0) lines.push({ text: `${view.corrupt} unreadable line(s) skipped`, role: 'status.warn' });
      if (view.records.length === 0) {
        lines.push({ text: 'the audit journal is empty: nothing was created, rotated or revoked from this machine yet', role: 'status.muted' });
      }
      for (const record of view.records) {
        lines.push({ text: truncateToWidth(auditRecordLine(record), width), role: OUTCOME_ROLES[record.outcome] });
        if (record.error !== undefined) lines.push({ text: truncateToWidth(`    ${record.error}`, width), role: 'text.secondary' });
      }
      return lines;
    }
  }
}

export function auditSummary(view: AuditView): string {
  if (view.state !== 'loaded') return 'audit journal';
  const count = view.records.length === 1 ? '1 record' : `${view.records.length} records`;
  return `audit journal · ${count}, newest first${view.path === undefined ? '' : ` · ${view.path}`}`;
}
