// `tokentui contexts` and `--context NAME` end to end in-process: two kubeconfig files in
// KUBECONFIG (each context on its own fake apiserver, so the request logs prove which one was
// used), a broken third file, and saved contexts in a temporary $HOME/.config/tokentui.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openContextsStore } from '../../src/config/contexts-store.ts';
import type { ContextsStore } from '../../src/config/contexts-store.ts';
import { startFakeApiserver, type FakeApiserver } from '../support/fake-apiserver.ts';
import { startTestRestServer, type TestRestServer } from '../support/rest-server.ts';
import { runTokentui } from './harness.ts';
import { removeScratch } from '../support/at-rest.ts';

let alpha: FakeApiserver;
let beta: FakeApiserver;
let tokens: TestRestServer;
let home: string;
let alphaFile: string;
let betaFile: string;
let brokenFile: string;
let store: ContextsStore;

function writeKubeconfigFile(name: string, context: string, server: string): string {
  const path = join(home, name);
  const lines = [
    'apiVersion: v1',
    'kind: Config',
    `clusters: [{name: ${context}, cluster: {server: '${server}'}}]`,
    `users: [{name: ${context}-admin, user: {token: ${context}-token}}]`,
    `contexts: [{name: ${context}, context: {cluster: ${context}, user: ${context}-admin}}]`,
    `current-context: ${context}`,
  ];
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const env = (files: readonly string[] = [alphaFile, betaFile], extra: Record<string, string> = {}) => ({
  HOME: home,
  KUBECONFIG: files.join(delimiter),
  // No /etc files or system LXD sockets on a test machine's listing, whatever the machine has.
  TOKENTUI_SYSTEM_KUBECONFIGS: '',
  TOKENTUI_SYSTEM_LXD_SOCKETS: '',
  ...extra,
});

const secretListings = (apiserver: FakeApiserver) => apiserver.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/secrets'));

beforeAll(async () => {
  [alpha, beta, tokens] = await Promise.all([startFakeApiserver(), startFakeApiserver(), startTestRestServer()]);
  home = mkdtempSync(join(tmpdir(), 'tokentui-contexts-'));
  alphaFile = writeKubeconfigFile('alpha.yaml', 'alpha', alpha.url);
  betaFile = writeKubeconfigFile('beta.yaml', 'beta', beta.url);
  brokenFile = join(home, 'broken.yaml');
  writeFileSync(brokenFile, 'apiVersion: v1\ncontexts:\n  - name: [unclosed\n');
  store = await openContextsStore({ cwd: join(home, '.config', 'tokentui') });
});

afterAll(async () => {
  await Promise.all([alpha.close(), beta.close(), tokens.close()]);
  removeScratch(home);
});

beforeEach(() => {
  alpha.requests.length = 0;
  beta.requests.length = 0;
  for (const context of store.read().contexts) store.remove(context.name);
  store.setCurrentContext(undefined);
});

describe('contexts from two kubeconfig files in KUBECONFIG', () => {
  it('are listed as discovered, the first file naming the current one', async () => {
    const result = await runTokentui(['contexts'], { env: env() });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CURRENT\s+NAME\s+KIND\s+ADAPTER\s+SERVER\s+AS\s+READONLY\s+SOURCE$/);
    expect(lines.slice(1)).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^\\*\\s+alpha\\s+discovered\\s+auto\\s+${alpha.url}\\s+${alphaFile}$`));
    expect(lines[2]).toMatch(new RegExp(`^\\s+beta\\s+discovered\\s+auto\\s+${beta.url}\\s+${betaFile}$`));
  });

  it('-o json', async () => {
    const result = await runTokentui(['contexts', '-o', 'json'], { env: env() });
    expect(JSON.parse(result.stdout)).toEqual([
      { name: 'alpha', kind: 'discovered', adapter: null, server: alpha.url, readonly: false, current: true, sourceFile: alphaFile, cluster: 'alpha', user: 'alpha-admin' },
      { name: 'beta', kind: 'discovered', adapter: null, server: beta.url, readonly: false, current: false, sourceFile: betaFile, cluster: 'beta', user: 'beta-admin' },
    ]);
  });

  it('are selectable with --context: each one talks to its own apiserver', async () => {
    expect((await runTokentui(['list', '--context', 'beta', '-o', 'json'], { env: env() })).code).toBe(0);
    expect(secretListings(beta)).toHaveLength(1);
    expect(secretListings(alpha)).toHaveLength(0);
    expect((await runTokentui(['list', '--context', 'alpha', '-o', 'json'], { env: env() })).code).toBe(0);
    expect(secretListings(alpha)).toHaveLength(1);
  });
});

describe('tokentui contexts use NAME', () => {
  it('remembers a discovered context; commands without --context then use it', async () => {
    const used = await runTokentui(['contexts', 'use', 'beta'], { env: env() });
    expect(used).toMatchObject({ code: 0, stdout: 'current context: beta\n', stderr: '' });
    expect(store.read().currentContext).toBe('beta');
    expect((await runTokentui(['list', '-o', 'json'], { env: env() })).code).toBe(0);
    expect(secretListings(beta)).toHaveLength(1);
    expect(secretListings(alpha)).toHaveLength(0);
    // An explicit --kubeconfig is a target of its own: the remembered context does not apply.
    expect((await runTokentui(['list', '--kubeconfig', alphaFile, '-o', 'json'], { env: env() })).code).toBe(0);
    expect(secretListings(alpha)).toHaveLength(1);
  });

  it('refuses a name that exists nowhere (exit 4) and anything but `use NAME` (exit 2), remembering nothing', async () => {
    const unknown = await runTokentui(['contexts', 'use', 'gamma'], { env: env() });
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toMatch(/^tokentui: context "gamma" is neither saved nor discovered\n/);
    expect((await runTokentui(['contexts', 'beta'], { env: env() })).code).toBe(2);
    expect((await runTokentui(['contexts', 'use', 'beta', 'extra'], { env: env() })).code).toBe(2);
    expect(store.read().currentContext).toBeUndefined();
  });
});

describe('a broken kubeconfig among them', () => {
  it('costs one warning line naming the file, and the other contexts are still listed', async () => {
    const result = await runTokentui(['contexts'], { env: env([brokenFile, alphaFile, betaFile]) });
    expect(result.code).toBe(0);
    const warnings = result.stderr.trimEnd().split('\n');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^tokentui: warning: kubeconfig ${brokenFile}: line \\d+: .+`));
    expect(result.stdout).toMatch(/\balpha\s+discovered/);
    expect(result.stdout).toMatch(/\bbeta\s+discovered/);
  });

  it('does not stop --context from using a context of another file, and says the broken file, read first, may define that name', async () => {
    const result = await runTokentui(['list', '--context', 'beta', '-o', 'json'], { env: env([brokenFile, alphaFile, betaFile]) });
    // kubectl refuses every file when one is broken; tokentui uses the context and says why it may not be the one meant.
    expect(result.stderr).toMatch(new RegExp(`^tokentui: warning: context "beta" may not be the one meant: kubeconfig ${brokenFile}: line \\d+: .+; that file is read before ${betaFile}, which defines "beta", and may define it first\n$`));
    expect(result.code).toBe(0);
    expect(secretListings(beta)).toHaveLength(1);
    // A broken file read after the one that defines the name cannot take it: nothing to say.
    const after = await runTokentui(['list', '--context', 'beta', '-o', 'json'], { env: env([alphaFile, betaFile, brokenFile]) });
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
  });
});

