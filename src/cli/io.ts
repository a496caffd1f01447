// What the CLI needs from its process, passed in so tests run it in-process with
// captured streams, their own environment and a fixed clock.
import type { TokenAdapter, WatchEvent } from '../adapters/contract.ts';
import type { FleetMember } from '../adapters/operations/fleet.ts';
import type { Clock } from '../core/clock.ts';
import type { ContextChoice } from '../core/context-choice.ts';
import type { TerminalHandoff } from '../kube/exec-terminal.ts';
import type { OnStopSignal } from './stop-signals.ts';

export interface TextSink {
  write(chunk: string): unknown;
}

export type CliEnv = Readonly<Record<string, string | undefined>>;

/** A context the TUI switched to (src/cli/context-switch.ts). */
export interface SwitchedTarget {
  readonly adapter: TokenAdapter;
  readonly readonly: boolean;
  readonly contextLabel: string;
  readonly pollIntervalMs?: number;
  /** The embedded demo. */
  readonly demo?: boolean;
  /** Why this context may not be the one meant (ResolvedTarget.doubt): the TUI shows it on arrival. */
  readonly doubt?: string;
}

/** What the interactive UI receives from the command line (a subset of src/ui/run.tsx TuiOptions). */
export interface TuiLaunchOptions {
  /** Created from the global flags; main() closes it when the UI returns, unless the UI switched away from it. */
  readonly adapter: TokenAdapter;
  readonly readonly: boolean;
  readonly noColor: boolean;
  readonly demo: boolean;
  readonly contextLabel: string;
  /** --local-time: the list's EXPIRES in local time; default UTC. */
  readonly localTime?: boolean;
  readonly clock: Clock;
  /** The saved context's pollIntervalSeconds in ms (adapters without watch); absent = the UI's default. */
  readonly pollIntervalMs?: number;
  /**
   * `:ctx NAME` (src/cli/context-switch.ts). The UI closes the adapter it switches away from
   * (the launch adapter included) and, on exit, the last one it switched to.
   */
  readonly switchContext?: (name: string) => Promise<SwitchedTarget>;
  /** `:ctx -` back to the target the TUI started on (it may have no context name: --server URL). */
  readonly reopenLaunch?: () => Promise<SwitchedTarget>;
  /** What `:ctx` alone lists and Tab completes: the saved and discovered contexts, and the demo. */
  readonly listContexts?: () => Promise<readonly ContextChoice[]>;
  /** Every saved and discovered context, each opened as `--context NAME` would (fleet mode: `:fleet`, `:find`). */
  readonly fleetMembers?: () => Promise<readonly FleetMember[]>;
  /** Shown with the first frame: the context it started on may not be the one meant (ResolvedTarget.doubt). */
  readonly startupNote?: string;
  /** Keys typed while the TUI started: released (and counted, as dropped) right before its first frame. */
  readonly typeAhead?: TypeAheadHold;
  /** The launch adapter's feed events that arrived while the UI loaded, taken for its first frame (cli/early-feed.ts). */
  readonly takeArrivedEvents?: () => readonly WatchEvent[];
  /**
   * How the TUI registers its terminal handoff, so an interactive exec credential plugin run
   * while the TUI holds the screen gets the terminal (src/kube/exec-terminal.ts).
   */
  readonly registerTerminalHandoff?: (handoff: TerminalHandoff) => () => void;
}

/**
 * Keys typed while the TUI starts (connecting, loading): the terminal stops echoing them at once,
 * so they never land in the screen the TUI is about to draw (echoed into its frame they shifted
 * the header for the whole session). Ctrl-C still interrupts.
 */
export interface TypeAheadHold {
  /** The TUI takes over the terminal (echo stays off): returns how many keys were typed meanwhile, which are dropped. */
  release(): number;
  /** The TUI will not start (an error): the terminal is given back as it was. */
  cancel(): void;
  /** An interactive credential plugin needs the terminal meanwhile: echo back on, keys left to it... */
  suspend(): void;
  /** ...and held again once it is done. */
  resume(): void;
}

export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly env: CliEnv;
  readonly cwd: string;
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  /** Defaults to the system clock. */
  readonly clock?: Clock;
  /**
   * A masked prompt on the terminal (src/cli/secret-prompt.ts): resolves to the typed value, or
   * null when aborted. Used only when stdinIsTTY; absent = the process's own stdin.
   */
  readonly readHidden?: (prompt: string) => Promise<string | null>;
  /** All of stdin as text (`find`, `revoke --everywhere` read a leaked token there); absent = the process's own stdin. */
  readonly readStdin?: () => Promise<string>;
  /** Holds keys typed while the TUI starts (TypeAheadHold); absent = nothing is held. */
  readonly holdTypeAhead?: () => TypeAheadHold;
  /** Starts the TUI and resolves to its exit code; src/process-main.ts imports it lazily. */
  readonly launchTui?: (options: TuiLaunchOptions) => Promise<number>;
  /**
   * Cleanup on SIGINT/SIGTERM/SIGHUP (stop-signals.ts): `serve` waits for one, the demo backend
   * deletes its database on one. src/process-main.ts binds it to the process; absent = nothing to bind.
   */
  readonly onStopSignal?: OnStopSignal;
  /**
   * This process talks only to servers whose CA each connection names: Node's default CA store
   * need not be built (kube/default-trust.ts). A process-wide setting, so only the real process
   * binds it (process-main.ts); a command run in-process (tests) changes nothing.
   */
  readonly declareSingleTrust?: () => void;
}
