// The token list's commands: moving the selection, the filter prompt, sorting, marking for a
// bulk revoke, and Enter into a token's details. Each updates the list's own slice (rows.ts).
import { always, needsSelection, type CommandTable } from '../../commands/command-spec.ts';
import { tableRows } from '../../shared/layout.ts';
import { withoutLastChar } from '../../shared/text-field.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { toggleMark, toggleMarkAllShown } from './marks.ts';
import { moveSelection, withFilter, withSort } from './rows.ts';
import { nextSortKey } from './token-view.ts';

const page = (state: AppState): number => tableRows(state.viewport);

export const listCommands = {
  'list.up': { keys: ['up', 'k'], description: 'Move the selection up', category: 'navigate', modes: ['list'], dangerous: false, hint: 'move', disabledReason: always, run: (state) => moveSelection(state, state.selection.index - 1) },
  'list.down': { keys: ['down', 'j'], description: 'Move the selection down', category: 'navigate', modes: ['list'], dangerous: false, hint: 'move', disabledReason: always, run: (state) => moveSelection(state, state.selection.index + 1) },
  'list.pageUp': { keys: ['pageup'], description: 'Move one page up', category: 'navigate', modes: ['list'], dangerous: false, disabledReason: always, run: (state) => moveSelection(state, state.selection.index - page(state)) },
  'list.pageDown': { keys: ['pagedown'], description: 'Move one page down', category: 'navigate', modes: ['list'], dangerous: false, disabledReason: always, run: (state) => moveSelection(state, state.selection.index + page(state)) },
  'list.top': { keys: ['g', 'home'], description: 'Jump to the first token', category: 'navigate', modes: ['list'], dangerous: false, disabledReason: always, run: (state) => moveSelection(state, 0) },
  'list.bottom': { keys: ['G', 'end'], description: 'Jump to the last token', category: 'navigate', modes: ['list'], dangerous: false, disabledReason: always, run: (state) => moveSelection(state, state.rows.length - 1) },
  'list.filter': { keys: ['/'], description: 'Filter by id, description or group', category: 'view', modes: ['list'], dangerous: false, hint: 'filter', disabledReason: always, run: (state) => ({ ...state, screen: { kind: 'filter' } }) },
  'list.clearFilter': {
    keys: ['escape'],
    description: 'Clear the filter',
    category: 'view',
    modes: ['list'],
    dangerous: false,
    hint: 'clear filter',
    disabledReason: (context) => (context.filterActive ? null : 'no filter is active'),
    quietWhenDisabled: true,
    run: (state) => withFilter(state, ''),
  },
  'list.timeZone': {
    keys: ['z'],
    description: 'Show EXPIRES in local time or UTC (the column title says which)',
    category: 'view',
    modes: ['list'],
    dangerous: false,
    disabledReason: always,
    run: (state) => {
      const timeZone = state.timeZone === 'utc' ? 'local' : 'utc';
      return { ...state, timeZone, flash: { text: `EXPIRES in ${timeZone === 'utc' ? 'UTC' : 'local time'} (z switches)`, role: 'status.muted' } };
    },
  },
  'list.sort': { keys: ['s'], description: 'Cycle the sort order: expiry, id, description', category: 'view', modes: ['list'], dangerous: false, hint: 'sort', disabledReason: always, run: (state) => withSort(state, nextSortKey(state.sort)) },
  'list.details': {
    keys: ['enter'],
    description: "Show the selected token's details",
    category: 'view',
    modes: ['list'],
    dangerous: false,
    hint: 'details',
    disabledReason: needsSelection,
    run: (state) => (state.selection.id === null ? state : { ...state, screen: { kind: 'details', tokenId: state.selection.id, scroll: 0 } }),
  },
  'list.mark': {
    keys: [' '],
    description: 'Mark or unmark the selected token (revoke several at once)',
    category: 'view',
    modes: ['list'],
    dangerous: false,
    hint: 'mark',
    disabledReason: needsSelection,
    run: toggleMark,
  },
  'list.markAll': {
    keys: ['ctrl+space'],
    description: 'Mark every token shown (the filter applies); again to unmark them',
    category: 'view',
    modes: ['list'],
    dangerous: false,
    disabledReason: (context) => (context.hasSelection ? null : 'no token is shown'),
    run: toggleMarkAllShown,
  },
} satisfies CommandTable<AppState>;

export const filterCommands = {
  'filter.apply': { keys: ['enter'], description: 'Keep the filter and return to the list', category: 'view', modes: ['filter'], dangerous: false, hint: 'apply', disabledReason: always, run: (state) => ({ ...state, screen: { kind: 'list' } }) },
  'filter.clear': {
    keys: ['escape'],
    description: 'Clear the filter and return to the list',
    category: 'view',
    modes: ['filter'],
    dangerous: false,
    hint: 'clear',
    disabledReason: always,
    run: (state) => ({ ...withFilter(state, ''), screen: { kind: 'list' } }),
  },
  'filter.deleteChar': { keys: ['backspace'], description: 'Delete the last character of the filter', category: 'view', modes: ['filter'], dangerous: false, disabledReason: always, run: (state) => withFilter(state, withoutLastChar(state.filter)) },
} satisfies CommandTable<AppState>;
