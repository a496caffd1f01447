// Exec credential plugins run as client-go runs them: interactiveMode against the terminal,
// KUBERNETES_EXEC_INFO, stderr to the user (not into a UI's frame), the installHint for a missing
// command, and nothing left behind: no timer, no child, on any path.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { ExecCredentialConfig } from '../../src/kube/connection.ts';
import { runExecPlugin } from '../../src/kube/exec-plugin.ts';
import { setTerminalHandoff } from '../../src/kube/exec-terminal.ts';
import { TokenTuiError } from '../../src/core/errors.ts';
import { writeFile, writePlugin } from '../support/compat-kubeconfig.ts';

const dir = mkdtempSync(join(tmpdir(), 'tokentui-exec-'));
const context = { source: 'kubeadm', contextName: 'ctx' };
let release: (() => void) | undefined;

afterEach(() => {
  release?.();
  release = undefined;
  vi.restoreAllMocks();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function config(command: string, overrides: Partial<ExecCredentialConfig> = {}): ExecCredentialConfig {
  return { command, args: [], env: [], apiVersion: 'client.authentication.k8s.io/v1', baseDir: dir, interactiveMode: 'IfAvailable', userName: 'u', ...overrides };
}

function lastRun(name: string): { info: { spec: Record<string, unknown> } } {
  const lines = readFileSync(join(dir, `${name}.log`), 'utf8').trim().split('\n');
  return JSON.parse(lines.at(-1) ?? '{}') as { info: { spec: Record<string, unknown> } };
}

/**
 * The timers set from now on, and whether each was cleared. Counting the process's active timers
 * instead was flaky on a loaded machine: another test's leftover timer expiring mid-test changed
 * the count. These are the plugin runner's own timers only (vitest keeps its own references).
 */
function trackTimers(): { readonly set: () => number; readonly leftBehind: () => number } {
  const setSpy = vi.spyOn(globalThis, 'setTimeout');
  const clearSpy = vi.spyOn(globalThis, 'clearTimeout');
  const handles = () => setSpy.mock.results.map((result) => result.value as unknown);
  return {
    set: () => handles().length,
    leftBehind: () => {
      const cleared = new Set(clearSpy.mock.calls.map(([handle]) => handle as unknown));
      return handles().filter((handle) => !cleared.has(handle)).length;
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<TokenTuiError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  if (error instanceof TokenTuiError) return error;
  throw new Error(`expected a TokenTuiError, got ${String(error)}`);
}

describe('interactiveMode', () => {
  const plugin = writePlugin(dir, 'mode-plugin', { token: 't', apiVersion: 'client.authentication.k8s.io/v1' });

  it('Never: spec.interactive false even on a terminal, and no terminal handoff', async () => {
    let handoffs = 0;
    release = setTerminalHandoff(async (work) => {
      handoffs += 1;
      await work();
    });
    await runExecPlugin(config(plugin.path, { interactiveMode: 'Never' }), { ...context, stdinIsTerminal: true });
    expect(lastRun('mode-plugin').info.spec).toEqual({ interactive: false });
    expect(handoffs).toBe(0);
  });

  it('IfAvailable: interactive only when stdin is a terminal, and then the UI hands the terminal over', async () => {
    await runExecPlugin(config(plugin.path), { ...context, stdinIsTerminal: false, stderr: { write: () => true } });
    expect(lastRun('mode-plugin').info.spec).toEqual({ interactive: false });
    const order: string[] = [];
    release = setTerminalHandoff(async (work) => {
      order.push('suspend');
      await work();
      order.push('resume');
    });
    await runExecPlugin(config(plugin.path), { ...context, stdinIsTerminal: true });
    expect(lastRun('mode-plugin').info.spec).toEqual({ interactive: true });
    expect(order).toEqual(['suspend', 'resume']);
  });

  it('Always without a terminal: refused before anything runs', async () => {
    const runsBefore = readFileSync(plugin.log, 'utf8').trim().split('\n').length;
    const error = await failure(runExecPlugin(config(plugin.path, { interactiveMode: 'Always' }), { ...context, stdinIsTerminal: false }));
    expect(error.message).toMatch(/needs a terminal \(interactiveMode: Always\)/);
    expect(readFileSync(plugin.log, 'utf8').trim().split('\n').length).toBe(runsBefore);
  });

  it('provideClusterInfo: spec.cluster as given', async () => {
    const cluster = { server: 'https://x:6443', 'certificate-authority-data': 'Q0E=', config: { audience: 'a' } };
    await runExecPlugin(config(plugin.path, { cluster }), { ...context, stdinIsTerminal: false, stderr: { write: () => true } });
    expect(lastRun('mode-plugin').info.spec).toEqual({ interactive: false, cluster });
  });
});

describe('stderr', () => {
  const plugin = writePlugin(dir, 'chatty', { token: 't', stderr: 'Opening a browser to log you in...\n', apiVersion: 'client.authentication.k8s.io/v1' });

  it('reaches the user on a non-interactive run', async () => {
    const written: string[] = [];
    await runExecPlugin(config(plugin.path), { ...context, stdinIsTerminal: false, stderr: { write: (text: string) => written.push(text) } });
    expect(written.join('')).toBe('Opening a browser to log you in...\n');
  });

  it('is kept out of a UI frame when the run cannot have the terminal', async () => {
    release = setTerminalHandoff(async (work) => work());
    const written: string[] = [];
    await runExecPlugin(config(plugin.path, { interactiveMode: 'Never' }), { ...context, stdinIsTerminal: true, stderr: { write: (text: string) => written.push(text) } });
    expect(written).toEqual([]);
  });
});

describe('nothing left behind', () => {
  it('a missing command fails at once with the installHint, and leaves no timer', async () => {
    const timers = trackTimers();
    const started = performance.now();
    const error = await failure(runExecPlugin(config('tokentui-no-such-plugin', { installHint: 'brew install no-such-plugin' }), { ...context, stdinIsTerminal: false }));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error.message).toBe('kubeadm: exec plugin "tokentui-no-such-plugin" of user "u" is not installed (not found on PATH)');
    expect(error.hint).toBe('brew install no-such-plugin');
    expect(timers.leftBehind()).toBe(0);
  });

  it('a plugin that hangs is killed at the timeout', async () => {
    const path = writeFile(join(dir, 'bin', 'hangs'), `#!/usr/bin/env node\nrequire('node:fs').writeFileSync(${JSON.stringify(join(dir, 'hangs.pid'))}, String(process.pid));\nsetInterval(() => {}, 1000);\n`, 0o755);
    const error = await failure(runExecPlugin(config(path), { ...context, stdinIsTerminal: false, timeoutMs: 1_500 }));
    expect(error.message).toMatch(/did not finish within 1\.5 s/);
    const pid = Number(readFileSync(join(dir, 'hangs.pid'), 'utf8'));
    await expect.poll(() => isAlive(pid), { timeout: 5_000 }).toBe(false);
  });

  it('a plugin still running when its client closes is killed, with its timer', async () => {
    const path = writeFile(join(dir, 'bin', 'slow'), `#!/usr/bin/env node\nrequire('node:fs').writeFileSync(${JSON.stringify(join(dir, 'slow.pid'))}, String(process.pid));\nsetInterval(() => {}, 1000);\n`, 0o755);
    const timers = trackTimers();
    const stop = new AbortController();
    const running = failure(runExecPlugin(config(path), { ...context, stdinIsTerminal: false, signal: stop.signal }));
    await expect.poll(() => readPid(join(dir, 'slow.pid')), { timeout: 5_000 }).toBeGreaterThan(0);
    stop.abort();
    expect((await running).message).toMatch(/was stopped: the client closed/);
    // The run's timeout timer existed (a non-interactive run is bounded) and was cleared.
    expect(timers.set()).toBeGreaterThan(0);
    expect(timers.leftBehind()).toBe(0);
    await expect.poll(() => isAlive(readPid(join(dir, 'slow.pid'))), { timeout: 5_000 }).toBe(false);
  });
});

function readPid(path: string): number {
  try {
    return Number(readFileSync(path, 'utf8'));
  } catch {
    return 0;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
