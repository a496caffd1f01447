// State transitions that change which rows are visible; each keeps the selection on the
// same token id.
import { tableRows } from '../layout.ts';
import type { AppState } from './app-state.ts';
import { reconcileSelection } from './selection.ts';
import { visibleRows, type SortKey } from './token-view.ts';

export function withRows(state: AppState): AppState {
  const rows = visibleRows(state.data.entries.values(), state.filter, state.sort);
  return { ...state, rows, selection: reconcileSelection(rows, state.selection, tableRows(state.viewport)) };
}

export function withFilter(state: AppState, filter: string): AppState {
  return filter === state.filter ? state : withRows({ ...state, filter });
}

export function withSort(state: AppState, sort: SortKey): AppState {
  return withRows({ ...state, sort });
}
