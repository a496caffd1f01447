// `revoke --everywhere` in-process over two fake apiservers: the token read from stdin is live in
// one, the same id with another secret exists in the other. Request logs prove that nothing is
// deleted without --confirm, and that with it only the live context is touched.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { openContextsStore } from '../../src/config/contexts-store.ts';
import { removeScratch } from '../support/at-rest.ts';
import { startFakeApiserver, type FakeApiserver } from '../support/fake-apiserver.ts';
import { bootstrapSecret, capturingCliIo } from './harness.ts';

const SECRET = '0123456789abcdef';
let live: FakeApiserver;
let other: FakeApiserver;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
  [live, other] = await Promise.all([startFakeApiserver(), startFakeApiserver()]);
  live.put('secrets', bootstrapSecret('kkkkkk', SECRET, { expiration: '2099-01-01T00:00:00Z', 'usage-bootstrap-authentication': 'true' }));
  other.put('secrets', bootstrapSecret('kkkkkk', 'ffffffffffffffff', { expiration: '2099-01-01T00:00:00Z' }));
  home = mkdtempSync(join(tmpdir(), 'tokentui-sweep-'));
  const kubeconfig = join(home, 'kube.yaml');
  writeFileSync(
    kubeconfig,
    `clusters: [{name: a, cluster: {server: '${live.url}'}}, {name: b, cluster: {server: '${other.url}'}}]\nusers: [{name: u, user: {token: t}}]\n` +
      `contexts: [{name: prod-a, context: {cluster: a, user: u}}, {name: prod-b, context: {cluster: b, user: u}}]\ncurrent-context: prod-a\n`,
  );
  env = { HOME: home, KUBECONFIG: kubeconfig, TOKENTUI_SYSTEM_KUBECONFIGS: '', XDG_STATE_HOME: home, XDG_CONFIG_HOME: join(home, 'config') };
});

afterAll(async () => {
  await Promise.all([live.close(), other.close()]);
  removeScratch(home);
});

async function sweep(args: readonly string[], stdin: string, sweepEnv = env) {
  const { io, captured } = capturingCliIo({ env: sweepEnv });
  const code = await main(['revoke', '--everywhere', ...args], { ...io, readStdin: async () => stdin });
  return { code, ...captured() };
}

const deletes = (server: FakeApiserver) => server.requests.filter((request) => request.method === 'DELETE');

