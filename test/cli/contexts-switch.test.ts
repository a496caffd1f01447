// The TUI's context-switch port (src/cli/context-switch.ts) against two fake apiservers: the
// request logs prove which cluster the new adapter talks to; config.json remembers the choice.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GlobalOptions } from '../../src/cli/args.ts';
import { createContextSwitcher } from '../../src/cli/context-switch.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { TokenTuiError } from '../../src/core/errors.ts';
import { openContextsStore } from '../../src/config/contexts-store.ts';
import { startFakeApiserver, type FakeApiserver } from '../support/fake-apiserver.ts';
import { runTokentui } from './harness.ts';
import { removeScratch } from '../support/at-rest.ts';

let alpha: FakeApiserver;
let beta: FakeApiserver;
let home: string;
let env: Record<string, string>;
const configFile = () => join(home, '.config', 'tokentui', 'config.json');
const startFlags: GlobalOptions = { readonly: false, demo: false, noColor: true };

function kubeconfigFile(context: string, server: string): string {
  const path = join(home, `${context}.yaml`);
  writeFileSync(
    path,
    // Names are per file: kubectl merges files and the first definition of a cluster name wins.
    `clusters: [{name: ${context}, cluster: {server: '${server}'}}]\nusers: [{name: ${context}, user: {token: t}}]\ncontexts: [{name: ${context}, context: {cluster: ${context}, user: ${context}}}]\ncurrent-context: ${context}\n`,
  );
  return path;
}

beforeAll(async () => {
  [alpha, beta] = await Promise.all([startFakeApiserver(), startFakeApiserver()]);
  home = mkdtempSync(join(tmpdir(), 'tokentui-switch-'));
  env = { HOME: home, KUBECONFIG: [kubeconfigFile('alpha', alpha.url), kubeconfigFile('beta', beta.url)].join(delimiter), TOKENTUI_SYSTEM_KUBECONFIGS: '' };
});

afterAll(async () => {
  await Promise.all([alpha.close(), beta.close()]);
  removeScratch(home);
});

beforeEach(() => {
  removeScratch(join(home, '.config'));
  alpha.requests.length = 0;
  beta.requests.length = 0;
});

const switcher = (flags: GlobalOptions = startFlags) => createContextSwitcher(flags, { env, cwd: home }, new ManualClock(Date.now()));

describe('switching context from the TUI', () => {
  it('opens the other cluster and remembers it as the current context', async () => {
    const switched = await switcher()('beta');
    try {
      await switched.adapter.list();
    } finally {
      await switched.adapter.close?.();
    }
    expect(switched.contextLabel).toBe('beta');
    expect(switched.readonly).toBe(false);
    expect(beta.requests.map((request) => `${request.method} ${request.path}`)).toContain('GET /api/v1/namespaces/kube-system/secrets');
    expect(alpha.requests).toEqual([]);
    expect(JSON.parse(readFileSync(configFile(), 'utf8'))).toEqual({ contexts: [], currentContext: 'beta' });
    const listed = await runTokentui(['contexts'], { env });
    expect(listed.stdout).toMatch(/^\*\s+beta\s+discovered/m);
    expect(listed.stdout).toMatch(/^\s+alpha\s+discovered/m);
  });

  it("takes a saved context's read-only flag, and keeps the global --readonly", async () => {
    (await openContextsStore({ cwd: join(home, '.config', 'tokentui') })).save({ name: 'prod', adapter: 'kubeadm', kubeContext: 'alpha', readonly: true });
    const prod = await switcher()('prod');
    await prod.adapter.close?.();
    expect(prod.readonly).toBe(true);
    const beta = await switcher({ ...startFlags, readonly: true })('beta');
    await beta.adapter.close?.();
    expect(beta.readonly).toBe(true);
  });

  it('an unknown context fails (exit 2) and leaves the remembered one alone', async () => {
    (await openContextsStore({ cwd: join(home, '.config', 'tokentui') })).setCurrentContext('alpha');
    const failure = await switcher()('gamma').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TokenTuiError);
    expect((failure as TokenTuiError).exitCode).toBe(2);
    expect((failure as TokenTuiError).message).toMatch(/gamma/);
    expect(JSON.parse(readFileSync(configFile(), 'utf8'))).toEqual({ contexts: [], currentContext: 'alpha' });
  });
});

