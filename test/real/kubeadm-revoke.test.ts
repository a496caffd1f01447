// Issue 4 "must show", revoke half, against the real control plane (scripts/k8s/with-cluster.sh;
// run `node scripts/build.mjs` first: the CLI is spawned from dist/cli.js):
// - `tokentui revoke ID` without --confirm exits 3 and the Secret still exists (the real kubeadm
//   lists it); with --confirm ID it exits 0, the Secret is gone, the token gets 401, and the
//   bootstrapsigner removes the cluster-info `jws-kubeconfig-<id>` key;
// - a token re-created with the same id between preview and revoke is not deleted, at adapter
//   level ('conflict') and on the command line (exit 3, and the user is told why).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenAdapter } from '../../src/adapters/contract.ts';
import { fingerprintToRevision } from '../../src/core/fingerprint.ts';
import { createKubeadmAdapter } from '../../src/adapters/kubeadm/index.ts';
import { waitForSignatureRemoval } from '../../src/adapters/kubeadm/verify-revoked.ts';
import { runRevoke } from '../../src/cli/commands/revoke.ts';
import { loadKubeconfig } from '../../src/kube/kubeconfig.ts';
import { resolveKubeConnection } from '../../src/kube/kubeconfig-resolve.ts';
import type { AuditRecord } from '../../src/core/audit.ts';
import { systemClock } from '../../src/core/clock.ts';
import { createKubeClient, type KubeClient } from '../../src/kube/client.ts';
import { runCommandWith, tempStateHome } from '../cli/command-harness.ts';
import { adminFetch, bearerStatus, clusterInfoSigned, kubeadm, realCluster, waitFor } from '../support/real-cluster.ts';
import { parseJsonStream, runCli } from '../support/run-cli.ts';

const SECRETS = '/api/v1/namespaces/kube-system/secrets';
let state: ReturnType<typeof tempStateHome>;
const createdIds: string[] = [];
const clients: KubeClient[] = [];

const kubeconfig = () => realCluster().kubeconfig;
const tokentui = (...args: string[]) => runCli([...args, '--kubeconfig', kubeconfig()], { XDG_STATE_HOME: state.path });

function adminClient(): KubeClient {
  const client = createKubeClient(resolveKubeConnection(loadKubeconfig([kubeconfig()])), { source: 'kubeadm' });
  clients.push(client);
  return client;
}

function adminAdapter(): TokenAdapter {
  return createKubeadmAdapter({ adapter: 'kubeadm', kube: resolveKubeConnection(loadKubeconfig([kubeconfig()])) }, { clock: systemClock });
}

/** `kubeadm token create` (usages signing,authentication by default); returns the full token. */
async function kubeadmToken(description: string): Promise<{ id: string; token: string }> {
  const created = await kubeadm(['token', 'create', '--ttl', '1h', '--usages', 'signing,authentication', '--description', description]);
  expect(created.code).toBe(0);
  const token = created.stdout.trim();
  const id = token.split('.')[0]!;
  createdIds.push(id);
  return { id, token };
}

async function kubeadmListsToken(id: string): Promise<boolean> {
  const listed = await kubeadm(['token', 'list', '-o', 'json']);
  expect(listed.code).toBe(0);
  return (parseJsonStream(listed.stdout) as { token: string }[]).some((entry) => entry.token.startsWith(`${id}.`));
}


/** Deletes the token Secret through the admin API and creates it again with the same id and secret. */
async function recreateSecret(id: string): Promise<string> {
  const path = `${SECRETS}/bootstrap-token-${id}`;
  const old = (await (await adminFetch(path)).json()) as { data: Record<string, string>; type: string };
  expect((await adminFetch(path, { method: 'DELETE' })).status).toBe(200);
  const body = { apiVersion: 'v1', kind: 'Secret', metadata: { name: `bootstrap-token-${id}`, namespace: 'kube-system' }, type: old.type, data: old.data };
  const created = await adminFetch(SECRETS, { method: 'POST', body: JSON.stringify(body) });
  expect(created.status).toBe(201);
  return ((await created.json()) as { metadata: { uid: string } }).metadata.uid;
}

async function secretUid(id: string): Promise<string | null> {
  const response = await adminFetch(`${SECRETS}/bootstrap-token-${id}`);
  if (response.status === 404) return null;
  return ((await response.json()) as { metadata: { uid: string } }).metadata.uid;
}

beforeAll(() => {
  realCluster();
  state = tempStateHome();
});

afterAll(async () => {
  for (const id of createdIds) await adminFetch(`${SECRETS}/bootstrap-token-${id}`, { method: 'DELETE' }).catch(() => undefined);
  await Promise.all(clients.map((client) => client.close()));
  state.remove();
});

