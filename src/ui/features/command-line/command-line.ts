// The `:` command line (`:ctx NAME`, `:audit`, `:checklist`, `:help`, `:q`): a prompt
// over the screen it was opened from. A word names a command (its spec's `words`), which runs
// through the same gate as its key would; `:ctx` only records the request: App runs the switch
// port (it opens a backend) and re-mounts on success.
import type { BackTarget } from '../../shared/back-target.ts';
import type { Flash } from '../../shared/flash.ts';

/** The `:` prompt over the screen it was opened from. */
export interface CommandLineScreen {
  readonly kind: 'command';
  readonly text: string;
  readonly back: BackTarget;
}

/** `:ctx NAME`: whether a switch port exists, and the context being opened (App runs it). */
export interface ContextSwitchState {
  readonly available: boolean;
  readonly pending: string | null;
}

/** Without a switch port (tests, older callers) `:ctx` says why it does nothing. */
export const CONTEXT_SWITCH_UNAVAILABLE = 'context switching is not available here';
export const CONTEXT_SWITCH_USAGE = 'usage: :ctx NAME (tokentui contexts lists them)';
export const UNKNOWN_WORD_HINT = '(try :audit, :checklist, :help, :q)';

export interface ParsedLine {
  readonly word: string;
  readonly args: readonly string[];
}

export function parseCommandLine(text: string): ParsedLine | null {
  const [word = '', ...args] = text.trim().split(/\s+/);
  return word === '' ? null : { word, args };
}

export function unknownWord(word: string): Flash {
  return { text: `unknown command ":${word}" ${UNKNOWN_WORD_HINT}`, role: 'status.warn' };
}

export type ContextSwitchRequest = { readonly switch: ContextSwitchState; readonly flash: Flash } | { readonly flash: Flash };

/** `:ctx NAME`: the request to record, or why not (a usage mistake, one already running). */
export function requestContextSwitch(current: ContextSwitchState, args: readonly string[]): ContextSwitchRequest {
  const warn = (text: string): ContextSwitchRequest => ({ flash: { text: `:ctx: ${text}`, role: 'status.warn' } });
  const [name] = args;
  if (name === undefined || args.length > 1) return warn(CONTEXT_SWITCH_USAGE);
  if (current.pending !== null) return warn(`already switching to ${current.pending}`);
  return { switch: { ...current, pending: name }, flash: { text: `switching to ${name}…`, role: 'status.muted' } };
}

/** The switch to `name` failed: the current context stays, and the failure is shown. */
export function contextSwitchFailed(current: ContextSwitchState, name: string, error: string): ContextSwitchRequest | null {
  if (current.pending !== name) return null;
  return { switch: { ...current, pending: null }, flash: { text: `:ctx ${name}: ${error}`, role: 'status.danger' } };
}
