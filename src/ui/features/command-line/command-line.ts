// The `:` command line (`:ctx NAME`, `:audit`, `:checklist`, `:help`, `:q`): a prompt
// over the screen it was opened from. A word names a command (its spec's `words`), which runs
// through the same gate as its key would; `:ctx` only records the request: App runs the switch
// port (it opens a backend) and re-mounts on success. `:ctx` alone opens a picker of the
// contexts (context-picker.ts), `:ctx -` goes back to the previous one, Tab completes.
import type { ContextChoice } from '../../../core/context-choice.ts';
import type { BackTarget } from '../../shared/back-target.ts';
import type { Flash } from '../../shared/flash.ts';

/** The `:` prompt over the screen it was opened from. */
export interface CommandLineScreen {
  readonly kind: 'command';
  readonly text: string;
  readonly back: BackTarget;
  /** What the last Tab could not decide between, shown after the prompt until the next edit. */
  readonly candidates?: readonly string[];
}


/** `:ctx NAME`: whether a switch port exists, the context being opened (App runs it), and the list for the picker and Tab. */
export interface ContextSwitchState {
  readonly available: boolean;
  /** A name, or `-` (the previous context). */
  readonly pending: string | null;
  /** null until listed (the first `:` asks for the list). */
  readonly choices: readonly ContextChoice[] | null;
  /** The list is being read. */
  readonly listing: boolean;
  readonly listError: string | null;
}

export const NO_CONTEXT_SWITCH: ContextSwitchState = { available: false, pending: null, choices: null, listing: false, listError: null };

/** Without a switch port (tests, older callers) `:ctx` says why it does nothing. */
export const CONTEXT_SWITCH_UNAVAILABLE = 'context switching is not available here';
export const CONTEXT_SWITCH_USAGE = 'usage: :ctx NAME, :ctx - (the previous one), or :ctx alone for the list';
export const UNKNOWN_WORD_HINT = '(try :ctx, :audit, :checklist, :help, :q; Tab completes)';
/** What `:ctx -` means. */
export const PREVIOUS_CONTEXT = '-';

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

/** `:ctx NAME` or `:ctx -`: the request to record, or why not (a usage mistake, one already running). */
export function requestContextSwitch(current: ContextSwitchState, args: readonly string[]): ContextSwitchRequest {
  const warn = (text: string): ContextSwitchRequest => ({ flash: { text: `:ctx: ${text}`, role: 'status.warn' } });
  const [name] = args;
  if (name === undefined || args.length > 1) return warn(CONTEXT_SWITCH_USAGE);
  if (current.pending !== null) return warn(`already switching to ${current.pending}`);
  const where = name === PREVIOUS_CONTEXT ? 'the previous context' : name;
  return { switch: { ...current, pending: name }, flash: { text: `switching to ${where}…`, role: 'status.muted' } };
}

/** The switch to `name` failed: the current context stays, and the failure is shown. */
export function contextSwitchFailed(current: ContextSwitchState, name: string, error: string): ContextSwitchRequest | null {
  if (current.pending !== name) return null;
  return { switch: { ...current, pending: null }, flash: { text: `:ctx ${name}: ${error}`, role: 'status.danger' } };
}

/** Asks for the context list once (the first `:` or `:ctx`); nothing to ask without a switch port. */
export function wantContextChoices(current: ContextSwitchState): ContextSwitchState {
  return !current.available || current.choices !== null || current.listing ? current : { ...current, listing: true };
}

export function contextChoicesListed(current: ContextSwitchState, choices: readonly ContextChoice[], error: string | null): ContextSwitchState {
  return { ...current, listing: false, choices, listError: error };
}

/** The longest text every candidate starts with. */
function commonPrefix(candidates: readonly string[]): string {
  const [first = '', ...rest] = candidates;
  let prefix = first;
  for (const candidate of rest) while (!candidate.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/**
 * Tab in the `:` prompt: the command word, or `:ctx`'s context name, completed as far as the
 * candidates agree (a unique one gets a trailing space after a word). Returns the new text, or
 * null with nothing to complete.
 */
export function completeCommandLine(text: string, words: readonly string[], contexts: readonly string[]): { readonly text: string; readonly candidates: readonly string[] } {
  const ctx = /^(\s*ctx\s+)(\S*)$/.exec(text);
  if (ctx !== null) {
    const [, head = '', partial = ''] = ctx;
    const candidates = [...new Set([PREVIOUS_CONTEXT, ...contexts])].filter((name) => name.startsWith(partial));
    return { text: head + (candidates.length === 0 ? partial : commonPrefix(candidates)), candidates };
  }
  const partial = text.trimStart();
  if (/\s/.test(partial)) return { text, candidates: [] };
  const candidates = words.filter((word) => word.startsWith(partial)).sort();
  if (candidates.length === 1) return { text: `${candidates[0]} `, candidates };
  return { text: candidates.length === 0 ? text : commonPrefix(candidates), candidates };
}
