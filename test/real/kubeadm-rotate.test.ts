// Issue 5 "must show", rotate half, against the real control plane (scripts/k8s/with-cluster.sh;
// run `node scripts/build.mjs` first: the CLI is spawned from dist/cli.js):
// `tokentui rotate ID --confirm ID -o json` -> the new token authenticates (bearer GET /api 200),
// the old one gets 401, the old cluster-info signature is gone and the new one present, and the
// real `kubeadm token list` shows the replacement with the old token's description, usages and
// groups. Without --confirm: exit 3, the replacement exists and the old token is untouched.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RotateJson } from '../../src/cli/commands/rotate-report.ts';
import type { AuditRecord } from '../../src/core/audit.ts';
import { tempStateHome } from '../cli/command-harness.ts';
import { adminFetch, bearerStatus, clusterInfoSigned, kubeadm, realCluster, waitFor } from '../support/real-cluster.ts';
import { parseJsonStream, runCli } from '../support/run-cli.ts';

const SECRETS = '/api/v1/namespaces/kube-system/secrets';
const GROUPS = 'system:bootstrappers:kubeadm:default-node-token,system:bootstrappers:e2e-rotate';
let state: ReturnType<typeof tempStateHome>;
const createdIds: string[] = [];

const tokentui = (...args: string[]) => runCli([...args, '--kubeconfig', realCluster().kubeconfig], { XDG_STATE_HOME: state.path });

interface KubeadmListed {
  token: string;
  description?: string;
  usages?: string[];
  groups?: string[];
  expires?: string;
}

async function kubeadmList(): Promise<KubeadmListed[]> {
  const listed = await kubeadm(['token', 'list', '-o', 'json']);
  expect(listed.code).toBe(0);
  return parseJsonStream(listed.stdout) as KubeadmListed[];
}

async function kubeadmToken(description: string): Promise<{ id: string; token: string }> {
  const created = await kubeadm(['token', 'create', '--ttl', '1h', '--usages', 'signing,authentication', '--groups', GROUPS, '--description', description]);
  expect(created.code).toBe(0);
  const token = created.stdout.trim();
  const id = token.split('.')[0]!;
  createdIds.push(id);
  return { id, token };
}


async function readyOldToken(description: string): Promise<{ id: string; token: string }> {
  const old = await kubeadmToken(description);
  await waitFor(async () => (await bearerStatus(old.token)) === 200, { timeoutMs: 10_000, description: 'the old token authenticates' });
  await waitFor(() => clusterInfoSigned(old.id), { timeoutMs: 30_000, intervalMs: 250, description: `jws-kubeconfig-${old.id} signed` });
  return old;
}

beforeAll(() => {
  realCluster();
  state = tempStateHome();
});

afterAll(async () => {
  for (const id of createdIds) await adminFetch(`${SECRETS}/bootstrap-token-${id}`, { method: 'DELETE' }).catch(() => undefined);
  state.remove();
});

