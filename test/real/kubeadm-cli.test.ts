// Issue 2 "must show", against the real control plane (scripts/k8s/with-cluster.sh).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminFetch, bearerStatus, clusterInfoSigned, kubeadm, realCluster, waitFor } from '../support/real-cluster.ts';
import { parseJsonStream, runCli as runCliAs } from '../support/run-cli.ts';

const kubeconfig = () => realCluster().kubeconfig;
// Mutations append to the audit journal: keep it out of the runner's home.
const stateHome = mkdtempSync(join(tmpdir(), 'tokentui-state-'));
const runCli = (args: readonly string[]) => runCliAs(args, { XDG_STATE_HOME: stateHome });

interface ListedToken {
  id: string;
  description: string;
  expiresAt: string | null;
  ttlSeconds: number | null;
  status: string;
  usages: string[];
  groups: string[];
}

async function tokentuiList(): Promise<ListedToken[]> {
  const result = await runCli(['list', '-o', 'json', '--kubeconfig', kubeconfig()]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as ListedToken[];
}

async function deleteSecret(id: string): Promise<void> {
  const response = await adminFetch(`/api/v1/namespaces/kube-system/secrets/bootstrap-token-${id}`, { method: 'DELETE' });
  expect([200, 404]).toContain(response.status);
}

describe('tokentui against the real control plane', () => {
  beforeAll(() => {
    realCluster(); // fails clearly when not run through with-cluster.sh
  });

  it('creates a token that really authenticates, and stops working once its Secret is gone', async () => {
    const created = await runCli(['create', '--ttl', '10m', '--description', 'e2e auth', '-o', 'json', '--kubeconfig', kubeconfig()]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const { id, token } = JSON.parse(created.stdout) as { id: string; token: string };
    expect(token).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}$/);
    expect(token.startsWith(`${id}.`)).toBe(true);
    await waitFor(async () => (await bearerStatus(token)) === 200, { timeoutMs: 10_000 });
    await deleteSecret(id);
    // The 1.20 apiserver caches successful token authentications for 10 s.
    await waitFor(async () => (await bearerStatus(token)) === 401, { timeoutMs: 30_000, intervalMs: 500 });
  });

  it('lists what the real kubeadm lists for tokens kubeadm created', async () => {
    const made = [
      await kubeadm(['token', 'create', '--ttl', '2h', '--description', 'with ttl']),
      await kubeadm(['token', 'create', '--ttl', '0', '--description', 'never expires']),
      await kubeadm(['token', 'create', '--ttl', '30h', '--groups', 'system:bootstrappers:kubeadm:default-node-token,system:bootstrappers:e2e:extra', '--usages', 'authentication']),
    ];
    const ids = made.map((result) => {
      expect(result.code).toBe(0);
      return result.stdout.trim().split('.')[0]!;
    });
    const reference = parseJsonStream((await kubeadm(['token', 'list', '-o', 'json'])).stdout) as {
      token: string; description?: string; expires?: string; usages?: string[]; groups?: string[];
    }[];
    const ours = await tokentuiList();
    for (const id of ids) {
      const theirs = reference.find((entry) => entry.token.startsWith(`${id}.`));
      const mine = ours.find((entry) => entry.id === id);
      expect(theirs, `kubeadm lists ${id}`).toBeDefined();
      expect(mine, `tokentui lists ${id}`).toBeDefined();
      expect(mine!.description).toBe(theirs!.description ?? '');
      expect(mine!.expiresAt).toBe(theirs!.expires ?? null);
      expect(mine!.usages).toEqual(theirs!.usages ?? []);
      expect(mine!.groups).toEqual(theirs!.groups ?? []);
      expect(mine!.status).toBe('active');
    }
    // No secret in our output, ever.
    const listed = JSON.stringify(ours);
    for (const entry of reference) expect(listed).not.toContain(entry.token.split('.')[1]);
  });

  it('prints the same TTL text as kubeadm token list for the same instant', async () => {
    const ttlColumn = (table: string, id: string) => {
      const line = table.split('\n').find((row) => row.startsWith(id));
      expect(line, `row for ${id}`).toBeDefined();
      return line!.split(/\s+/)[1];
    };
    const id = (await kubeadm(['token', 'create', '--ttl', '3h'])).stdout.trim().split('.')[0]!;
    const never = (await kubeadm(['token', 'create', '--ttl', '0'])).stdout.trim().split('.')[0]!;
    const [ours, theirs] = await Promise.all([
      runCli(['list', '--kubeconfig', kubeconfig()]),
      kubeadm(['token', 'list']),
    ]);
    expect(ours.code).toBe(0);
    expect(ours.stdout.split('\n')[0]).toMatch(/^TOKEN\s+TTL\s+EXPIRES\s+USAGES\s+DESCRIPTION\s+EXTRA GROUPS/);
    expect(ttlColumn(ours.stdout, id)).toBe(ttlColumn(theirs.stdout, id));
    expect(ttlColumn(ours.stdout, never)).toBe(ttlColumn(theirs.stdout, never));
  });

  it('gets a signing token its cluster-info signature, and prints a join command pinned to the real CA', async () => {
    const created = await runCli(['create', '--ttl', '1h', '--print-join-command', '--kubeconfig', kubeconfig()]);
    // The target it acted on goes to stderr (stdout stays the join command alone).
    expect(created.stderr).toMatch(/^Target: context \S+ \(kubeadm, https:\/\/[^)]+\)\n$/);
    expect(created.code).toBe(0);
    const command = created.stdout.trim();
    const match = /^kubeadm join (\S+) --token ([a-z0-9]{6})\.([a-z0-9]{16})((?: --discovery-token-ca-cert-hash sha256:[0-9a-f]{64})+)$/.exec(command);
    expect(match, command).not.toBeNull();
    const [, endpoint, id, , hashFlags] = match!;
    expect(`https://${endpoint}`).toBe(realCluster().server);
    // One pin per certificate in the CA bundle, each = sha256 of the DER SubjectPublicKeyInfo.
    const pems = realCluster().ca.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    expect(pems.length).toBeGreaterThan(0);
    const expected = pems.map((pem) => {
      const pubkey = execFileSync('openssl', ['x509', '-pubkey', '-noout'], { input: pem });
      const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'der'], { input: pubkey });
      return `sha256:${execFileSync('sha256sum', { input: der }).toString().split(' ')[0]}`;
    });
    const hashes = hashFlags!.trim().split(/\s+/).filter((part) => part.startsWith('sha256:'));
    expect(hashes).toEqual(expected);
    // The real kubeadm pins the same hashes for the same cluster.
    const reference = await kubeadm(['token', 'create', '--ttl', '10m', '--print-join-command']);
    expect(reference.stdout.match(/sha256:[0-9a-f]{64}/g)).toEqual(expected);
    await waitFor(() => clusterInfoSigned(id!), { timeoutMs: 15_000 });
  });

  it('names the missing permission for a user without RBAC rights (exit 1)', async () => {
    const result = await runCli(['list', '--kubeconfig', realCluster().nobodyKubeconfig]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot list resource "secrets"/);
    expect(result.stderr).toMatch(/kube-system/);
    const create = await runCli(['create', '--kubeconfig', realCluster().readerKubeconfig]);
    expect(create.code).toBe(1);
    expect(create.stderr).toMatch(/cannot create resource "secrets"/);
  });

  it('exits 2 for an unknown --context and lists the known ones', async () => {
    const result = await runCli(['list', '--kubeconfig', kubeconfig(), '--context', 'no-such-context']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no-such-context');
    expect(result.stderr).toContain('admin@tokentui');
  });
});