describe("a saved context's pollIntervalSeconds", () => {
  const saveLab = async () =>
    (await openContextsStore({ cwd: join(home, '.config', 'tokentui') })).save({ name: 'lab', adapter: 'kubeadm', kubeContext: 'beta', pollIntervalSeconds: 7 });

  it('reaches the TUI in ms when it starts on that context, and not for a context without one', async () => {
    await saveLab();
    const lab = await runTokentui(['--context', 'lab'], { env, tty: true });
    expect(lab.code).toBe(0);
    expect(lab.tuiLaunches.map((launch) => [launch.adapter.target.server, launch.pollIntervalMs])).toEqual([[beta.url, 7_000]]);
    const discovered = await runTokentui(['--context', 'alpha'], { env, tty: true });
    expect(discovered.tuiLaunches.map((launch) => [launch.adapter.target.server, launch.pollIntervalMs])).toEqual([[alpha.url, undefined]]);
  });

  it('comes with the adapter when `:ctx` switches to that context', async () => {
    await saveLab();
    const lab = await switcher()('lab');
    await lab.adapter.close?.();
    expect(lab.pollIntervalMs).toBe(7_000);
    const alphaContext = await switcher()('alpha');
    await alphaContext.adapter.close?.();
    expect(alphaContext).not.toHaveProperty('pollIntervalMs');
  });
});

describe('a broken kubeconfig among the KUBECONFIG files', () => {
  const withBrokenFile = () => {
    const broken = join(home, 'broken.yaml');
    writeFileSync(broken, 'apiVersion: v1\ncontexts:\n  - name: [unclosed\n');
    // First in the list, where kubectl would stop reading.
    return { ...env, KUBECONFIG: [broken, ...env.KUBECONFIG!.split(delimiter)].join(delimiter) };
  };

  it('does not stop the TUI from starting on, or switching to, a context of another file', async () => {
    const brokenEnv = withBrokenFile();
    const started = await runTokentui(['--context', 'alpha'], { env: brokenEnv, tty: true });
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    expect(started.tuiLaunches.map((launch) => launch.adapter.target.server)).toEqual([alpha.url]);
    // The broken file is read first and may define "alpha": the TUI shows it with its first frame.
    expect(started.tuiLaunches[0]?.startupNote).toMatch(/^context "alpha" may not be the one meant: kubeconfig .*broken\.yaml: .*may define it first$/);
    const switched = await createContextSwitcher(startFlags, { env: brokenEnv, cwd: home }, new ManualClock(Date.now()))('beta');
    try {
      await switched.adapter.list();
    } finally {
      await switched.adapter.close?.();
    }
    expect(switched.contextLabel).toBe('beta');
    expect(switched.doubt).toMatch(/^context "beta" may not be the one meant: kubeconfig .*broken\.yaml: /);
    expect(switched.doubt).toMatch(/^context "beta" may not be the one meant: kubeconfig .*broken\.yaml: /);
    expect(beta.requests.map((request) => `${request.method} ${request.path}`)).toContain('GET /api/v1/namespaces/kube-system/secrets');
  });
});

describe('a saved context on a kubeconfig context of another name', () => {
  const saveLabOnBeta = async () => (await openContextsStore({ cwd: join(home, '.config', 'tokentui') })).save({ name: 'lab', adapter: 'kubeadm', kubeContext: 'beta' });
  const lastAuditRecord = () => JSON.parse(readFileSync(join(home, '.local', 'state', 'tokentui', 'audit.jsonl'), 'utf8').trimEnd().split('\n').at(-1) ?? '') as { context: string; action: string };

  it('is labelled by its saved name when the TUI starts on it, as when `:ctx` switches to it', async () => {
    await saveLabOnBeta();
    const started = await runTokentui(['--context', 'lab'], { env, tty: true });
    expect(started.code).toBe(0);
    expect(started.tuiLaunches.map((launch) => [launch.contextLabel, launch.adapter.target.context, launch.adapter.target.server])).toEqual([['lab', 'lab', beta.url]]);
    const switched = await switcher()('lab');
    await switched.adapter.close?.();
    // The TUI's audit records and rotation journal read the adapter's target.
    expect([switched.contextLabel, switched.adapter.target.context]).toEqual(['lab', 'lab']);
  });

  it('names the saved context in the audit record of a command run on it', async () => {
    await saveLabOnBeta();
    const created = await runTokentui(['create', '--ttl', '1h', '--context', 'lab', '-o', 'json'], { env });
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(beta.requests.some((request) => request.method === 'POST')).toBe(true);
    expect(lastAuditRecord()).toMatchObject({ action: 'create', context: 'lab' });
  });
});
