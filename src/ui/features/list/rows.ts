// The list's own slice of the app state (the tokens as reported, the filter, the sort, the visible
// rows, the selection, the marks) and the transitions that change which rows are visible; each
// keeps the selection on the same token id. Generic over the state holding the slice, so the
// list never needs to know the rest of the app.
import { tableRows, type Viewport } from '../../shared/layout.ts';
import type { DataState, TokenEntry } from '../../shared/token-data.ts';
import { reconcileSelection, selectIndex, type Selection } from './selection.ts';
import { visibleRows, type SortKey } from './token-view.ts';

/** The token list, and the list with the filter prompt open (typing edits the filter live). */
export type ListScreen = { readonly kind: 'list' } | { readonly kind: 'filter' };

export interface ListSlice {
  readonly data: DataState;
  readonly filter: string;
  readonly sort: SortKey;
  /** The filtered, sorted rows; recomputed only when data, filter or sort change. */
  readonly rows: readonly TokenEntry[];
  readonly selection: Selection;
  /** Token ids marked for a bulk revoke; may include tokens the filter hides. */
  readonly marked: ReadonlySet<string>;
  readonly viewport: Viewport;
}

export function withRows<S extends ListSlice>(state: S): S {
  const rows = visibleRows(state.data.entries.values(), state.filter, state.sort);
  return { ...state, rows, selection: reconcileSelection(rows, state.selection, tableRows(state.viewport)) };
}

export function withFilter<S extends ListSlice>(state: S, filter: string): S {
  return filter === state.filter ? state : withRows({ ...state, filter });
}

export function withSort<S extends ListSlice>(state: S, sort: SortKey): S {
  return withRows({ ...state, sort });
}

export function moveSelection<S extends ListSlice>(state: S, index: number): S {
  return { ...state, selection: selectIndex(state.rows, index, state.selection, tableRows(state.viewport)) };
}

/** After a resize: the selection's window follows the new height. */
export function withViewport<S extends ListSlice>(state: S, viewport: Viewport): S {
  if (viewport.columns === state.viewport.columns && viewport.rows === state.viewport.rows) return state;
  return { ...state, viewport, selection: reconcileSelection(state.rows, state.selection, tableRows(viewport)) };
}

/** The selected row, if the selection still points at one. */
export function selectedEntry(state: ListSlice): TokenEntry | undefined {
  const entry = state.rows[state.selection.index];
  return entry !== undefined && entry.token.id === state.selection.id ? entry : undefined;
}
