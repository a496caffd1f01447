// Column widths for the token table, in display cells. Fixed columns keep their width;
// description and usages/groups share what is left; on narrow terminals the least useful
// columns go first. TTL is last: it is the only cell that changes every second, and Ink
// rewrites a changed line from its first changed cell to the end.
import { fieldName, type Token, type TokenFieldNames } from '../../../core/token.ts';
import { displayWidth, fitToWidth, fitToWidthRight } from '../../shared/text-width.ts';
import { formatLocalShort, formatUtcShort, localOffsetLabel, type TableTimeZone } from '../../shared/time-format.ts';

export type ColumnId = 'id' | 'description' | 'scope' | 'uses' | 'expires' | 'ttl';

export interface Column {
  readonly id: ColumnId;
  readonly title: string;
  readonly width: number;
  readonly align: 'left' | 'right';
}

export interface TableLayout {
  readonly columns: readonly Column[];
  readonly timeZone: TableTimeZone;
}

/** Cursor (›), default marker (★) and a space before the first column (`+` when marked). */
export const ROW_PREFIX_WIDTH = 3;
const GAP = '  ';
export const TTL_WIDTH = 12; // `? clock skew`
const EXPIRES_WIDTH = 17; // `2026-11-20 15:03`, under `EXPIRES UTC+05:30`
const USES_WIDTH = 5; // `LEFT` over `1000` or `∞`: uses left
const ID_MAX_WIDTH = 24;
const DESCRIPTION_MIN = 10;
const SCOPE_MIN = 8;
// Dropped in this order when the terminal is too narrow for everything.
const OPTIONAL_COLUMNS: readonly ColumnId[] = ['uses', 'expires', 'scope'];

export interface LayoutInput {
  readonly width: number;
  /** Widest token id (cells). */
  readonly idWidth: number;
  /** True when tokens carry a scope instead of usages/groups (rest backends). */
  readonly scoped: boolean;
  /** False when no token has a use limit (kubeadm): the USES column is left out. */
  readonly hasUses?: boolean;
  /** The zone of EXPIRES, said in its title (default UTC); `now` picks the local offset shown. */
  readonly timeZone?: TableTimeZone;
  readonly now?: number;
  /** What the adapter calls description and scope (lxd: NAME, KIND). */
  readonly fieldNames?: TokenFieldNames;
}

export function layoutTable(input: LayoutInput): TableLayout {
  const idWidth = Math.min(ID_MAX_WIDTH, Math.max(2, input.idWidth));
  const fixed: { readonly [id in ColumnId]?: number } = { id: idWidth, uses: USES_WIDTH, expires: EXPIRES_WIDTH, ttl: TTL_WIDTH };
  const mins: { readonly [id in ColumnId]?: number } = { description: DESCRIPTION_MIN, scope: SCOPE_MIN };
  let shown: ColumnId[] = ['id', 'description', 'scope', 'uses', 'expires', 'ttl'].filter(
    (id) => id !== 'uses' || input.hasUses !== false,
  ) as ColumnId[];
  const needed = (ids: readonly ColumnId[]): number =>
    ROW_PREFIX_WIDTH + ids.reduce((sum, id) => sum + (fixed[id] ?? mins[id] ?? 0), 0) + GAP.length * (ids.length - 1);
  for (const optional of OPTIONAL_COLUMNS) {
    if (needed(shown) <= input.width) break;
    shown = shown.filter((id) => id !== optional);
  }
  const fixedTotal = shown.reduce((sum, id) => sum + (fixed[id] ?? 0), 0);
  const flexible = Math.max(0, input.width - ROW_PREFIX_WIDTH - fixedTotal - GAP.length * (shown.length - 1));
  const hasScope = shown.includes('scope');
  const descriptionWidth = hasScope ? Math.max(DESCRIPTION_MIN, Math.floor((flexible * 3) / 5)) : flexible;
  const widths: { readonly [id in ColumnId]: number } = {
    id: idWidth,
    description: descriptionWidth,
    scope: Math.max(0, flexible - descriptionWidth),
    uses: USES_WIDTH,
    expires: EXPIRES_WIDTH,
    ttl: TTL_WIDTH,
  };
  const titles: { readonly [id in ColumnId]: string } = {
    id: 'ID',
    description: fieldName(input.fieldNames, 'description').toUpperCase(),
    scope: input.scoped ? fieldName(input.fieldNames, 'scope').toUpperCase() : 'USAGES/GROUPS',
    uses: 'LEFT',
    expires: input.timeZone === 'local' ? `EXPIRES ${localOffsetLabel(input.now ?? Date.now())}` : 'EXPIRES UTC',
    ttl: 'TTL',
  };
  return { columns: shown.map((id) => ({ id, title: titles[id], width: widths[id], align: id === 'uses' ? 'right' : 'left' })), timeZone: input.timeZone ?? 'utc' };
}

