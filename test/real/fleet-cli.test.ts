// Issue 18 "must show", command line, on the real fleet: three real control planes (own etcd,
// apiserver, controller-manager each) and the reference REST server, all four as contexts
// (scripts/k8s/with-clusters.sh 3; npm run test:fleet).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiserver, bearerStatus, bootstrapSecretNames, fleetCli, fleetEnv, fleetKubeadm, fleetStateHome, realFleet } from '../support/real-fleet.ts';
import { cliPath } from '../support/run-cli.ts';

interface FleetToken {
  context: string;
  id: string;
  description: string;
}

const made = new Map<string, string>(); // context -> token id made there
let restSecret = '';

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

interface FindJson {
  token: { id: string | null };
  contexts: { context: string; result: string; live: boolean; sameTokenAs?: string }[];
  errors: { context: string; reason: string }[];
}

async function listAll(extra: readonly string[] = []): Promise<{ code: number; stderr: string; tokens: FleetToken[]; ms: number }> {
  const started = Date.now();
  const result = await fleetCli(['list', '-A', '-o', 'json', ...extra]);
  return { code: result.code, stderr: result.stderr, tokens: JSON.parse(result.stdout || '[]') as FleetToken[], ms: Date.now() - started };
}

beforeAll(async () => {
  const fleet = realFleet();
  for (const [index, cluster] of fleet.clusters.entries()) {
    const created = await fleetKubeadm(index, ['token', 'create', '--ttl', '2h', '--description', `made in ${cluster.context}`]);
    expect(created.code, created.stderr).toBe(0);
    made.set(cluster.context, created.stdout.trim().split('.')[0]!);
  }
  const rest = await fleetCli(['create', '--context', fleet.restContext, '--ttl', '2h', '--description', 'made in rest', '-o', 'json']);
  expect(rest.code, rest.stderr).toBe(0);
  const created = JSON.parse(rest.stdout) as { id: string; token: string; secret?: string };
  made.set(fleet.restContext, created.id);
  restSecret = created.secret ?? created.token;
});

afterAll(async () => {
  // Whatever a test stopped is running again for the next file.
  for (const index of realFleet().clusters.keys()) await apiserver(index, 'start');
});

