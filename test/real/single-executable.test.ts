// The single executable (npm run build:exe, scripts/build-exe.mjs) on a machine without Node:
// run from an empty directory with an empty environment whose PATH holds no `node` (nor
// anything else), it shows the demo TUI ticking in a real terminal, runs the commands on the
// embedded demo, serves the REST contract and talks to it, and lists, creates and revokes
// tokens on the real control plane. Builds linux-x64 once for the file (Node 26 is fetched
// once into ~/.cache/tokentui/node).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { removeScratch } from '../support/at-rest.ts';
import { adminFetch, kubeadm, realCluster } from '../support/real-cluster.ts';
import { parseJsonStream } from '../support/run-cli.ts';
import { startTmux, type TmuxSession } from '../support/tmux.ts';
import { nodeBin, repoRoot, ttlOf } from '../support/tui-app.ts';

const executable = join(repoRoot, 'dist-exe', 'tokentui-linux-x64');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let scratch: string;
/** The empty directory the executable runs in. */
let cwd: string;
/** The whole environment of every run: no node on PATH (an empty directory), nothing inherited. */
let bareEnv: Record<string, string>;

function runExecutable(args: readonly string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(executable, args, { cwd, env: { ...bareEnv, ...extraEnv }, timeout: 60_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
    });
    child.stdin?.end();
  });
}

beforeAll(async () => {
  const built = await new Promise<Run>((resolve) => {
    execFile(nodeBin, ['scripts/build-exe.mjs', '--platform', 'linux-x64'], { cwd: repoRoot, timeout: 600_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
    });
  });
  expect(built.stderr).toBe('');
  expect(built.code).toBe(0);
  scratch = mkdtempSync(join(tmpdir(), 'tokentui-exe-'));
  cwd = join(scratch, 'empty');
  const home = join(scratch, 'home');
  const bin = join(scratch, 'bin');
  for (const dir of [cwd, home, bin, join(scratch, 'tmp')]) mkdirSync(dir);
  bareEnv = { PATH: bin, HOME: home, TMPDIR: join(scratch, 'tmp'), XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.local/state'), XDG_DATA_HOME: join(home, '.local/share') };
}, 600_000);

afterAll(() => removeScratch(scratch));

describe('the single executable with no Node anywhere on PATH', () => {
  it('has no node to find (control), and prints its version', async () => {
    const lookup = await new Promise<number>((resolve) => execFile('/bin/sh', ['-c', 'command -v node'], { cwd, env: bareEnv }, (error) => resolve(error === null ? 0 : 1)));
    expect(lookup).toBe(1);
    expect(await runExecutable(['--version'])).toEqual({ code: 0, stdout: `tokentui ${manifest.version}\n`, stderr: '' });
  });

  it('runs the commands on the embedded demo: list (json, yaml), impact, help, completion', async () => {
    const list = await runExecutable(['--demo', 'list', '-o', 'json']);
    expect(list.code).toBe(0);
    const tokens = JSON.parse(list.stdout) as { id: string; description: string }[];
    expect(tokens.map((token) => token.description)).toContain('break-glass control plane');
    const yaml = await runExecutable(['--demo', 'list', '-o', 'yaml']); // js-yaml, bundled inside
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).toMatch(/^- id: [a-z0-9]{6}$/m);
    // The demo persists per user: the next run knows the first run's ids; an unknown one is exit 4.
    const impact = await runExecutable(['--demo', 'impact', tokens[0]?.id ?? '', '-o', 'json']);
    expect(impact.code).toBe(0);
    expect(JSON.parse(impact.stdout)).toMatchObject({ tokenId: tokens[0]?.id });
    const unknown = await runExecutable(['--demo', 'impact', 'nosuch', '-o', 'json']);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toMatch(/^tokentui: .*not found/m);
    expect((await runExecutable(['--help'])).stdout).toContain('tokentui completion bash|zsh|fish');
    expect((await runExecutable(['completion', 'bash'])).stdout).toContain('complete -F _tokentui_complete tokentui');
    expect((await runExecutable(['__complete', 're'])).stdout).toBe('revoke\trevoke tokens after their impact preview\n');
  });

  it('serves the REST contract, and is its own client', async () => {
    const key = 'ttk_single_executable_test_key_0123456789';
    const server = execFile(executable, ['serve', '--listen', '127.0.0.1:0', '--api-key-env', 'SERVE_KEY', '--db', join(scratch, 'server.db')], { cwd, env: { ...bareEnv, SERVE_KEY: key } });
    try {
      let stderr = '';
      server.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 30_000);
        const poll = setInterval(() => {
          const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1];
          if (found === undefined) return;
          clearInterval(poll);
          clearTimeout(deadline);
          resolve(found);
        }, 50);
      });
      const client = { TOKENTUI_API_KEY: key };
      const created = await runExecutable(['--server', url, 'create', '--description', 'from the executable', '-o', 'json'], client);
      expect(created.code).toBe(0);
      const { id } = JSON.parse(created.stdout) as { id: string };
      const listed = JSON.parse((await runExecutable(['--server', url, 'list', '-o', 'json'], client)).stdout) as { id: string; description: string }[];
      expect(listed).toEqual(expect.arrayContaining([expect.objectContaining({ id, description: 'from the executable' })]));
    } finally {
      server.kill('SIGTERM');
    }
  });
});

