// A token as every output format shows it: kubeadm's table columns (or a scoped service's),
// -o wide's extra columns, and the JSON element of -o json (never a secret: the Token model has
// none, and the TOKEN column shows the id only). list, get and list --watch render through this.
import { formatShortHumanDuration } from '../../core/duration.ts';
import { formatRfc3339 } from '../../core/rfc3339.ts';
import { isUsedUp, remainingMs, tokenStatus } from '../../core/token.ts';
import type { Token, TokenStatus } from '../../core/token.ts';
import { formatTable } from '../output.ts';
import type { Column, ItemsView } from './items-view.ts';

export { formatRfc3339 };

export type ListedExtra = string | number | boolean | null;

export interface ListedToken {
  readonly id: string;
  readonly description: string;
  /** RFC 3339 without fractional seconds, as kubeadm prints it; null = never expires. */
  readonly expiresAt: string | null;
  /** Whole seconds left (0 once expired); null = never expires. */
  readonly ttlSeconds: number | null;
  readonly status: TokenStatus;
  readonly usages: readonly string[];
  readonly groups: readonly string[];
  readonly isDefault?: boolean;
  readonly usesRemaining?: number | null;
  readonly scope?: string;
  readonly invalidReason?: string;
  readonly [extra: string]: ListedExtra | readonly string[] | undefined;
}

export const TABLE_HEADERS = ['TOKEN', 'TTL', 'EXPIRES', 'USAGES', 'DESCRIPTION', 'EXTRA GROUPS'] as const;
/** Tokens with a scope instead of usages and groups (a REST service): its own columns, the description last. */
export const SCOPED_TABLE_HEADERS = ['TOKEN', 'TTL', 'EXPIRES', 'SCOPE', 'USES LEFT', 'DEFAULT', 'DESCRIPTION'] as const;

function expiresText(token: Token): string | null {
  return token.expiresAt === null || !Number.isFinite(token.expiresAt) ? null : formatRfc3339(token.expiresAt);
}

export function toListedToken(token: Token, nowMs: number): ListedToken {
  const remaining = remainingMs(token, nowMs);
  const listed: Record<string, ListedExtra | readonly string[]> = {
    id: token.id,
    description: token.description,
    expiresAt: expiresText(token),
    ttlSeconds: remaining === null ? null : Math.max(0, Math.floor(remaining / 1000)),
    status: tokenStatus(token, nowMs),
    usages: token.usages,
    groups: token.groups,
  };
  if (token.isDefault !== undefined) listed.isDefault = token.isDefault;
  if (token.usesRemaining !== undefined) listed.usesRemaining = token.usesRemaining;
  if (token.scope !== undefined) listed.scope = token.scope;
  if (token.replaces !== undefined) listed.replaces = token.replaces;
  if (token.invalidReason !== null) listed.invalidReason = token.invalidReason;
  // Adapter extras sit beside the standard fields but can never replace one.
  for (const [key, value] of Object.entries(token.extras ?? {})) {
    if (!Object.hasOwn(listed, key)) listed[key] = value;
  }
  return listed as ListedToken;
}

function orNone(text: string): string {
  return text === '' ? '<none>' : text;
}

export function tokenTableRow(token: Token, nowMs: number): readonly string[] {
  const expires = expiresText(token);
  const ttl =
    token.invalidReason !== null
      ? '<invalid>'
      : token.expiresAt === null
        ? '<forever>'
        : formatShortHumanDuration((token.expiresAt - nowMs) / 1000);
  // A scoped token (a REST service's) has a scope where a bootstrap token has usages: a table of
  // both kinds (a fleet's) shows it there.
  const usages = token.scope !== undefined && token.scope !== '' && token.usages.length === 0 ? `scope:${token.scope}` : token.usages.join(',');
  return [
    token.id,
    ttl,
    expires ?? '<never>',
    orNone(usages),
    orNone(token.invalidReason ?? token.description),
    orNone(token.groups.join(',')),
  ];
}

/** `3/5` (left of the limit), `unlimited`, or `-` where the backend counts no uses. */
function usesLeftText(token: Token): string {
  if (token.usesRemaining === undefined) return '-';
  if (token.usesRemaining === null) return 'unlimited';
  const limit = token.fields?.['maxUses'];
  return typeof limit === 'number' ? `${token.usesRemaining}/${limit}` : String(token.usesRemaining);
}

export function scopedTableRow(token: Token, nowMs: number): readonly string[] {
  const [id = '', kubeadmTtl = '', expires = ''] = tokenTableRow(token, nowMs);
  const ttl = token.invalidReason === null && isUsedUp(token) ? '<used-up>' : kubeadmTtl;
  return [id, ttl, expires, orNone(token.scope ?? ''), usesLeftText(token), token.isDefault === true ? 'yes' : '-', orNone(token.invalidReason ?? token.description)];
}