describe('tokentui revoke --everywhere', () => {
  it('without --confirm: a combined preview, exit 3, no DELETE anywhere, a refusal journaled per context', async () => {
    const result = await sweep([], `kkkkkk.${SECRET}`);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('Token kkkkkk is live in 1 context: prod-a');
    expect(result.stdout).toContain('== prod-a (kubeadm,');
    expect(result.stdout).toMatch(/Combined impact over 1 context: /);
    expect(result.stdout).toMatch(/prod-a\s+refused\s+no --confirm given/);
    expect(result.stderr).toContain('nothing was revoked anywhere');
    expect(result.stdout + result.stderr).not.toContain(SECRET);
    expect(deletes(live)).toEqual([]);
    expect(deletes(other)).toEqual([]);
    const journal = readFileSync(join(home, 'tokentui', 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { context: string; outcome: string });
    expect(journal.at(-1)).toMatchObject({ context: 'prod-a', outcome: 'refused' });
  });

  it('refuses a secret on argv before anything is sent (exit 2)', async () => {
    const { io, captured } = capturingCliIo({ env });
    const code = await main(['revoke', '--everywhere', `kkkkkk.${SECRET}`], io);
    expect(code).toBe(2);
    expect(captured().stderr).toContain('shell history');
    expect(deletes(live)).toEqual([]);
  });

  it('--max-severity bounds the sweep: confirmed, but above it in a context, nothing is revoked anywhere (exit 3), each refusal journaled', async () => {
    const requestsBefore = live.requests.length + other.requests.length;
    const result = await sweep(['--confirm', 'kkkkkk', '--max-severity', 'low'], `kkkkkk.${SECRET}`);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('tokentui: nothing was revoked anywhere: the impact in prod-a is above --max-severity low');
    expect(result.stdout).toMatch(/prod-a\s+refused\s+impact high is above --max-severity low/);
    // The same as a record, in any data format revoke takes (here YAML).
    const yaml = await sweep(['--confirm', 'kkkkkk', '--max-severity', 'low', '-o', 'yaml'], `kkkkkk.${SECRET}`);
    expect(yaml.code).toBe(3);
    expect(yaml.stdout).toMatch(/^tokenId: kkkkkk\ncontexts:\n {2}- context: prod-a\n {4}adapter: kubeadm\n {4}outcome: refused\n {4}detail: impact high is above --max-severity low\n/);
    expect(deletes(live)).toEqual([]);
    expect(deletes(other)).toEqual([]);
    expect(live.requests.length + other.requests.length).toBeGreaterThan(requestsBefore); // it did search and preview
    const journal = readFileSync(join(home, 'tokentui', 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { context: string; outcome: string; error?: string });
    expect(journal.at(-1)).toMatchObject({ context: 'prod-a', outcome: 'refused', error: 'impact high is above --max-severity low' });
  });

  it('a --max-severity it does not know, or a --fingerprint (one context\'s pin), is refused before anything is sent (exit 2)', async () => {
    const requestsBefore = live.requests.length + other.requests.length;
    const bogus = await sweep(['--confirm', 'kkkkkk', '--max-severity', 'medium'], `kkkkkk.${SECRET}`);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain('--max-severity must be one of');
    const pinned = await sweep(['--confirm', 'kkkkkk', '--fingerprint', `sha256:${'0'.repeat(64)}`], `kkkkkk.${SECRET}`);
    expect(pinned.code).toBe(2);
    expect(pinned.stderr).toContain('--fingerprint pins one context\'s impact');
    expect(live.requests.length + other.requests.length).toBe(requestsBefore);
  });

  it('with --confirm: revokes where it is live, leaves the other context\'s same-id token alone, summary table', async () => {
    const result = await sweep(['--confirm', 'kkkkkk'], `kkkkkk.${SECRET}\n`);
    expect(result.stdout).toMatch(/prod-a\s+revoked\s+verified gone/);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/prod-b\s+revoked/);
    expect(deletes(live)).toHaveLength(1);
    expect(deletes(other)).toEqual([]);
    expect(other.secret('kube-system', 'bootstrap-token-kkkkkk')).toBeDefined();
    expect(live.secret('kube-system', 'bootstrap-token-kkkkkk')).toBeUndefined();
    const journal = readFileSync(join(home, 'tokentui', 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { context: string; outcome: string; action: string });
    expect(journal.at(-1)).toMatchObject({ context: 'prod-a', outcome: 'success', action: 'revoke' });
    // Live nowhere now: exit 4, nothing more deleted.
    const again = await sweep(['--confirm', 'kkkkkk'], `kkkkkk.${SECRET}`);
    expect(again.code).toBe(4);
    expect(deletes(live)).toHaveLength(1);
    // A script that makes sure it is dead: live nowhere is done, with --ignore-not-found.
    const ensured = await sweep(['--confirm', 'kkkkkk', '--ignore-not-found', '-o', 'json'], `kkkkkk.${SECRET}`);
    expect(ensured.code).toBe(0);
    expect(JSON.parse(ensured.stdout)).toEqual({ tokenId: 'kkkkkk', contexts: [], errors: [] });
    expect(deletes(live)).toHaveLength(1);
  });

  it('a kubeconfig that does not parse may hide a context where the token lives: the sweep says so and exits 1, even when live nowhere else', async () => {
    live.put('secrets', bootstrapSecret('hhhhhh', SECRET, { expiration: '2099-01-01T00:00:00Z', 'usage-bootstrap-signing': 'true' }));
    const broken = join(home, 'broken.yaml');
    writeFileSync(broken, 'contexts:\n- name: prod-c\n  context: [\n');
    const chained = { ...env, KUBECONFIG: `${broken}:${env.KUBECONFIG}` };
    const result = await sweep(['--confirm', 'hhhhhh'], `hhhhhh.${SECRET}\n`, chained);
    expect(result.stdout).toMatch(/prod-a\s+revoked\s+verified gone/);
    expect(result.stderr).toContain(`tokentui: kubeconfig ${broken}: `);
    expect(result.stderr).toContain('(its contexts were not asked)');
    expect(result.code).toBe(1);
    expect(live.secret('kube-system', 'bootstrap-token-hhhhhh')).toBeUndefined();
    // Live nowhere that was asked is not "live nowhere": --ignore-not-found does not make it done.
    const again = await sweep(['--confirm', 'hhhhhh', '--ignore-not-found', '-o', 'json'], `hhhhhh.${SECRET}\n`, chained);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ tokenId: 'hhhhhh', contexts: [], unreadable: [expect.stringContaining(`kubeconfig ${broken}: `)] });
  });

  it('two contexts on one cluster: the token is revoked once (one DELETE), both say so, exit 0', async () => {
    live.put('secrets', bootstrapSecret('tttttt', SECRET, { expiration: '2099-01-01T00:00:00Z', 'usage-bootstrap-authentication': 'true' }));
    const twins = join(home, 'twins.yaml');
    writeFileSync(
      twins,
      `clusters: [{name: a, cluster: {server: '${live.url}'}}]\nusers: [{name: u, user: {token: t}}]\n` +
        `contexts: [{name: prod-a, context: {cluster: a, user: u}}, {name: prod-a-admin, context: {cluster: a, user: u}}]\ncurrent-context: prod-a\n`,
    );
    // find says where it is live, and that the two are one token.
    const { io, captured } = capturingCliIo({ env: { ...env, KUBECONFIG: twins } });
    expect(await main(['find'], { ...io, readStdin: async () => `tttttt.${SECRET}\n` })).toBe(0);
    expect(captured().stdout).toMatch(/prod-a-admin\s+LIVE\s+kubeadm\s+the same token as in prod-a \(one cluster or store\); expires /);
    const before = deletes(live).length;
    const result = await sweep(['--confirm', 'tttttt'], `tttttt.${SECRET}\n`, { ...env, KUBECONFIG: twins });
    expect(result.stdout).toContain('prod-a, prod-a-admin see the same token (one cluster or store): it is revoked once, and counted once');
    // Whichever opened first revoked it; the other checked that it is gone.
    const rows = result.stdout.split('\n').filter((line) => /^prod-a(-admin)?\s+revoked\s/.test(line));
    expect(rows).toHaveLength(2);
    const twinRow = rows.find((line) => line.includes('the same token as in'));
    expect(twinRow).toMatch(/^(prod-a-admin\s+.*as in prod-a,|prod-a\s+.*as in prod-a-admin,) revoked there \(one cluster or store\)$/);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(deletes(live).length - before).toBe(1);
    expect(live.secret('kube-system', 'bootstrap-token-tttttt')).toBeUndefined();
  });

  it('a saved read-only view of a cluster a writable context also reaches: gone through the writable one, said so, exit 0 (it said "skipped", exit 3)', async () => {
    live.put('secrets', bootstrapSecret('vvvvvv', SECRET, { expiration: '2099-01-01T00:00:00Z', 'usage-bootstrap-authentication': 'true' }));
    const viewEnv = { ...env, XDG_CONFIG_HOME: join(home, 'config-view') };
    (await openContextsStore({ env: viewEnv, home })).save({ name: 'prod-a-view', adapter: 'kubeadm', kubeContext: 'prod-a', readonly: true });
    const before = deletes(live).length;
    const result = await sweep(['--contexts', 'prod-a-view,prod-a', '--confirm', 'vvvvvv'], `vvvvvv.${SECRET}\n`, viewEnv);
    expect(result.stdout).toMatch(/prod-a-view\s+revoked\s+verified gone: the same token as in prod-a, revoked there/);
    expect(result.stdout).toMatch(/^prod-a\s+revoked\s+verified gone/m);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(deletes(live).length - before).toBe(1);
    // Read-only and alone on its cluster, a view is still skipped (exit 3), and nothing is deleted.
    live.put('secrets', bootstrapSecret('wwwwww', SECRET, { expiration: '2099-01-01T00:00:00Z', 'usage-bootstrap-authentication': 'true' }));
    const alone = await sweep(['--contexts', 'prod-a-view', '--confirm', 'wwwwww'], `wwwwww.${SECRET}\n`, viewEnv);
    expect(alone.stdout).toMatch(/prod-a-view\s+skipped\s+read-only context: nothing was revoked there/);
    expect(alone.code).toBe(3);
    expect(deletes(live).length - before).toBe(1);
  });

  it('-o name prints where it was revoked, CONTEXT/token/ID a line', async () => {
    live.put('secrets', bootstrapSecret('nnnnnn', SECRET, { expiration: '2099-01-01T00:00:00Z', 'usage-bootstrap-signing': 'true' }));
    const result = await sweep(['--confirm', 'nnnnnn', '-o', 'name'], `nnnnnn.${SECRET}`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('prod-a/token/nnnnnn\n');
  });

  it('the remembered context\'s read-only flag stays its own: the sweep revokes in the others (it refused everything as "read-only mode")', async () => {
    const store = await openContextsStore({ env, home });
    store.save({ name: 'lab-ro', adapter: 'rest', server: 'http://127.0.0.1:9', apiKey: { env: 'UNUSED_KEY' }, readonly: true });
    store.setCurrentContext('lab-ro');
    try {
      live.put('secrets', bootstrapSecret('rrrrrr', SECRET, { expiration: '2099-01-01T00:00:00Z', 'usage-bootstrap-signing': 'true' }));
      const before = deletes(live).length;
      const result = await sweep(['--contexts', 'prod-a,prod-b', '--confirm', 'rrrrrr'], `rrrrrr.${SECRET}`);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/prod-a\s+revoked\s+verified gone/);
      expect(deletes(live)).toHaveLength(before + 1);
      // --readonly itself still holds for every context.
      live.put('secrets', bootstrapSecret('ssssss', SECRET, { expiration: '2099-01-01T00:00:00Z', 'usage-bootstrap-signing': 'true' }));
      const { io, captured } = capturingCliIo({ env });
      const code = await main(['--readonly', 'revoke', '--everywhere', '--contexts', 'prod-a,prod-b', '--confirm', 'ssssss'], { ...io, readStdin: async () => `ssssss.${SECRET}` });
      expect(code).toBe(3);
      expect(captured().stderr).toContain('read-only mode');
      expect(deletes(live)).toHaveLength(before + 1);
    } finally {
      store.setCurrentContext(undefined);
      store.remove('lab-ro');
    }
  });
});