describe('the fleet on the command line: three real control planes and the REST server', () => {
  it('returns every token of every backend with its context (exit 0, nothing on stderr)', async () => {
    const { code, stderr, tokens } = await listAll();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(made.size).toBe(4);
    for (const [context, id] of made) {
      const found = tokens.filter((token) => token.id === id);
      expect(found.map((token) => token.context), `${id} is listed once, in ${context}`).toEqual([context]);
    }
    expect(new Set(tokens.map((token) => token.context))).toEqual(new Set(made.keys()));
  });

  it('find locates a token the real kubeadm created, from its id.secret on stdin, and says "not live" for a wrong secret', async () => {
    const created = await fleetKubeadm(2, ['token', 'create', '--ttl', '1h', '--description', 'leaked in fleet-3']);
    expect(created.code, created.stderr).toBe(0);
    const full = created.stdout.trim();
    const [id, secret] = full.split('.') as [string, string];
    const found = await fleetCli(['find', '-o', 'json'], `${full}\n`);
    expect(found.stderr).toBe('');
    expect(found.code).toBe(0);
    const json = JSON.parse(found.stdout) as FindJson;
    expect(json.token.id).toBe(id);
    expect(json.contexts.filter((entry) => entry.live).map((entry) => entry.context)).toEqual(['fleet-3']);
    expect(json.contexts).toHaveLength(4);
    expect(found.stdout).not.toContain(secret);
    const wrongSecret = secret.replace(/^./, (first) => (first === 'a' ? 'b' : 'a'));
    const wrong = await fleetCli(['find'], `${id}.${wrongSecret}`);
    expect(wrong.code).toBe(4);
    expect(wrong.stdout).toMatch(/fleet-3\s+not live\s+kubeadm/);
    expect(wrong.stdout).toContain('Live in no context that answered.');
    expect(wrong.stdout + wrong.stderr).not.toContain(wrongSecret);
  });

  it('find checks the REST secret through the real reference server', async () => {
    const found = await fleetCli(['find', '-o', 'json'], restSecret);
    expect(found.code, found.stderr).toBe(0);
    expect((JSON.parse(found.stdout) as FindJson).contexts.filter((entry) => entry.live).map((entry) => entry.context)).toEqual(['fleet-rest']);
  });

  it('revoke --everywhere: nothing deleted anywhere without --confirm; with it, gone (401) where it was live, the others untouched', async () => {
    const created = await fleetKubeadm(0, ['token', 'create', '--ttl', '1h', '--description', 'sweep me']);
    expect(created.code, created.stderr).toBe(0);
    const full = created.stdout.trim();
    const id = full.split('.')[0]!;
    await waitFor(async () => (await bearerStatus(0, full)) === 200, 15_000);
    const before = await Promise.all(realFleet().clusters.map((_cluster, index) => bootstrapSecretNames(index)));
    const restIds = async () => (JSON.parse((await fleetCli(['list', '--context', 'fleet-rest', '-o', 'json'])).stdout) as { id: string }[]).map((token) => token.id).sort();
    const restBefore = await restIds();
    expect(restBefore.length).toBeGreaterThan(0);

    const refused = await fleetCli(['revoke', '--everywhere'], full);
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.stdout).toContain(`Token ${id} is live in 1 context: fleet-1`);
    expect(refused.stdout).toMatch(/fleet-1\s+refused/);
    expect(refused.stdout + refused.stderr).not.toContain(full);
    const afterRefusal = await Promise.all(realFleet().clusters.map((_cluster, index) => bootstrapSecretNames(index)));
    expect(afterRefusal).toEqual(before);
    expect(await restIds()).toEqual(restBefore);

    const swept = await fleetCli(['revoke', '--everywhere', '--confirm', id], full);
    expect(swept.stderr).toBe('');
    expect(swept.code).toBe(0);
    expect(swept.stdout).toMatch(/fleet-1\s+revoked\s+verified gone/);
    const after = await Promise.all(realFleet().clusters.map((_cluster, index) => bootstrapSecretNames(index)));
    expect(after[0]).toEqual(before[0]!.filter((name) => name !== `bootstrap-token-${id}`));
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(await restIds()).toEqual(restBefore);
    // The 1.20 apiserver caches a successful token authentication for 10 s.
    await waitFor(async () => (await bearerStatus(0, full)) === 401, 30_000);
  });

  it('revoke --everywhere with two contexts on one real cluster: one DELETE, both say the token is gone, exit 0', async () => {
    // A second kubeconfig naming fleet-2's cluster and user again (kubectl merges the two files).
    const dir = mkdtempSync(join(tmpdir(), 'tokentui-twins-'));
    const twins = join(dir, 'twins.kubeconfig');
    writeFileSync(twins, 'apiVersion: v1\nkind: Config\ncontexts:\n- name: fleet-2-again\n  context:\n    cluster: fleet-2\n    user: admin-2\n');
    const env = { ...fleetEnv(), KUBECONFIG: `${realFleet().kubeconfig}${delimiter}${twins}` };
    try {
      const created = await fleetKubeadm(1, ['token', 'create', '--ttl', '1h', '--description', 'two contexts, one cluster']);
      expect(created.code, created.stderr).toBe(0);
      const full = created.stdout.trim();
      const id = full.split('.')[0]!;
      const found = JSON.parse((await fleetCli(['find', '-o', 'json'], full, env)).stdout) as FindJson;
      expect(found.contexts.filter((entry) => entry.live).map((entry) => entry.context).sort()).toEqual(['fleet-2', 'fleet-2-again']);
      expect(found.contexts.find((entry) => entry.context === 'fleet-2-again')).toMatchObject({ live: true, sameTokenAs: 'fleet-2' });
      const swept = await fleetCli(['revoke', '--everywhere', '--confirm', id], full, env);
      expect(swept.stderr).toBe('');
      expect(swept.code).toBe(0);
      expect(swept.stdout).toContain('fleet-2, fleet-2-again see the same token (one cluster or store): it is revoked once, and counted once');
      const rows = swept.stdout.split('\n').filter((line) => /^fleet-2(-again)?\s+revoked\s+verified gone/.test(line));
      expect(rows).toHaveLength(2);
      expect(rows.filter((line) => line.includes('the same token as in'))).toHaveLength(1);
      expect(await bootstrapSecretNames(1)).not.toContain(`bootstrap-token-${id}`);
      // One revoke in the audit journal: the twin sent none.
      const journal = readFileSync(join(fleetStateHome(), 'tokentui', 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { tokenId?: string; action: string; outcome: string });
      expect(journal.filter((record) => record.tokenId === id && record.action === 'revoke' && record.outcome === 'success')).toHaveLength(1);
      await waitFor(async () => (await bearerStatus(1, full)) === 401, 30_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('list -A -w: every context listed, then a token the real kubeadm creates in one cluster arrives as "added" with its context; Ctrl-C ends it (exit 0)', async () => {
    const child = spawn(process.execPath, [cliPath, 'list', '-A', '-w', '-o', 'json', '--watch-timeout', '60s'], { env: fleetEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const events = () => stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { event: string; token: FleetToken });
    await waitFor(async () => events().some((event) => event.event === 'listed'), 20_000);
    // The list is printed at once, every context's tokens (made here) among them.
    for (const [context, id] of made) expect(events().some((event) => event.event === 'listed' && event.token.context === context && event.token.id === id), `${context}/${id}`).toBe(true);
    const created = await fleetKubeadm(1, ['token', 'create', '--ttl', '1h', '--description', 'watched in fleet-2']);
    expect(created.code, created.stderr).toBe(0);
    const id = created.stdout.trim().split('.')[0]!;
    await waitFor(async () => events().some((event) => event.event === 'added' && event.token.id === id), 20_000);
    expect(events().filter((event) => event.event !== 'listed').map((event) => `${event.event} ${event.token.context}/${event.token.id}`)).toEqual([`added fleet-2/${id}`]);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  }, 60_000);

  it('with one apiserver stopped, that context costs one "unreachable" line within the deadline and the others are listed (exit 1)', async () => {
    const stopped = realFleet().clusters[1]!;
    const stop = await apiserver(1, 'stop');
    expect(stop.code, stop.stderr).toBe(0);
    try {
      const { code, stderr, tokens, ms } = await listAll(['--context-timeout', '5s']);
      expect(code).toBe(1);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^tokentui: context "${stopped.context}": unreachable: `));
      expect(tokens.some((token) => token.context === stopped.context)).toBe(false);
      for (const [context, id] of made) {
        if (context === stopped.context) continue;
        expect(tokens.some((token) => token.context === context && token.id === id), `${context} still listed`).toBe(true);
      }
      // Within the deadline (5 s), plus process start-up on a loaded machine.
      expect(ms).toBeLessThan(5_000 + 4_000);
    } finally {
      const start = await apiserver(1, 'start');
      expect(start.code, start.stderr).toBe(0);
    }
  });
});
