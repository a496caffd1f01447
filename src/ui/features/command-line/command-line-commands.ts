// The `:` prompt's commands: open it, edit it, cancel it, and run the typed word, which names a
// command of the table (its `words`) and passes the same read-only and disabled gate as the
// command's key would. `:ctx NAME` is a command of its own, reached only by its word.
import { always, type CommandTable } from '../../commands/command-spec.ts';
import { backTargetOf } from '../../shared/back-target.ts';
import { withoutLastChar } from '../../shared/text-field.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { commandForWord, runCommand } from '../../view-model/command-gate.ts';
import { completeCommandLine, parseCommandLine, requestContextSwitch, unknownWord, wantContextChoices } from './command-line.ts';
import { openContextPicker } from './context-picker-commands.ts';

function editLine(state: AppState, edit: (text: string) => string): AppState {
  const { screen } = state;
  return screen.kind === 'command' ? { ...state, screen: { kind: 'command', back: screen.back, text: edit(screen.text) } } : state;
}

/** Enter: the prompt closes, then the word's command runs on the screen it was opened from. */
function runLine(state: AppState, commands: CommandTable<AppState>): AppState {
  if (state.screen.kind !== 'command') return state;
  const closed: AppState = { ...state, screen: state.screen.back };
  const parsed = parseCommandLine(state.screen.text);
  if (parsed === null) return closed;
  const id = commandForWord(commands, parsed.word);
  if (id === undefined) return { ...closed, flash: unknownWord(parsed.word) };
  return runCommand(closed, commands, id, { kind: 'word', word: parsed.word }, parsed.args);
}

/** Tab: the word, or `:ctx`'s context name, as far as the candidates agree; several left are listed. */
function complete(state: AppState, commands: CommandTable<AppState>): AppState {
  const { screen } = state;
  if (screen.kind !== 'command') return state;
  const words = Object.values(commands).flatMap((spec) => spec.words ?? []);
  const contexts = (state.contextSwitch.choices ?? []).map((choice) => choice.name);
  const completed = completeCommandLine(screen.text, words, contexts);
  const listing = /^\s*ctx\s/.test(screen.text) && state.contextSwitch.choices === null;
  const flash = listing ? { text: 'reading the contexts…', role: 'status.muted' as const } : null;
  const candidates = completed.candidates.length > 1 ? { candidates: completed.candidates } : {};
  return { ...state, screen: { kind: 'command', back: screen.back, text: completed.text, ...candidates }, flash };
}

export const commandLineCommands = {
  'command.complete': { keys: ['tab'], description: 'Complete the command or the context name', category: 'view', modes: ['command'], dangerous: false, hint: 'complete', disabledReason: always, run: (state, { commands }) => complete(state, commands) },
  'command.run': { keys: ['enter'], description: 'Run the command (audit, help, q)', category: 'view', modes: ['command'], dangerous: false, hint: 'run', disabledReason: always, run: (state, { commands }) => runLine(state, commands) },
  'command.cancel': { keys: ['escape'], description: 'Close the command line', category: 'view', modes: ['command'], dangerous: false, hint: 'cancel', disabledReason: always, run: (state) => (state.screen.kind === 'command' ? { ...state, screen: state.screen.back } : state) },
  'command.deleteChar': { keys: ['backspace'], description: 'Delete the last character of the command', category: 'view', modes: ['command'], dangerous: false, disabledReason: always, run: (state) => editLine(state, withoutLastChar) },
} satisfies CommandTable<AppState>;

export const commandLineOpenCommand = {
  'command.line': {
    keys: [':'],
    description: 'Command line (:ctx [NAME|-], :fleet, :find, :audit, :checklist, :rotate-server-token, :server-ttl, :help, :q; Tab completes)',
    category: 'app',
    modes: ['list', 'details'],
    dangerous: false,
    hint: 'command',
    disabledReason: always,
    // The context list is read once, now: Tab after `:ctx ` completes from it.
    run: (state) => ({ ...state, screen: { kind: 'command', text: '', back: backTargetOf(state.screen) }, contextSwitch: wantContextChoices(state.contextSwitch) }),
  },
} satisfies CommandTable<AppState>;

export const contextSwitchCommand = {
  'app.context': {
    keys: [],
    words: ['ctx'],
    description: 'Switch to another context without restarting (:ctx NAME, :ctx - back, :ctx alone lists them)',
    category: 'app',
    modes: ['list', 'details'],
    dangerous: false,
    disabledReason: (context) => context.contextSwitchUnavailable,
    run: (state, { args }) => {
      if (args.length === 0) return openContextPicker(state, backTargetOf(state.screen));
      const request = requestContextSwitch(state.contextSwitch, args);
      return 'switch' in request ? { ...state, contextSwitch: request.switch, flash: request.flash } : { ...state, flash: request.flash };
    },
  },
} satisfies CommandTable<AppState>;

/** Typing into the prompt. */
export function typeIntoCommandLine(state: AppState, text: string): AppState {
  return editLine(state, (line) => line + text);
}
