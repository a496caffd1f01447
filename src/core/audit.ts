// The local audit journal's record format: one JSON object per line, one line per mutation.
// Pure: formatting and parsing only; src/journals/audit-journal.ts does the file I/O.
// A record never holds a secret: every string is redacted, and the finished line is redacted
// once more as a last defence.
import { redactSecrets } from './bootstrap-token.ts';
import { impactSeverity, type ImpactItemKind, type ImpactPreview, type ImpactSeverity } from './impact.ts';
import { parseJsonRecord } from './json-record.ts';

// server-ttl: a server-wide token lifetime setting changed (its name is the record's tokenId).
export const AUDIT_ACTIONS = ['create', 'revoke', 'rotate', 'make-default', 'server-ttl'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** How the operator confirmed: nothing needed, y/Enter, typed the token id, or `--confirm ID`. */
export const AUDIT_CONFIRMATIONS = ['none', 'yes', 'typed-id', 'flag'] as const;
export type AuditConfirmation = (typeof AUDIT_CONFIRMATIONS)[number];

export const AUDIT_OUTCOMES = ['success', 'failure', 'refused'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditImpactSummary {
  readonly severity: ImpactSeverity;
  /** Number of affected items (unknowns not counted). */
  readonly items: number;
  readonly summary: string;
}

export interface AuditOperator {
  /** OS user name. */
  readonly user: string;
  readonly host: string;
}

export interface AuditRecord {
  /** ISO 8601 UTC. */
  readonly time: string;
  readonly operator: AuditOperator;
  readonly context: string;
  readonly adapter: string;
  /** The backend itself: the REST service's URL, or the kubeconfig cluster's server. Absent in records written before it was kept. */
  readonly server?: string;
  readonly action: AuditAction;
  readonly tokenId: string;
  /** A rotation's replacement (create, make-default): the old token it replaces. */
  readonly replaces?: string;
  /** A rotation's revoke of the old token: the replacement that took its place. */
  readonly replacedBy?: string;
  readonly impact?: AuditImpactSummary;
  readonly confirmation?: AuditConfirmation;
  readonly outcome: AuditOutcome;
  readonly error?: string;
}

/** What the code doing a mutation knows about it; who, where and when are added by the journal's writer. */
export type MutationAuditEntry = Omit<AuditRecord, 'time' | 'operator' | 'context' | 'adapter' | 'server'>;

const KIND_PHRASES: Readonly<Record<ImpactItemKind, readonly [singular: string, plural: string]>> = {
  'cluster-wide': ['cluster-wide consequence', 'cluster-wide consequences'],
  'dependent-object': ['dependent object', 'dependent objects'],
  'join-in-progress': ['join in progress', 'joins in progress'],
  'machine-loses-access': ['machine loses access', 'machines lose access'],
  'signature-removed': ['signature removed', 'signatures removed'],
  'joined-keeps-working': ['joined node keeps working', 'joined nodes keep working'],
  informational: ['fact for context', 'facts for context'],
};

function counted(count: number, [singular, plural]: readonly [string, string]): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** A one-line summary of a preview for the journal, e.g. "2 joins in progress, 1 unknown". */
export function summarizeImpact(preview: ImpactPreview): AuditImpactSummary {
  const severity = impactSeverity(preview);
  if (preview.state === 'unknown') {
    return { severity, items: 0, summary: redactSecrets(`impact unknown: ${preview.reason}`) };
  }
  const parts: string[] = [];
  for (const kind of Object.keys(KIND_PHRASES) as ImpactItemKind[]) {
    const count = preview.items.filter((item) => item.kind === kind).length;
    if (count > 0) parts.push(counted(count, KIND_PHRASES[kind]));
  }
  if (preview.unknowns.length > 0) parts.push(counted(preview.unknowns.length, ['unknown', 'unknowns']));
  return { severity, items: preview.items.length, summary: parts.length === 0 ? 'no impact' : parts.join(', ') };
}

/** ` (replaces abcdef)` or ` (replaced by ghijkl)` after a record's token id; '' outside a rotation. */
export function rotationLink(record: Pick<AuditRecord, 'replaces' | 'replacedBy'>): string {
  if (record.replaces !== undefined) return ` (replaces ${record.replaces})`;
  if (record.replacedBy !== undefined) return ` (replaced by ${record.replacedBy})`;
  return '';
}

// Fixed key order keeps the journal readable with grep and diffable between versions.
function ordered(record: AuditRecord): Record<string, unknown> {
  return {
    time: record.time,
    operator: { user: record.operator.user, host: record.operator.host },
    context: record.context,
    adapter: record.adapter,
    ...(record.server === undefined ? {} : { server: record.server }),
    action: record.action,
    tokenId: record.tokenId,
    ...(record.replaces !== undefined ? { replaces: record.replaces } : {}),
    ...(record.replacedBy !== undefined ? { replacedBy: record.replacedBy } : {}),
    ...(record.impact ? { impact: { severity: record.impact.severity, items: record.impact.items, summary: record.impact.summary } } : {}),
    ...(record.confirmation ? { confirmation: record.confirmation } : {}),
    outcome: record.outcome,
    ...(record.error !== undefined ? { error: record.error } : {}),
  };
}

/** One JSON line (no trailing newline); every string redacted, then the whole line again. */
export function formatAuditRecord(record: AuditRecord): string {
  const line = JSON.stringify(ordered(record), (_key, value: unknown) => (typeof value === 'string' ? redactSecrets(value) : value));
  const lastDefence = redactSecrets(line);
  if (lastDefence === line) return line;
  // The line pass can see runs that JSON escaping created (`\n` + `abcde.…`) and redacts them too;
  // but a k3s pattern can swallow the backslash of an escaped quote. Every string value is already
  // redacted, so when the extra pass breaks the JSON the per-value result is kept.
  try {
    JSON.parse(lastDefence);
    return lastDefence;
  } catch {
    return line;
  }
}

export type ParsedAuditLine = { readonly ok: true; readonly record: AuditRecord } | { readonly ok: false; readonly error: string };

const isString = (value: unknown): value is string => typeof value === 'string';
const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => values.includes(value as T);
const SEVERITIES: readonly ImpactSeverity[] = ['none', 'low', 'high'];

function invalidField(record: Record<string, unknown>): string | null {
  const operator = record['operator'] as Record<string, unknown> | null | undefined;
  if (!isString(record['time'])) return 'time';
  if (typeof operator !== 'object' || operator === null || !isString(operator['user']) || !isString(operator['host'])) return 'operator';
  for (const field of ['context', 'adapter', 'tokenId']) if (!isString(record[field])) return field;
  if (record['server'] !== undefined && !isString(record['server'])) return 'server';
  if (!isOneOf(AUDIT_ACTIONS, record['action'])) return 'action';
  if (!isOneOf(AUDIT_OUTCOMES, record['outcome'])) return 'outcome';
  if (record['confirmation'] !== undefined && !isOneOf(AUDIT_CONFIRMATIONS, record['confirmation'])) return 'confirmation';
  if (record['error'] !== undefined && !isString(record['error'])) return 'error';
  for (const field of ['replaces', 'replacedBy']) if (record[field] !== undefined && !isString(record[field])) return field;
  const impact = record['impact'] as Record<string, unknown> | undefined;
  if (impact !== undefined) {
    const valid = typeof impact === 'object' && impact !== null && isOneOf(SEVERITIES, impact['severity']);
    if (!valid || typeof impact['items'] !== 'number' || !isString(impact['summary'])) return 'impact';
  }
  return null;
}

/** One journal line back into a record; a corrupt line is reported, not thrown. */
export function parseAuditLine(line: string): ParsedAuditLine {
  const parsed = parseJsonRecord(line, invalidField);
  return parsed.ok ? { ok: true, record: parsed.record as unknown as AuditRecord } : parsed;
}