// `system:bootstrappers:` is on every extra group; the details pane shows the full names.
const GROUP_PREFIX = 'system:bootstrappers:';

export function scopeText(token: Token): string {
  if (token.scope !== undefined) return token.scope;
  const groups = token.groups.map((group) => (group.startsWith(GROUP_PREFIX) ? group.slice(GROUP_PREFIX.length) : group));
  return [token.usages.join(','), groups.join(',')].filter((part) => part !== '').join(' ');
}

function cellText(token: Token, id: Exclude<ColumnId, 'ttl'>, timeZone: TableTimeZone): string {
  switch (id) {
    case 'id':
      return token.id;
    case 'description':
      return token.description;
    case 'scope':
      return scopeText(token);
    case 'uses':
      return token.usesRemaining === undefined ? '-' : token.usesRemaining === null ? '∞' : String(token.usesRemaining);
    case 'expires':
      if (token.expiresAt === null) return 'never';
      return timeZone === 'local' ? formatLocalShort(token.expiresAt) : formatUtcShort(token.expiresAt);
  }
}

function fit(text: string, column: Column): string {
  return column.align === 'right' ? fitToWidthRight(text, column.width) : fitToWidth(text, column.width);
}

/**
 * A column before the layout's own, not part of it (fleet mode's CONTEXT): its cell per row is
 * the caller's; `width` is what the layout was made narrower by, gap included.
 */
export interface LeadingColumn {
  readonly title: string;
  readonly width: number;
}

function leadingCell(text: string, leading: LeadingColumn | undefined): string {
  return leading === undefined ? '' : fitToWidth(text, leading.width - GAP.length) + GAP;
}

/** Everything on a row before the TTL cell, padded so the TTL column lines up; `leading` fills the leading column. */
export function rowPrefixText(token: Token, selected: boolean, layout: TableLayout, marked = false, leading?: { readonly column: LeadingColumn; readonly text: string }): string {
  const marker = `${selected ? '›' : ' '}${token.isDefault === true ? '★' : ' '}${marked ? '+' : ' '}`;
  return marker + leadingCell(leading?.text ?? '', leading?.column) + layout.columns.map((column) => (column.id === 'ttl' ? '' : fit(cellText(token, column.id, layout.timeZone), column) + GAP)).join('');
}

export function headingText(layout: TableLayout, leading?: LeadingColumn): string {
  return ' '.repeat(ROW_PREFIX_WIDTH) + leadingCell(leading?.title ?? '', leading) + layout.columns.map((column) => fit(column.title, column)).join(GAP);
}

/** The room a leading column of `cells` takes from the layout's width, its gap included. */
export function leadingColumn(title: string, cells: number): LeadingColumn {
  return { title, width: cells + GAP.length };
}

export function widestId(tokens: Iterable<Token>): number {
  let widest = 0;
  for (const token of tokens) widest = Math.max(widest, displayWidth(token.id));
  return widest;
}
