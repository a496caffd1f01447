// `tokentui find` in-process: a fake apiserver (kubeadm Secrets) and the reference REST server
// as two contexts; the token comes from stdin (or the masked prompt), never argv. The request logs
// prove the REST secret never travelled (only its SHA-256). Real backends: test/real/fleet-cli.test.ts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { openContextsStore } from '../../src/config/contexts-store.ts';
import { removeScratch } from '../support/at-rest.ts';
import { startFakeApiserver, type FakeApiserver } from '../support/fake-apiserver.ts';
import { startTestRestServer, type TestRestServer } from '../support/rest-server.ts';
import { bootstrapSecret, capturingCliIo, type RunOptions } from './harness.ts';

const SECRET = '0123456789abcdef';
let cluster: FakeApiserver;
let rest: TestRestServer;
let restSecret: string;
const restLog: string[] = [];
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
  cluster = await startFakeApiserver();
  cluster.put('secrets', bootstrapSecret('kkkkkk', SECRET, { description: 'leaked one', expiration: '2099-01-01T00:00:00Z', 'usage-bootstrap-authentication': 'true' }));
  cluster.put('secrets', bootstrapSecret('oldold', SECRET, { expiration: '2001-01-01T00:00:00Z' }));
  rest = await startTestRestServer({ log: (line) => restLog.push(line) });
  const minted = await fetch(`${rest.url}/api/v1/tokens`, { method: 'POST', headers: { authorization: `Bearer ${rest.apiKey}`, 'content-type': 'application/json' }, body: '{"ttlSeconds":3600}' });
  restSecret = ((await minted.json()) as { secret: string }).secret;
  home = mkdtempSync(join(tmpdir(), 'tokentui-find-'));
  const kubeconfig = join(home, 'kube.yaml');
  writeFileSync(kubeconfig, `clusters: [{name: c, cluster: {server: '${cluster.url}'}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: lab-kube, context: {cluster: c, user: u}}]\ncurrent-context: lab-kube\n`);
  env = { HOME: home, KUBECONFIG: kubeconfig, TOKENTUI_SYSTEM_KUBECONFIGS: '', XDG_STATE_HOME: home, XDG_CONFIG_HOME: join(home, 'config'), FIND_REST_KEY: rest.apiKey };
  const store = await openContextsStore({ env, home });
  store.save({ name: 'lab-rest', adapter: 'rest', server: rest.url, apiKey: { env: 'FIND_REST_KEY' } });
});

afterAll(async () => {
  await cluster.close();
  await rest.close();
  removeScratch(home);
});

async function find(args: readonly string[], stdin: string | null, options: RunOptions = {}) {
  const { io, captured } = capturingCliIo({ env, clock: new ManualClock(Date.parse('2026-06-01T00:00:00Z')), ...options });
  const code = await main(['find', ...args], stdin === null ? io : { ...io, readStdin: async () => stdin });
  return { code, ...captured() };
}

