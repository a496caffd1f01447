// The `?` screen: opened over the list or a token's details, scrolled within the help's own
// lines (generated from the command table, which the handler is given) by line, by page and to
// either end, searched with `/` (n/N: the next and previous match), and closed.
import { always, type CommandContext, type CommandTable } from '../../commands/command-spec.ts';
import { bodyLines } from '../../shared/layout.ts';
import { scrolledTo } from '../../shared/screen-line.ts';
import { withoutLastChar } from '../../shared/text-field.ts';
import { backTargetOf, type BackTarget } from '../../shared/back-target.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { commandContext } from '../../view-model/command-context.ts';
import { findHelpMatch, helpLines, type HelpScreen, type HelpSearch } from './help-model.ts';

export function helpScreen(from: BackTarget): HelpScreen {
  return { kind: 'help', scroll: 0, back: from, search: null };
}

function withHelp(state: AppState, change: (screen: HelpScreen, lines: number, page: number) => Partial<HelpScreen>, commands: CommandTable<AppState>): AppState {
  const { screen } = state;
  if (screen.kind !== 'help') return state;
  const lines = helpLines(commands, commandContext(state), state.readonly);
  const next = { ...screen, ...change(screen, lines.length, bodyLines(state.viewport)) };
  return { ...state, screen: next };
}

function scroll(state: AppState, commands: CommandTable<AppState>, delta: number): AppState {
  return withHelp(state, (screen, lines, page) => ({ scroll: scrolledTo(screen.scroll, delta, lines, page) }), commands);
}

/** Enter in the search prompt, n and N: the match after (or before) the top line, scrolled to the top. */
function jump(state: AppState, commands: CommandTable<AppState>, direction: 1 | -1, from: 'current' | 'next'): AppState {
  const { screen } = state;
  if (screen.kind !== 'help' || screen.search === null) return state;
  const search: HelpSearch = { ...screen.search, editing: false };
  const query = search.text.trim();
  if (query === '') return { ...state, screen: { ...screen, search: null } };
  const lines = helpLines(commands, commandContext(state), state.readonly);
  const start = from === 'current' ? screen.scroll : screen.scroll + direction;
  const found = findHelpMatch(lines, query, start, direction);
  if (found === null) return { ...state, screen: { ...screen, search }, flash: { text: `no help line matches "${query}"`, role: 'status.warn' } };
  const page = bodyLines(state.viewport);
  return { ...state, screen: { ...screen, search, scroll: scrolledTo(0, found, lines.length, page) }, flash: { text: `"${query}": line ${found + 1} of ${lines.length} · n next, N previous`, role: 'status.muted' } };
}

function editSearch(state: AppState, edit: (text: string) => string): AppState {
  const { screen } = state;
  if (screen.kind !== 'help' || screen.search === null) return state;
  return { ...state, screen: { ...screen, search: { ...screen.search, text: edit(screen.search.text) } } };
}

const hasQuery = (state: AppState): boolean => state.screen.kind === 'help' && state.screen.search !== null && state.screen.search.text.trim() !== '';
const noSearchYet = (context: CommandContext): string | null => (context.helpSearch === null ? 'search first with /' : null);

export const helpCommands = {
  'help.scrollUp': { keys: ['up', 'k'], description: 'Scroll the help up', category: 'navigate', modes: ['help'], dangerous: false, hint: 'scroll', disabledReason: always, run: (state, { commands }) => scroll(state, commands, -1) },
  'help.scrollDown': { keys: ['down', 'j'], description: 'Scroll the help down', category: 'navigate', modes: ['help'], dangerous: false, hint: 'scroll', disabledReason: always, run: (state, { commands }) => scroll(state, commands, 1) },
  'help.pageUp': { keys: ['pageup'], description: 'Up a page', category: 'navigate', modes: ['help'], dangerous: false, disabledReason: always, run: (state, { commands }) => scroll(state, commands, -bodyLines(state.viewport)) },
  'help.pageDown': { keys: ['pagedown'], description: 'Down a page', category: 'navigate', modes: ['help'], dangerous: false, hint: 'page', disabledReason: always, run: (state, { commands }) => scroll(state, commands, bodyLines(state.viewport)) },
  'help.top': { keys: ['g', 'home'], description: 'To the top of the help', category: 'navigate', modes: ['help'], dangerous: false, disabledReason: always, run: (state, { commands }) => scroll(state, commands, -Infinity) },
  'help.bottom': { keys: ['G', 'end'], description: 'To the end of the help (the TTL legend)', category: 'navigate', modes: ['help'], dangerous: false, disabledReason: always, run: (state, { commands }) => scroll(state, commands, Infinity) },
  'help.search': { keys: ['/'], description: 'Search the help', category: 'navigate', modes: ['help'], dangerous: false, hint: 'search', disabledReason: always, run: (state) => (state.screen.kind === 'help' ? { ...state, screen: { ...state.screen, search: { text: '', editing: true } } } : state) },
  'help.searchNext': { keys: ['n'], description: 'The next line that matches the search', category: 'navigate', modes: ['help'], dangerous: false, disabledReason: noSearchYet, run: (state, { commands }) => (hasQuery(state) ? jump(state, commands, 1, 'next') : state) },
  'help.searchPrevious': { keys: ['N'], description: 'The previous line that matches the search', category: 'navigate', modes: ['help'], dangerous: false, disabledReason: noSearchYet, run: (state, { commands }) => (hasQuery(state) ? jump(state, commands, -1, 'next') : state) },
  'help.searchRun': { keys: ['enter'], description: 'Go to the first line that matches', category: 'navigate', modes: ['help-search'], dangerous: false, hint: 'find', disabledReason: always, run: (state, { commands }) => jump(state, commands, 1, 'current') },
  'help.searchCancel': { keys: ['escape'], description: 'Close the search prompt', category: 'navigate', modes: ['help-search'], dangerous: false, hint: 'cancel', disabledReason: always, run: (state) => (state.screen.kind === 'help' ? { ...state, screen: { ...state.screen, search: null } } : state) },
  'help.searchDeleteChar': { keys: ['backspace'], description: 'Delete the last character of the search', category: 'navigate', modes: ['help-search'], dangerous: false, disabledReason: always, run: (state) => editSearch(state, withoutLastChar) },
  'help.back': { keys: ['escape', '?'], description: 'Close the help', category: 'view', modes: ['help'], dangerous: false, hint: 'back', disabledReason: always, run: (state) => (state.screen.kind === 'help' ? { ...state, screen: state.screen.back } : state) },
} satisfies CommandTable<AppState>;

/** Typing into the help's search prompt. */
export function typeIntoHelpSearch(state: AppState, text: string): AppState {
  return editSearch(state, (query) => query + text);
}

export const helpOpenCommand = {
  'app.help': {
    keys: ['?'],
    words: ['help'],
    description: 'Show the keys and the TTL legend',
    category: 'app',
    modes: ['list', 'details'],
    dangerous: false,
    hint: 'help',
    pinnedHint: true,
    disabledReason: always,
    run: (state) => ({ ...state, screen: helpScreen(backTargetOf(state.screen)) }),
  },
} satisfies CommandTable<AppState>;