describe('tokentui rotate against the real control plane', () => {
  it('--confirm ID -o json: the new token authenticates, the old gets 401, signatures follow', async () => {
    const old = await readyOldToken('e2e rotate');
    const started = performance.now();
    const result = await tokentui('rotate', old.id, '--confirm', old.id, '-o', 'json');
    const rotateMs = performance.now() - started;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as RotateJson;
    const replacement = json.replacement!;
    createdIds.push(replacement.id);
    expect(json).toMatchObject({ oldTokenId: old.id, newTokenId: replacement.id, outcome: 'rotated', revoked: true, verification: { tokenGone: true } });
    expect(json.checks?.verified).toEqual([`cluster-info signature jws-kubeconfig-${old.id} removed`]);
    expect(replacement.token).toMatch(new RegExp(`^${replacement.id}\\.[a-z0-9]{16}$`));
    expect(replacement.joinCommand).toMatch(new RegExp(`^kubeadm join \\S+ --token ${replacement.token}( --discovery-token-ca-cert-hash sha256:[0-9a-f]{64})+$`));

    expect(await bearerStatus(replacement.token)).toBe(200);
    // The 1.20 apiserver caches successful token authentications for 10 s.
    await waitFor(async () => (await bearerStatus(old.token)) === 401, { timeoutMs: 30_000, intervalMs: 500, description: 'the old token gets 401' });
    expect(await clusterInfoSigned(old.id)).toBe(false);
    await waitFor(() => clusterInfoSigned(replacement.id), { timeoutMs: 30_000, intervalMs: 250, description: `jws-kubeconfig-${replacement.id} signed` });
    console.info(`tokentui rotate --confirm (spawned: create + preview + DELETE + verify): ${rotateMs.toFixed(0)} ms`);

    const listed = await kubeadmList();
    expect(listed.some((entry) => entry.token.startsWith(`${old.id}.`))).toBe(false);
    const entry = listed.find((item) => item.token.startsWith(`${replacement.id}.`));
    expect(entry).toMatchObject({ description: 'e2e rotate', groups: GROUPS.split(',') });
    expect([...(entry?.usages ?? [])].sort()).toEqual(['authentication', 'signing']);
    // kubeadm's default TTL (24h), not the old token's remaining hour.
    expect(Date.parse(entry!.expires!) - Date.now()).toBeGreaterThan(23 * 3_600_000);

    const rotations = join(state.path, 'tokentui', 'rotations');
    expect(readdirSync(rotations)).toEqual([]);
    const journal = readFileSync(state.journal, 'utf8');
    expect(journal).not.toContain(replacement.token.split('.')[1]);
    const records = journal.trimEnd().split('\n').map((line) => JSON.parse(line) as AuditRecord);
    expect(records.filter((record) => [old.id, replacement.id].includes(record.tokenId)).map((record) => [record.action, record.tokenId, record.outcome])).toEqual([
      ['create', replacement.id, 'success'],
      ['rotate', old.id, 'success'],
    ]);
  });

  it('without --confirm: exit 3, the replacement authenticates, the old token is untouched', async () => {
    const old = await readyOldToken('e2e rotate refused');
    const result = await tokentui('rotate', old.id, '-o', 'json');
    expect(result.code).toBe(3);
    const json = JSON.parse(result.stdout) as RotateJson;
    createdIds.push(json.newTokenId!);
    expect(json).toMatchObject({ outcome: 'refused', revoked: false });
    expect(result.stderr).toBe(
      `tokentui: replacement ${json.newTokenId} created; old token ${old.id} NOT revoked: run \`tokentui rotate ${old.id} --confirm ${old.id}\` to revoke it with the same replacement, or \`tokentui rotate --abandon ${old.id}\` to give the rotation up\n`,
    );
    expect(await bearerStatus(json.replacement!.token)).toBe(200);
    expect(await bearerStatus(old.token)).toBe(200);
    expect(await clusterInfoSigned(old.id)).toBe(true);
    expect((await kubeadmList()).some((entry) => entry.token.startsWith(`${old.id}.`))).toBe(true);
  });

  it('rotate ID, then rotate ID --confirm ID: exactly one replacement on the apiserver, annotated with what it replaces', async () => {
    const old = await readyOldToken('e2e rotate twice');
    const bootstrapSecrets = async () => {
      const response = await adminFetch(`${SECRETS}?fieldSelector=type%3Dbootstrap.kubernetes.io%2Ftoken`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: { metadata: { name: string; annotations?: Record<string, string> } }[] }).items;
    };
    const before = (await bootstrapSecrets()).length;
    const first = await tokentui('rotate', old.id, '-o', 'json');
    expect(first.code).toBe(3);
    const stopped = JSON.parse(first.stdout) as RotateJson;
    createdIds.push(stopped.newTokenId!);
    const second = await tokentui('rotate', old.id, '--confirm', old.id, '-o', 'json');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ rotationId: stopped.rotationId, newTokenId: stopped.newTokenId, resumed: true, outcome: 'rotated' });
    expect(second.stderr).toContain(`resuming the rotation of ${old.id}`);
    // Counted through the apiserver's own LIST: one created, one revoked.
    const after = await bootstrapSecrets();
    expect(after).toHaveLength(before);
    expect(after.find((secret) => secret.metadata.name === `bootstrap-token-${stopped.newTokenId}`)?.metadata.annotations).toMatchObject({ 'tokentui/replaces': old.id });
    expect(after.some((secret) => secret.metadata.name === `bootstrap-token-${old.id}`)).toBe(false);
    // The replacement still authenticates: the annotation changes nothing for the authenticator.
    expect(await bearerStatus(stopped.replacement!.token)).toBe(200);
    const listed = JSON.parse((await tokentui('list', '-o', 'json')).stdout) as { id: string; replaces?: string }[];
    expect(listed.find((token) => token.id === stopped.newTokenId)).toMatchObject({ replaces: old.id });
  });
});
