// Runs the CLI in-process (src/cli/main.ts) with captured output, a private HOME and a
// kubeconfig pointing at the fake apiserver. capturingCliIo is the CliIo every in-process CLI
// test builds (command-harness.ts and demo.test.ts too); usePrivateTmpdir gives a file its own
// os.tmpdir(), where the demo keeps its database.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { CliEnv, CliIo, TuiLaunchOptions } from '../../src/cli/io.ts';
import type { OnStopSignal, StopCleanup } from '../../src/cli/stop-signals.ts';
import type { Clock } from '../../src/core/clock.ts';
import type { FakeApiserver } from '../support/fake-apiserver.ts';
import { removeScratch } from '../support/at-rest.ts';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly tuiLaunches: readonly TuiLaunchOptions[];
}

export interface RunOptions {
  readonly env?: CliEnv;
  readonly tty?: boolean;
  readonly clock?: Clock;
  readonly cwd?: string;
  /** The masked terminal prompt (CliIo.readHidden), for commands that ask on a TTY. */
  readonly readHidden?: CliIo['readHidden'];
  /** Runs while the stand-in TUI is open, with what it was given (the launch is recorded either way). */
  readonly duringTui?: (launch: TuiLaunchOptions) => Promise<void>;
  /** Binds CliIo.onStopSignal: the cleanups registered and not yet released are held here, as the process holds them. */
  readonly stopCleanups?: Set<StopCleanup>;
  /** CliIo.holdTypeAhead (the process binds it to the terminal). */
  readonly holdTypeAhead?: CliIo['holdTypeAhead'];
}

export interface CapturedCliIo {
  readonly io: CliIo;
  /** What was written and launched so far. */
  captured(): Omit<CliRun, 'code'>;
}

/** The one way in-process CLI tests build a CliIo: captured streams, a stand-in TUI, no process bindings. */
export function capturingCliIo(options: RunOptions = {}): CapturedCliIo {
  let stdout = '';
  let stderr = '';
  const tuiLaunches: TuiLaunchOptions[] = [];
  const { stopCleanups } = options;
  const onStopSignal: OnStopSignal | undefined =
    stopCleanups === undefined
      ? undefined
      : (cleanup) => {
          stopCleanups.add(cleanup);
          return () => stopCleanups.delete(cleanup);
        };
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stdinIsTTY: options.tty ?? false,
    stdoutIsTTY: options.tty ?? false,
    clock: options.clock,
    ...(options.readHidden === undefined ? {} : { readHidden: options.readHidden }),
    launchTui: async (launch) => {
      tuiLaunches.push(launch);
      await options.duringTui?.(launch);
      return 0;
    },
    ...(onStopSignal === undefined ? {} : { onStopSignal }),
    ...(options.holdTypeAhead === undefined ? {} : { holdTypeAhead: options.holdTypeAhead }),
  };
  return { io, captured: () => ({ stdout, stderr, tuiLaunches }) };
}

export async function runTokentui(argv: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  const { io, captured } = capturingCliIo(options);
  const code = await main(argv, io);
  return { code, ...captured() };
}

export interface PrivateTmpdir {
  /** What os.tmpdir() returns while the file's tests run. */
  readonly path: string;
  /** The demo databases (tokentui-demo-*) in it now: what the runs so far left behind. */
  demoDirsLeft(): string[];
}

/**
 * Points TMPDIR at a fresh directory for the whole file and restores it afterwards: the demo's
 * database lives under os.tmpdir(), so a private one shows exactly what is left behind.
 * Registers its own hooks, so call it at the top level of a test file.
 */
export function usePrivateTmpdir(prefix: string): PrivateTmpdir {
  let path: string | undefined;
  let savedTmpdir: string | undefined;
  beforeAll(() => {
    savedTmpdir = process.env.TMPDIR;
    path = mkdtempSync(join(tmpdir(), prefix));
    process.env.TMPDIR = path;
  });
  afterAll(() => {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
    if (path !== undefined) removeScratch(path);
  });
  const ready = (): string => {
    if (path === undefined) throw new Error('usePrivateTmpdir: not set up yet (use it inside a test or hook)');
    return path;
  };
  return {
    get path() {
      return ready();
    },
    demoDirsLeft: () => readdirSync(ready()).filter((name) => name.startsWith('tokentui-demo-')),
  };
}

export interface KubeconfigFixture {
  readonly dir: string;
  readonly path: string;
  /** env for runTokentui: HOME inside the temp dir so no real ~/.kube/config is read. */
  readonly env: Readonly<Record<string, string>>;
  remove(): void;
}

export function writeKubeconfig(apiserver: FakeApiserver, contexts: readonly string[] = ['fake-admin', 'staging']): KubeconfigFixture {
  const dir = mkdtempSync(join(tmpdir(), 'tokentui-cli-'));
  const path = join(dir, 'config');
  const contextEntries = contexts.map((name) => `- name: ${name}\n  context:\n    cluster: fake\n    user: admin\n`).join('');
  writeFileSync(
    path,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: fake',
      '  cluster:',
      `    server: ${apiserver.url}`,
      ...(apiserver.caPem === undefined ? [] : [`    certificate-authority-data: ${Buffer.from(apiserver.caPem).toString('base64')}`]),
      'users:',
      '- name: admin',
      '  user:',
      '    token: fake-admin-token',
      'contexts:',
      contextEntries.trimEnd(),
      `current-context: ${contexts[0]}`,
      '',
    ].join('\n'),
  );
  return { dir, path, env: { HOME: dir, KUBECONFIG: path }, remove: () => removeScratch(dir) };
}

const base64 = (text: string) => Buffer.from(text).toString('base64');

/** A bootstrap-token Secret as kubeadm writes it. */
export function bootstrapSecret(id: string, secret: string, data: Readonly<Record<string, string>> = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'bootstrap.kubernetes.io/token',
    metadata: { name: `bootstrap-token-${id}`, namespace: 'kube-system' },
    data: Object.fromEntries(Object.entries({ 'token-id': id, 'token-secret': secret, ...data }).map(([key, value]) => [key, base64(value)])),
  };
}