describe('tokentui revoke against the real control plane', () => {
  it('refuses without --confirm (exit 3, Secret kept); revokes with it (exit 0, 401, signature gone)', async () => {
    const { id, token } = await kubeadmToken('e2e revoke');
    await waitFor(async () => (await bearerStatus(token)) === 200, { timeoutMs: 10_000, description: 'the new token authenticates' });
    await waitFor(() => clusterInfoSigned(id), { timeoutMs: 30_000, intervalMs: 250, description: `jws-kubeconfig-${id} signed` });

    const refused = await tokentui('revoke', id);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toMatch(new RegExp(`^Target: context \\S+ \\(kubeadm, https:[^)]+\\)\\nImpact of revoking token ${id}: (LOW|HIGH)\\n`));
    expect(refused.stdout).toContain(`kube-public/cluster-info jws-kubeconfig-${id}`);
    expect(refused.stderr).toBe(`tokentui: nothing was revoked: pass --confirm ${id} to revoke\n`);
    expect(await kubeadmListsToken(id)).toBe(true);

    const started = performance.now();
    const revoked = await tokentui('revoke', id, '--confirm', id);
    const revokeMs = performance.now() - started;
    expect(revoked.stderr).toBe('');
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`Revoked token ${id}. Verified: it no longer exists.`);
    expect(await kubeadmListsToken(id)).toBe(false);
    // The 1.20 apiserver caches successful token authentications for 10 s.
    await waitFor(async () => (await bearerStatus(token)) === 401, { timeoutMs: 30_000, intervalMs: 500, description: 'the revoked token gets 401' });
    const removal = await waitForSignatureRemoval(adminClient(), id, systemClock, { timeoutMs: 30_000 });
    expect(removal).toMatchObject({ removed: true });
    console.info(`tokentui revoke --confirm (spawned, preview + DELETE + verify): ${revokeMs.toFixed(0)} ms; signature gone after ${removal.checks} check(s)`);
    expect(await clusterInfoSigned(id)).toBe(false);

    const journal = readFileSync(state.journal, 'utf8');
    expect(journal).not.toContain(token.split('.')[1]);
    const records = journal.trimEnd().split('\n').map((line) => JSON.parse(line) as AuditRecord).filter((record) => record.tokenId === id);
    expect(records.map((record) => [record.action, record.outcome, record.confirmation])).toEqual([
      ['revoke', 'refused', undefined],
      ['revoke', 'success', 'flag'],
    ]);
  });

  it('adapter: a Secret re-created with the same id after the preview is not deleted (conflict)', async () => {
    const { id } = await kubeadmToken('e2e precondition');
    const adapter = adminAdapter();
    try {
      const preview = await adapter.impact!(id);
      const expected = fingerprintToRevision(preview.fingerprint);
      expect(expected).not.toBeNull();
      const newUid = await recreateSecret(id);
      expect(newUid).not.toBe(expected!.uid);
      await expect(adapter.revoke!(id, expected!)).rejects.toMatchObject({ kind: 'conflict' });
      expect(await secretUid(id)).toBe(newUid);
    } finally {
      await adapter.close?.();
    }
  });

  it('command line: the same race exits 3, says why, and the new Secret stays', async () => {
    const { id } = await kubeadmToken('e2e precondition cli');
    const adapter = adminAdapter();
    let newUid = '';
    const racing: TokenAdapter = {
      ...adapter,
      revoke: async (tokenId, expected) => {
        newUid = await recreateSecret(tokenId);
        return adapter.revoke!(tokenId, expected);
      },
    };
    const result = await runCommandWith(['revoke', id, '--confirm', id], runRevoke, async () => racing, {
      env: { XDG_STATE_HOME: state.path },
      clock: systemClock,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      `tokentui: token ${id} changed since the preview (re-created or modified); nothing was revoked — run the command again to see the new preview\n`,
    );
    expect(await secretUid(id)).toBe(newUid);
    expect(await kubeadmListsToken(id)).toBe(true);
  });
});

describe('tokentui revoke ID ID ID against the real control plane', () => {
  it('no DELETE without --confirm for every id (the real kubeadm still lists all three); with it, all three get 401', async () => {
    const tokens = [await kubeadmToken('e2e batch 1'), await kubeadmToken('e2e batch 2'), await kubeadmToken('e2e batch 3')];
    const ids = tokens.map((token) => token.id);
    for (const token of tokens) await waitFor(async () => (await bearerStatus(token.token)) === 200, { timeoutMs: 10_000, description: `${token.id} authenticates` });
    const refused = await tokentui('revoke', ...ids, '--confirm', `${ids[0]},${ids[1]}`);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toMatch(/^Target: context \S+ \(kubeadm, https:[^)]+\)\nCombined impact of revoking 3 tokens: /);
    expect(refused.stderr).toBe(`tokentui: nothing was revoked: --confirm does not name ${ids[2]}; pass --confirm ${ids.join(',')} (every id) or --confirm-all 3\n`);
    for (const id of ids) expect(await kubeadmListsToken(id)).toBe(true);

    const result = await tokentui('revoke', ...ids, '--confirm-all', '3', '-o', 'json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ outcome: 'revoked', revoked: ids, notRevoked: [] });
    for (const id of ids) expect(await kubeadmListsToken(id)).toBe(false);
    for (const token of tokens) {
      await waitFor(async () => (await bearerStatus(token.token)) === 401, { timeoutMs: 30_000, intervalMs: 500, description: `${token.id} gets 401` });
    }
  });
});

