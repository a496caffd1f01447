// Runs the CLI in-process (src/cli/main.ts) with captured output, a private HOME and a
// kubeconfig pointing at the fake apiserver.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import type { CliIo, TuiLaunchOptions } from '../../src/cli/io.ts';
import { ManualClock } from '../../src/core/clock.ts';
import type { FakeApiserver } from '../support/fake-apiserver.ts';
import { removeScratch } from '../support/at-rest.ts';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly tuiLaunches: readonly TuiLaunchOptions[];
}

export interface RunOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly tty?: boolean;
  readonly clock?: ManualClock;
  readonly cwd?: string;
}

export async function runTokentui(argv: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const tuiLaunches: TuiLaunchOptions[] = [];
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stdinIsTTY: options.tty ?? false,
    stdoutIsTTY: options.tty ?? false,
    clock: options.clock,
    launchTui: async (launch) => {
      tuiLaunches.push(launch);
      return 0;
    },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, tuiLaunches };
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
