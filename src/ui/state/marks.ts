// Marked tokens for a bulk revoke (k9s style). Marks follow token ids, survive filtering, and
// the revoke screen counts the marked tokens the filter hides, so nothing is revoked unseen.
import type { AppState } from './app-state.ts';
import type { TokenEntry } from './data-state.ts';
import type { RevokeBatch } from './revoke-flow.ts';

export function toggleMark(state: AppState): AppState {
  const id = state.selection.id;
  if (id === null || !state.data.entries.has(id)) return state;
  const marked = new Set(state.marked);
  if (!marked.delete(id)) marked.add(id);
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
export function revokeBatch(state: AppState): RevokeBatch | null {
  if (state.screen.kind === 'details') {
    return state.data.entries.has(state.screen.tokenId) ? { ids: [state.screen.tokenId], hiddenByFilter: 0 } : null;
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
