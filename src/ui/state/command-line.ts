// The `:` command line of product.md (`:ctx NAME`, `:audit`, `:help`, `:q`). `:ctx` only records
// the request: App runs the switch port (it opens a backend) and re-mounts on success.
import type { AppState, BackTarget, Screen } from './app-state.ts';
import { openChecklistScreen } from './checklist-screen.ts';
import { openServerTokenRotation } from './server-token-actions.ts';

/** Without a switch port (tests, older callers) `:ctx` says why it does nothing. */
export const CONTEXT_SWITCH_UNAVAILABLE = 'context switching is not available here';
export const CONTEXT_SWITCH_USAGE = 'usage: :ctx NAME (tokentui contexts lists them)';

interface LineCommand {
  readonly names: readonly string[];
  readonly disabledReason: string | null;
  readonly run: (state: AppState, back: BackTarget, args: readonly string[]) => AppState;
}

const LINE_COMMANDS: readonly LineCommand[] = [
  { names: ['audit'], disabledReason: null, run: (state, back) => ({ ...state, screen: { kind: 'audit', scroll: 0, journal: { state: 'loading' }, back } }) },
  { names: ['help'], disabledReason: null, run: (state, back) => ({ ...state, screen: helpScreen(back) }) },
  { names: ['q', 'quit'], disabledReason: null, run: (state) => ({ ...state, exitRequested: true }) },
  { names: ['ctx'], disabledReason: null, run: (state, _back, args) => requestContextSwitch(state, args) },
  // k3s: R's twin (refused with its reason off k3s and in read-only mode), and the checklist.
  { names: ['rotate-server-token'], disabledReason: null, run: (state, back) => openServerTokenRotation(state, back) },
  { names: ['checklist'], disabledReason: null, run: (state, back) => openChecklistScreen(state, back) },
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
  const [name = '', ...args] = text.trim().split(/\s+/);
  if (name === '') return closed;
  const command = LINE_COMMANDS.find((candidate) => candidate.names.includes(name));
  if (command === undefined) {
    return { ...closed, flash: { text: `unknown command ":${name}" (try :audit, :checklist, :help, :q)`, role: 'status.warn' } };
  }
  if (command.disabledReason !== null) return { ...closed, flash: { text: `:${name}: ${command.disabledReason}`, role: 'status.warn' } };
  return command.run(closed, back, args);
}

function requestContextSwitch(state: AppState, args: readonly string[]): AppState {
  const warn = (text: string): AppState => ({ ...state, flash: { text: `:ctx: ${text}`, role: 'status.warn' } });
  const [name] = args;
  if (!state.contextSwitch.available) return warn(CONTEXT_SWITCH_UNAVAILABLE);
  if (name === undefined || args.length > 1) return warn(CONTEXT_SWITCH_USAGE);
  if (state.contextSwitch.pending !== null) return warn(`already switching to ${state.contextSwitch.pending}`);
  return {
    ...state,
    contextSwitch: { ...state.contextSwitch, pending: name },
    flash: { text: `switching to ${name}…`, role: 'status.muted' },
  };
}

export function applyContextSwitchFailed(state: AppState, name: string, error: string): AppState {
  if (state.contextSwitch.pending !== name) return state;
  return {
    ...state,
    contextSwitch: { ...state.contextSwitch, pending: null },
    flash: { text: `:ctx ${name}: ${error}`, role: 'status.danger' },
  };
}
