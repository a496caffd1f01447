// The `:` command line of product.md (`:ctx NAME`, `:audit`, `:help`, `:q`). `ctx` is declared
// but disabled, with its reason, until context switching exists.
import type { AppState, BackTarget, Screen } from './app-state.ts';

export const CONTEXT_SWITCH_LATER = 'context switching comes later';

interface LineCommand {
  readonly names: readonly string[];
  readonly disabledReason: string | null;
  readonly run: (state: AppState, back: BackTarget) => AppState;
}

const LINE_COMMANDS: readonly LineCommand[] = [
  { names: ['audit'], disabledReason: null, run: (state, back) => ({ ...state, screen: { kind: 'audit', scroll: 0, journal: { state: 'loading' }, back } }) },
  { names: ['help'], disabledReason: null, run: (state, back) => ({ ...state, screen: helpScreen(back) }) },
  { names: ['q', 'quit'], disabledReason: null, run: (state) => ({ ...state, exitRequested: true }) },
  { names: ['ctx'], disabledReason: CONTEXT_SWITCH_LATER, run: (state) => state },
];

export function helpScreen(from: BackTarget): Screen {
  return { kind: 'help', scroll: 0, back: from };
}

export function openCommandLine(state: AppState): AppState {
  const { screen } = state;
  const back: BackTarget = screen.kind === 'details' ? screen : { kind: 'list' };
  return { ...state, screen: { kind: 'command', text: '', back } };
}

export function editCommandLine(state: AppState, edit: (text: string) => string): AppState {
  const { screen } = state;
  return screen.kind === 'command' ? { ...state, screen: { ...screen, text: edit(screen.text) } } : state;
}

export function cancelCommandLine(state: AppState): AppState {
  return state.screen.kind === 'command' ? { ...state, screen: state.screen.back } : state;
}

export function runCommandLine(state: AppState): AppState {
  if (state.screen.kind !== 'command') return state;
  const { back, text } = state.screen;
  const closed: AppState = { ...state, screen: back };
  const [name = ''] = text.trim().split(/\s+/);
  if (name === '') return closed;
  const command = LINE_COMMANDS.find((candidate) => candidate.names.includes(name));
  if (command === undefined) {
    return { ...closed, flash: { text: `unknown command ":${name}" (try :audit, :help, :q)`, role: 'status.warn' } };
  }
  if (command.disabledReason !== null) return { ...closed, flash: { text: `:${name}: ${command.disabledReason}`, role: 'status.warn' } };
  return command.run(closed, back);
}