describe('tokentui find', () => {
  it('finds a kubeadm id.secret LIVE in its context and absent elsewhere; never prints the secret', async () => {
    const result = await find([], `kkkkkk.${SECRET}\n`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/lab-kube\s+LIVE\s+kubeadm/);
    expect(result.stdout).toMatch(/lab-rest\s+absent\s+rest/);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it('says "not live" for the right id with a wrong secret, and for an expired token (exit 4)', async () => {
    const wrong = await find(['-o', 'json'], `kkkkkk.${'9'.repeat(16)}`);
    expect(wrong.code).toBe(4);
    const json = JSON.parse(wrong.stdout) as { contexts: { context: string; result: string; live: boolean }[]; errors: unknown[] };
    expect(json.contexts.find((entry) => entry.context === 'lab-kube')).toMatchObject({ result: 'wrong-secret', live: false });
    expect(json.errors).toEqual([]);
    const text = await find([], `kkkkkk.${'9'.repeat(16)}`);
    expect(text.stdout).toMatch(/lab-kube\s+not live\s+kubeadm/);
    const expired = await find(['--contexts', 'lab-kube'], `oldold.${SECRET}`);
    expect(expired.code).toBe(4);
    expect(expired.stdout).toMatch(/lab-kube\s+not live\s+kubeadm\s+the secret matches, but the token is expired/);
  });

  it('checks a REST secret by its SHA-256 only: the request log holds the hash, never the secret', async () => {
    restLog.length = 0;
    const result = await find(['-o', 'json'], `some log line: token=${restSecret} in CI`);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { contexts: { context: string; result: string }[] };
    expect(json.contexts.find((entry) => entry.context === 'lab-rest')?.result).toBe('live');
    expect(restLog.some((line) => line.includes('/secret-check'))).toBe(true);
    expect(restLog.join('\n')).not.toContain(restSecret.split('.')[1]);
    expect(result.stdout).not.toContain(restSecret.split('.')[1]);
  });

  it('a kubeconfig that does not parse costs its line and exit 1: "live nowhere" would be a claim about contexts never asked', async () => {
    const broken = join(home, 'broken.yaml');
    writeFileSync(broken, 'contexts:\n- name: prod-c\n  context: [\n');
    const result = await find([], `oldold.${SECRET}\n`, { env: { ...env, KUBECONFIG: `${broken}:${env.KUBECONFIG}` } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^tokentui: kubeconfig ${broken}: .+ \\(its contexts were not asked\\)$`, 'm'));
    expect(result.stdout).toMatch(/lab-kube\s+not live/);
    // A script reading -o json sees it too, beside the contexts that did not answer.
    const json = await find(['-o', 'json'], `oldold.${SECRET}\n`, { env: { ...env, KUBECONFIG: `${broken}:${env.KUBECONFIG}` } });
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { unreadable?: string[] }).unreadable).toEqual([expect.stringMatching(new RegExp(`^kubeconfig ${broken}: line \\d+: `))]);
    expect(JSON.parse((await find(['-o', 'json'], `oldold.${SECRET}\n`)).stdout)).not.toHaveProperty('unreadable');
  });

  it('refuses a secret on argv (exit 2, nothing sent) and takes an id alone', async () => {
    const before = cluster.requests.length;
    const refused = await find([`kkkkkk.${SECRET}`], null);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('shell history');
    expect(refused.stderr).not.toContain(SECRET);
    const k3s = await find([`K10${'a'.repeat(64)}::server:hunter2hunter2`], null);
    expect(k3s.code).toBe(2);
    expect(cluster.requests.length).toBe(before);
    const idOnly = await find(['kkkkkk'], null);
    expect(idOnly.code).toBe(0);
    expect(idOnly.stdout).toMatch(/lab-kube\s+exists\s+kubeadm/);
  });

  it('asks at a masked prompt on a terminal', async () => {
    const prompts: string[] = [];
    const result = await find([], null, { tty: true, readHidden: async (prompt) => (prompts.push(prompt), `kkkkkk.${SECRET}`) });
    expect(prompts).toEqual([expect.stringContaining('input hidden')]);
    expect(result.stdout).toMatch(/lab-kube\s+LIVE/);
  });

  it('checks its flags and the context names before asking for the token (no secret typed for nothing)', async () => {
    const prompts: string[] = [];
    const readHidden = async (prompt: string) => (prompts.push(prompt), `kkkkkk.${SECRET}`);
    const timeout = await find(['--context-timeout', 'soon'], null, { tty: true, readHidden });
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toContain('--context-timeout');
    const unknown = await find(['--contexts', 'lab-kube,nope'], null, { tty: true, readHidden });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no saved or discovered context named "nope"');
    expect(prompts).toEqual([]);
  });
});

describe('tokentui find: where it looks', () => {
  it('refuses --context (one context) and --server with a message that names the flag', async () => {
    const one = await find(['--context', 'lab-kube'], `kkkkkk.${SECRET}`);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('--context names one context; `tokentui find` runs in several');
    const narrowed = await find(['--contexts', 'lab-kube'], `kkkkkk.${SECRET}`);
    expect(narrowed.code).toBe(0);
    expect(narrowed.stdout).not.toContain('lab-rest');
  });
});
