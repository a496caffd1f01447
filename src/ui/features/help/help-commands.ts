// The `?` screen: opened over the list or a token's details, scrolled within the help's own
// lines (generated from the command table, which the handler is given), and closed.
import { always, type CommandTable } from '../../commands/command-spec.ts';
import { bodyLines } from '../../shared/layout.ts';
import { scrolledTo } from '../../shared/screen-line.ts';
import { backTargetOf, type BackTarget } from '../../shared/back-target.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { commandContext } from '../../view-model/command-context.ts';
import { helpLines, type HelpScreen } from './help-model.ts';

export function helpScreen(from: BackTarget): HelpScreen {
  return { kind: 'help', scroll: 0, back: from };
}

function scroll(state: AppState, commands: CommandTable<AppState>, delta: number): AppState {
  const { screen } = state;
  if (screen.kind !== 'help') return state;
  const lines = helpLines(commands, commandContext(state), state.readonly).length;
  const next = scrolledTo(screen.scroll, delta, lines, bodyLines(state.viewport));
  return next === screen.scroll ? state : { ...state, screen: { ...screen, scroll: next } };
}

export const helpCommands = {
  'help.scrollUp': { keys: ['up', 'k'], description: 'Scroll the help up', category: 'navigate', modes: ['help'], dangerous: false, hint: 'scroll', disabledReason: always, run: (state, { commands }) => scroll(state, commands, -1) },
  'help.scrollDown': { keys: ['down', 'j'], description: 'Scroll the help down', category: 'navigate', modes: ['help'], dangerous: false, hint: 'scroll', disabledReason: always, run: (state, { commands }) => scroll(state, commands, 1) },
  'help.back': { keys: ['escape', '?'], description: 'Close the help', category: 'view', modes: ['help'], dangerous: false, hint: 'back', disabledReason: always, run: (state) => (state.screen.kind === 'help' ? { ...state, screen: state.screen.back } : state) },
} satisfies CommandTable<AppState>;

export const helpOpenCommand = {
  'app.help': {
    keys: ['?'],
    words: ['help'],
    description: 'Show the keys and the TTL legend',
    category: 'app',
    modes: ['list', 'details'],
    dangerous: false,
    hint: 'help',
    disabledReason: always,
    run: (state) => ({ ...state, screen: helpScreen(backTargetOf(state.screen)) }),
  },
} satisfies CommandTable<AppState>;
