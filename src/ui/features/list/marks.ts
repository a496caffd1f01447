// Marked tokens for a bulk revoke (k9s style). Marks follow token ids, survive filtering, and
// the revoke screen counts the marked tokens the filter hides, so nothing is revoked unseen.
import type { BackTarget } from '../../shared/back-target.ts';
import type { TokenEntry } from '../../shared/token-data.ts';
import type { ListSlice } from './rows.ts';

/** The tokens one revoke screen handles, in the order it handles them. */
export interface RevokeBatch {
  /** In list order; marked tokens hidden by the filter come last. */
  readonly ids: readonly string[];
  readonly hiddenByFilter: number;
}

export function toggleMark<S extends ListSlice>(state: S): S {
  const id = state.selection.id;
  if (id === null || !state.data.entries.has(id)) return state;
  const marked = new Set(state.marked);
  if (!marked.delete(id)) marked.add(id);
  return { ...state, marked };
}

/** Ctrl-Space (k9s users press it): marks every token the list shows (the filter applies); if all are marked already, unmarks them. */
export function toggleMarkAllShown<S extends ListSlice>(state: S): S {
  const shown = state.rows.map((entry) => entry.token.id);
  if (shown.length === 0) return state;
  const marked = new Set(state.marked);
  const allMarked = shown.every((id) => marked.has(id));
  for (const id of shown) {
    if (allMarked) marked.delete(id);
    else marked.add(id);
  }
  return { ...state, marked };
}

/** Drops marks of tokens the backend no longer reports; the same set when nothing changed. */
export function pruneMarks(marked: ReadonlySet<string>, entries: ReadonlyMap<string, TokenEntry>): ReadonlySet<string> {
  if ([...marked].every((id) => entries.has(id))) return marked;
  return new Set([...marked].filter((id) => entries.has(id)));
}

export function withoutMarks(marked: ReadonlySet<string>, ids: Iterable<string>): ReadonlySet<string> {
  const next = new Set(marked);
  for (const id of ids) next.delete(id);
  return next.size === marked.size ? marked : next;
}

/**
 * From the details: that token. From the list: the marked tokens (visible ones in list order,
 * then hidden ones by id), else the selected one.
 */
export function revokeBatch(state: ListSlice, from: BackTarget): RevokeBatch | null {
  if (from.kind === 'details') {
    return state.data.entries.has(from.tokenId) ? { ids: [from.tokenId], hiddenByFilter: 0 } : null;
  }
  const marked = [...state.marked].filter((id) => state.data.entries.has(id));
  if (marked.length === 0) {
    const id = state.selection.id;
    return id !== null && state.data.entries.has(id) ? { ids: [id], hiddenByFilter: 0 } : null;
  }
  const markedSet = new Set(marked);
  const visible = state.rows.map((entry) => entry.token.id).filter((id) => markedSet.has(id));
  const visibleSet = new Set(visible);
  const hidden = marked.filter((id) => !visibleSet.has(id)).sort();
  return { ids: [...visible, ...hidden], hiddenByFilter: hidden.length };
}