describe('the single executable\'s TUI in a real terminal', () => {
  let session: TmuxSession | undefined;
  afterEach(async () => {
    await session?.kill();
    session = undefined;
  });

  it('--demo shows DEMO with ticking countdowns, in one process; q quits with 0', async () => {
    const statusFile = join(scratch, 'tui-exit-status');
    const bare = Object.entries({ ...bareEnv, TERM: 'xterm-256color' }).map(([name, value]) => `${name}=${value}`);
    session = await startTmux({
      command: ['/bin/sh', '-c', `"$@"; echo $? > ${statusFile}`, 'sh', '/usr/bin/env', '-i', ...bare, executable, '--demo'],
      columns: 120,
      rows: 36,
      cwd,
    });
    const opened = await session.waitForScreen((screen) => /^tokentui\b.*\bdemo\b.*\[DEMO\]/m.test(screen) && / \d\d:\d\d$/m.test(screen), 30_000);
    const id = /^.{2} ([a-z0-9]{6})\s+lab bench re-flash\b/m.exec(opened)?.[1] ?? '';
    const first = ttlOf(opened, id);
    expect(first).toMatch(/^[●◐!] \d\d:\d\d$/);
    await session.waitForScreen((screen) => ttlOf(screen, id) !== first && /^[●◐!] \d\d:\d\d$/.test(ttlOf(screen, id) ?? ''), 5_000);
    // No second process for heap flags: the UI caps its young generation at run time
    // (src/ui/young-generation-cap.ts), so the executable itself is the shell's child.
    const pid = await session.pid();
    const shellChildren = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
    expect(shellChildren.map((child) => readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0')[0])).toEqual([executable]);
    const environ = shellChildren.map((child) => readFileSync(`/proc/${child}/environ`, 'utf8').split('\0'));
    expect(environ[0]?.some((entry) => entry.startsWith('NODE_OPTIONS='))).toBe(false);
    await session.sendKeys('q');
    await expect.poll(() => (existsSync(statusFile) ? readFileSync(statusFile, 'utf8').trim() : ''), { timeout: 10_000 }).toBe('0');
  });
});

describe('the single executable on the real control plane', () => {
  let jsonKubeconfig: string;
  beforeAll(() => {
    // JSON is YAML outside the block subset src/kube/simple-yaml.ts reads: js-yaml, bundled, reads it.
    jsonKubeconfig = join(scratch, 'admin-kubeconfig.json');
    writeFileSync(jsonKubeconfig, JSON.stringify(load(readFileSync(realCluster().kubeconfig, 'utf8'))));
  });

  it('list -o json shows what kubeadm lists', async () => {
    const created = await kubeadm(['token', 'create', '--ttl', '2h', '--description', 'seen by the executable']);
    expect(created.code).toBe(0);
    const listed = await runExecutable(['--kubeconfig', realCluster().kubeconfig, 'list', '-o', 'json']);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    const ours = (JSON.parse(listed.stdout) as { id: string }[]).map((token) => token.id).sort();
    const theirs = (parseJsonStream((await kubeadm(['token', 'list', '-o', 'json'])).stdout) as { token: string }[]).map((token) => token.token.split('.')[0]).sort();
    expect(ours).toEqual(theirs);
    expect(ours).toContain(created.stdout.trim().split('.')[0]);
    const fromJson = await runExecutable(['--kubeconfig', jsonKubeconfig, 'list', '-o', 'json']);
    expect(fromJson.stderr).toBe('');
    expect((JSON.parse(fromJson.stdout) as { id: string }[]).map((token) => token.id).sort()).toEqual(ours);
  });

  it('creates and revokes a token, checked through the API', async () => {
    const created = await runExecutable(['--kubeconfig', realCluster().kubeconfig, 'create', '--ttl', '1h', '--description', 'made by the executable', '-o', 'json']);
    expect(created.code).toBe(0);
    const { id } = JSON.parse(created.stdout) as { id: string };
    expect((await adminFetch(`/api/v1/namespaces/kube-system/secrets/bootstrap-token-${id}`)).status).toBe(200);
    const revoked = await runExecutable(['--kubeconfig', realCluster().kubeconfig, 'revoke', id, '--confirm', id]);
    expect(revoked.code).toBe(0);
    expect((await adminFetch(`/api/v1/namespaces/kube-system/secrets/bootstrap-token-${id}`)).status).toBe(404);
  });
});