describe('saved contexts', () => {
  it('are listed before discovered ones and win --context; the remembered current context is used without flags', async () => {
    store.save({ name: 'lab', adapter: 'kubeadm', kubeconfig: betaFile, kubeContext: 'beta', pollIntervalSeconds: 5 });
    store.setCurrentContext('lab');
    const listed = await runTokentui(['contexts', '-o', 'json'], { env: env([alphaFile]) });
    const rows = JSON.parse(listed.stdout) as { name: string; kind: string; current: boolean; sourceFile: string }[];
    expect(rows.map(({ name, kind, current }) => [name, kind, current])).toEqual([
      ['lab', 'saved', true],
      ['alpha', 'discovered', false],
    ]);
    expect(rows[0]?.sourceFile).toBe(store.path);
    // beta.yaml is not in KUBECONFIG: only the saved context can reach it.
    expect((await runTokentui(['list', '-o', 'json'], { env: env([alphaFile]) })).code).toBe(0);
    expect(secretListings(beta)).toHaveLength(1);
    expect(secretListings(alpha)).toHaveLength(0);
  });

  it('a read-only saved context refuses mutations with exit 3 before any request; --readonly does the same for any context', async () => {
    store.save({ name: 'prod', adapter: 'kubeadm', kubeconfig: alphaFile, readonly: true });
    const created = await runTokentui(['create', '--ttl', '1h', '--context', 'prod'], { env: env() });
    expect(created.code).toBe(3);
    expect(created.stderr).toMatch(/read-only/);
    const revoked = await runTokentui(['revoke', 'abcdef', '--confirm', 'abcdef', '--context', 'prod'], { env: env() });
    expect(revoked.code).toBe(3);
    const flagged = await runTokentui(['create', '--ttl', '1h', '--context', 'beta', '--readonly'], { env: env() });
    expect(flagged.code).toBe(3);
    expect(alpha.requests).toEqual([]);
    expect(beta.requests).toEqual([]);
    expect((await runTokentui(['list', '--context', 'prod', '-o', 'json'], { env: env() })).code).toBe(0);
    expect(secretListings(alpha)).toHaveLength(1);
  });

  it('a rest context reads its API key from the variable it names, and says which variable is missing', async () => {
    store.save({ name: 'tokens', adapter: 'rest', server: tokens.url, apiKey: { env: 'LAB_TOKENS_KEY' }, readonly: true });
    const missing = await runTokentui(['list', '--context', 'tokens'], { env: env() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^tokentui: context "tokens": the API key variable LAB_TOKENS_KEY is not set\n/);
    const listed = await runTokentui(['list', '--context', 'tokens', '-o', 'json'], { env: env([], { LAB_TOKENS_KEY: tokens.apiKey }) });
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    const wrongKey = await runTokentui(['list', '--context', 'tokens'], { env: env([], { LAB_TOKENS_KEY: 'not-the-key' }) });
    expect(wrongKey.code).toBe(1);
    // The TUI gets the rest adapter, read-only from the context, and no demo.
    const tui = await runTokentui(['--context', 'tokens'], { env: env([], { LAB_TOKENS_KEY: tokens.apiKey }), tty: true });
    expect(tui.stderr).toBe('');
    expect(tui.tuiLaunches.map(({ readonly, demo, adapter }) => ({ readonly, demo, adapter: adapter.id }))).toEqual([{ readonly: true, demo: false, adapter: 'rest' }]);
  });

  it('a rest context can take its API key from a command (like a kubectl exec plugin)', async () => {
    store.save({ name: 'tokens', adapter: 'rest', server: tokens.url, apiKey: { command: ['printenv', 'VAULT_SUPPLIED_KEY'] } });
    const listed = await runTokentui(['list', '--context', 'tokens', '-o', 'json'], { env: env([], { VAULT_SUPPLIED_KEY: tokens.apiKey, PATH: process.env.PATH ?? '' }) });
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    const failing = await runTokentui(['list', '--context', 'tokens'], { env: env([], { PATH: process.env.PATH ?? '' }) });
    expect(failing.stderr).toMatch(/^tokentui: context "tokens": the API key command printenv failed \(exit 1\)\n/);
    expect(failing.code).toBe(1);
  });

  it('a saved context alone rules out the implicit demo', async () => {
    store.save({ name: 'tokens', adapter: 'rest', server: tokens.url, apiKey: { env: 'LAB_TOKENS_KEY' } });
    store.setCurrentContext('tokens');
    const tui = await runTokentui([], { env: { HOME: home, KUBECONFIG: join(home, 'absent'), LAB_TOKENS_KEY: tokens.apiKey }, tty: true });
    expect(tui.stderr).toBe('');
    expect(tui.code).toBe(0);
    expect(tui.tuiLaunches.map(({ demo, contextLabel }) => ({ demo, contextLabel }))).toEqual([{ demo: false, contextLabel: 'tokens' }]);
  });
});
