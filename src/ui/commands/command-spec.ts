// Every user command as data: its keys (and `:` words), what it does, where it applies, whether
// it mutates, why it is unavailable, and its handler. The footer, the help screen and read-only
// mode are derived from the table (keymap.ts); the reducer runs `run` after one gate
// (view-model/command-gate.ts) for keys and `:` words alike. `run` is required: a command
// without a handler does not compile (test/ui/command-handlers.test.ts).
import type { KeyName } from './key-press.ts';
import type { Mode } from './modes.ts';

export type CommandCategory = 'navigate' | 'view' | 'token' | 'revoke' | 'create' | 'rotate' | 'make-default' | 'server-token' | 'app';

/** What a disabledReason may look at: derived from the app state by the view model. */
export interface CommandContext {
  readonly hasSelection: boolean;
  readonly filterActive: boolean;
  /** Some tokens are marked for a bulk action. */
  readonly hasMarks: boolean;
  /** Why d cannot run on this backend; null = it can (with a token selected or marked). */
  readonly revokeUnavailable: string | null;
  /** A confirmed revoke is in flight: leaving now would hide its outcome. */
  readonly busy: boolean;
  /** The revoke on screen handles several tokens (n/Tab skip one, Esc stops the rest). */
  readonly inBatch?: boolean;
  /** Why m (make default) cannot run on this backend; null = it can (with a token selected). */
  readonly makeDefaultUnavailable: string | null;
  /** Why c cannot run on this backend; null = it can. */
  readonly createUnavailable: string | null;
  /** Why r cannot run on this backend; null = it can (with a token selected). */
  readonly rotateUnavailable: string | null;
  /** On a result screen without a join command: why. */
  readonly joinCommandUnavailable: string | null;
  /** A create or rotate step in flight (leaving now would hide its outcome). */
  readonly pendingWork: string | null;
  /** Why R (server-token rotation) cannot run here; null = it can. */
  readonly serverTokenUnavailable: string | null;
  /** The help's search query once one was made (n/N need it); null = none. */
  readonly helpSearch: string | null;
  /** Why `:ctx` cannot switch here; null = it can. */
  readonly contextSwitchUnavailable: string | null;
  /** Why `:server-ttl` cannot change a server-wide token lifetime here; null = it can. */
  readonly serverTtlUnavailable: string | null;
}

/** What a handler is given besides the state: the `:` word's arguments, and the whole table (the help lists it). */
export interface CommandInput<S> {
  readonly args: readonly string[];
  readonly commands: CommandTable<S>;
}

export interface CommandSpec<S> {
  /** Keys that run it; empty for a command reached only by a `:` word. */
  readonly keys: readonly KeyName[];
  /** `:` words that run it (`:audit`), after the same gate as its keys. */
  readonly words?: readonly string[];
  /** How a refusal of its `:` word names it (default `:word`). */
  readonly refusedAs?: string;
  readonly description: string;
  readonly category: CommandCategory;
  readonly modes: readonly Mode[];
  /** Mutates the backend: hidden and refused in read-only mode. */
  readonly dangerous: boolean;
  /** Footer label; commands sharing one are merged (`↑↓ move`). Absent = help screen only. */
  readonly hint?: string;
  /** Kept in the footer at any width (help and quit): other hints give way first. */
  readonly pinnedHint?: boolean;
  /** Why the command cannot run right now; null = it can. */
  readonly disabledReason: (context: CommandContext) => string | null;
  /** Pressed by habit when it has nothing to do (Esc): ignore it without a message. */
  readonly quietWhenDisabled?: boolean;
  /** Not even listed in the help while disabled (a capability this backend lacks). */
  readonly hiddenWhenDisabled?: boolean;
  /** What it does; the gate already checked that it may run here. */
  readonly run: (state: S, input: CommandInput<S>) => S;
}

export type CommandTable<S, Id extends string = string> = { readonly [id in Id]: CommandSpec<S> };

export const always = (): null => null;

export const notWhilePending = (context: CommandContext): string | null => (context.pendingWork === null ? null : `${context.pendingWork}: wait for its outcome`);

export const needsSelection = (context: CommandContext): string | null => (context.hasSelection ? null : 'no token is selected');

/** Read-only mode removes mutations entirely: not shown, not runnable. */
export function isCommandVisible<S>(spec: CommandSpec<S>, readonly: boolean): boolean {
  return !(readonly && spec.dangerous);
}
