// The shape every subcommand implementation shares, so main.ts can dispatch from a table.
import type { TokenAdapter } from '../../adapters/contract.ts';
import type { Clock } from '../../core/clock.ts';
import type { Invocation } from '../args.ts';
import type { CliIo } from '../io.ts';
import type { OpenAdapterOptions } from '../target.ts';

export type CommandInvocation = Extract<Invocation, { kind: 'command' }>;

export interface CommandContext {
  readonly invocation: CommandInvocation;
  readonly io: CliIo;
  readonly clock: Clock;
  /** Resolves the target from the global flags and creates its adapter (no request yet, unless options ask to start one). */
  readonly openAdapter: (options?: OpenAdapterOptions) => Promise<TokenAdapter>;
}

/** Resolves to the process exit code; failures are thrown as TokenTuiError. */
export type CommandRun = (context: CommandContext) => Promise<number>;
