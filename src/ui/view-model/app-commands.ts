// Quitting, which every screen offers one way or another.
import { always, type CommandTable } from '../commands/command-spec.ts';
import { MODES } from '../commands/modes.ts';
import type { AppState } from './app-state.ts';

const quit = (state: AppState): AppState => ({ ...state, exitRequested: true });

export const appCommands = {
  'app.quit': { keys: ['q'], words: ['q', 'quit'], description: 'Quit', category: 'app', modes: ['list', 'details', 'help', 'too-small', 'audit'], dangerous: false, hint: 'quit', pinnedHint: true, disabledReason: always, run: quit },
  'app.interrupt': { keys: ['ctrl+c'], description: 'Quit from anywhere, the filter prompt included', category: 'app', modes: MODES, dangerous: false, disabledReason: always, run: quit },
} satisfies CommandTable<AppState>;
