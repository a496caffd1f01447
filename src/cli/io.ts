// What the CLI needs from its process, passed in so tests run it in-process with
// captured streams, their own environment and a fixed clock.
import type { TokenAdapter } from '../adapters/contract.ts';
import type { Clock } from '../core/clock.ts';
import type { TerminalHandoff } from '../kube/exec-terminal.ts';
import type { OnStopSignal } from './stop-signals.ts';

export interface TextSink {
  write(chunk: string): unknown;
}

export type CliEnv = Readonly<Record<string, string | undefined>>;

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
  readonly switchContext?: (name: string) => Promise<{ adapter: TokenAdapter; readonly: boolean; contextLabel: string; pollIntervalMs?: number }>;
  /**
   * How the TUI registers its terminal handoff, so an interactive exec credential plugin run
   * while the TUI holds the screen gets the terminal (src/kube/exec-terminal.ts).
   */
  readonly registerTerminalHandoff?: (handoff: TerminalHandoff) => () => void;
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
  /** Starts the TUI and resolves to its exit code; src/process-main.ts imports it lazily. */
  readonly launchTui?: (options: TuiLaunchOptions) => Promise<number>;
  /**
   * Cleanup on SIGINT/SIGTERM/SIGHUP (stop-signals.ts): `serve` waits for one, the demo backend
   * deletes its database on one. src/process-main.ts binds it to the process; absent = nothing to bind.
   */
  readonly onStopSignal?: OnStopSignal;
}
