// Runs one subcommand in-process with an adapter the test builds itself (a wrapped kubeadm adapter,
// an in-memory adapter, ...), reporting errors exactly as main() does.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenAdapter } from '../../src/adapters/contract.ts';
import { createKubeadmAdapter } from '../../src/adapters/kubeadm/index.ts';
import { parseCommandLine } from '../../src/cli/args.ts';
import type { CommandRun } from '../../src/cli/commands/command-run.ts';
import { reportError } from '../../src/cli/exit.ts';
import type { CliEnv } from '../../src/cli/io.ts';
import type { Clock } from '../../src/core/clock.ts';
import type { FakeApiserver } from '../support/fake-apiserver.ts';
import { capturingCliIo, type CliRun, type RunOptions } from './harness.ts';
import { removeScratch } from '../support/at-rest.ts';

export interface CommandRunOptions extends Pick<RunOptions, 'tty' | 'readHidden'> {
  readonly env: CliEnv;
  readonly clock: Clock;
}

export async function runCommandWith(
  argv: readonly string[],
  run: CommandRun,
  openAdapter: () => Promise<TokenAdapter>,
  options: CommandRunOptions,
): Promise<CliRun & { readonly adapterOpens: number }> {
  let adapterOpens = 0;
  const { io, captured } = capturingCliIo(options);
  let code: number;
  try {
    const invocation = parseCommandLine(argv);
    if (invocation.kind !== 'command') throw new Error(`not a subcommand: ${argv.join(' ')}`);
    code = await run({
      invocation,
      io,
      clock: options.clock,
      openAdapter: () => {
        adapterOpens += 1;
        return openAdapter();
      },
    });
  } catch (error) {
    code = reportError(error, io.stderr, io.env);
  }
  return { code, ...captured(), adapterOpens };
}

/** The kubeadm adapter over the fake apiserver, for a test to wrap (to interleave changes with a revoke). */
export function kubeadmAdapterFor(apiserver: FakeApiserver, clock: Clock): TokenAdapter {
  return createKubeadmAdapter({ adapter: 'kubeadm', kube: apiserver.connection }, { clock });
}

/** A private XDG_STATE_HOME for the audit journal. */
export function tempStateHome(): { readonly path: string; readonly journal: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'tokentui-state-'));
  return { path, journal: join(path, 'tokentui', 'audit.jsonl'), remove: () => removeScratch(path) };
}
