// Which tokens the list shows and in what order: pure, so the reducer can recompute it
// synchronously inside a chunk of keys.
import type { TokenEntry } from '../../shared/token-data.ts';

export type SortKey = 'expiry' | 'id' | 'description';

export const SORT_CYCLE: readonly SortKey[] = ['expiry', 'id', 'description'];

export function nextSortKey(current: SortKey): SortKey {
  const index = SORT_CYCLE.indexOf(current);
  return SORT_CYCLE[(index + 1) % SORT_CYCLE.length] ?? 'expiry';
}

/** Case-insensitive substring match on id, description, groups and scope. */
export function matchesFilter(entry: TokenEntry, filter: string): boolean {
  if (filter === '') return true;
  const needle = filter.toLowerCase();
  const { token } = entry;
  return (
    token.id.toLowerCase().includes(needle) ||
    token.description.toLowerCase().includes(needle) ||
    token.groups.some((group) => group.toLowerCase().includes(needle)) ||
    (token.scope?.toLowerCase().includes(needle) ?? false)
  );
}

// Decorate-sort-undecorate: one lower-casing per token instead of per comparison, which
// matters at 10,000 tokens.
interface Decorated {
  readonly entry: TokenEntry;
  readonly primary: number | string;
}

function primaryKey(entry: TokenEntry, sort: SortKey): number | string {
  switch (sort) {
    case 'expiry':
      // Never-expiring tokens last.
      return entry.token.expiresAt ?? Number.POSITIVE_INFINITY;
    case 'id':
      return entry.token.id;
    case 'description':
      // Tokens without a description after described ones.
      return entry.token.description === '' ? '\uffff' : entry.token.description.toLowerCase();
  }
}

function compare(left: Decorated, right: Decorated): number {
  if (left.primary < right.primary) return -1;
  if (left.primary > right.primary) return 1;
  // Ties by id keep the order stable across updates.
  const leftId = left.entry.token.id;
  const rightId = right.entry.token.id;
  return leftId < rightId ? -1 : leftId > rightId ? 1 : 0;
}

export function visibleRows(entries: Iterable<TokenEntry>, filter: string, sort: SortKey): TokenEntry[] {
  const decorated: Decorated[] = [];
  for (const entry of entries) {
    if (matchesFilter(entry, filter)) decorated.push({ entry, primary: primaryKey(entry, sort) });
  }
  decorated.sort(compare);
  return decorated.map((item) => item.entry);
}