/** `list`'s table of these tokens: the columns tokenView chooses for them. */
export function formatTokenTable(tokens: readonly Token[], nowMs: number): string {
  const { columns } = tokenView(tokens, nowMs);
  return formatTable(columns.map((column) => column.header), tokens.map((token) => columns.map((column) => column.cell(token))));
}

/** The standard fields of a listed token; adapter extras follow them. */
const TOKEN_FIELDS = ['id', 'description', 'expiresAt', 'ttlSeconds', 'status', 'usages', 'groups', 'isDefault', 'usesRemaining', 'scope', 'replaces', 'invalidReason'];

function columnsOf(headers: readonly string[], row: (token: Token) => readonly string[]): Column<Token>[] {
  // A table asks for a row's cells one after another: the row is made once, not once per column.
  let last: { readonly token: Token; readonly cells: readonly string[] } | undefined;
  const cellsOf = (token: Token) => (last?.token === token ? last.cells : (last = { token, cells: row(token) }).cells);
  return headers.map((header, index) => ({ header, cell: (token) => cellsOf(token)[index] ?? '' }));
}

/** Which columns a table of tokens has. A stream of changes (list -w) keeps the one its list chose. */
export interface TokenColumns {
  /** A scoped service's columns (every token has a scope) instead of kubeadm's. */
  readonly scoped: boolean;
  /** -o wide's extra columns, where some token has what they show. */
  readonly usesLeft: boolean;
  readonly isDefault: boolean;
  readonly scope: boolean;
}

export function tokenColumns(tokens: readonly Token[]): TokenColumns {
  // One pass (this runs for every listing): what some token has, and whether every one is scoped.
  let scopedCount = 0;
  let usesLeft = false;
  let isDefault = false;
  for (const token of tokens) {
    if (token.scope !== undefined) scopedCount += 1;
    if (token.usesRemaining !== undefined) usesLeft = true;
    if (token.isDefault !== undefined) isDefault = true;
  }
  const scoped = tokens.length > 0 && scopedCount === tokens.length;
  return { scoped, usesLeft: !scoped && usesLeft, isDefault: !scoped && isDefault, scope: !scoped && scopedCount > 0 };
}

export interface TokenViewOptions {
  /** One `get ID`: json, yaml and jsonpath print the object itself. */
  readonly single?: boolean;
  /** get: each token's JSON adds `fields`, the values of the create fields it carries. */
  readonly withFields?: boolean;
  /** The columns, when not those `tokens` would choose (a stream of changes keeps its list's). */
  readonly columns?: TokenColumns;
}

/** The adapter extras' keys, in first-seen order (a loop: most tokens have none, and this runs for every listing). */
function extraFields(tokens: readonly Token[]): string[] {
  const keys = new Set<string>();
  for (const token of tokens) {
    if (token.extras === undefined) continue;
    for (const key of Object.keys(token.extras)) if (!TOKEN_FIELDS.includes(key)) keys.add(key);
  }
  return [...keys];
}

/** `tokens` as list and get print them. */
export function tokenView(tokens: readonly Token[], nowMs: number, options: TokenViewOptions = {}): ItemsView<Token> {
  const chosen = options.columns ?? tokenColumns(tokens);
  const columns = chosen.scoped ? columnsOf(SCOPED_TABLE_HEADERS, (token) => scopedTableRow(token, nowMs)) : columnsOf(TABLE_HEADERS, (token) => tokenTableRow(token, nowMs));
  const wideColumns: Column<Token>[] = [{ header: 'STATUS', cell: (token) => tokenStatus(token, nowMs) }];
  if (chosen.usesLeft) wideColumns.push({ header: 'USES LEFT', cell: usesLeftText });
  if (chosen.isDefault) wideColumns.push({ header: 'DEFAULT', cell: (token) => (token.isDefault === true ? 'yes' : '-') });
  if (chosen.scope) wideColumns.push({ header: 'SCOPE', cell: (token) => orNone(token.scope ?? '') });
  return {
    items: tokens,
    columns,
    wideColumns,
    toJson: (token) => {
      const listed = toListedToken(token, nowMs);
      return options.withFields === true && token.fields !== undefined ? { ...listed, fields: token.fields } : listed;
    },
    nameOf: (token) => `token/${token.id}`,
    fields: [...TOKEN_FIELDS, ...(options.withFields === true ? ['fields'] : []), ...extraFields(tokens)],
    single: options.single === true,
  };
}
