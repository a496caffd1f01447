// Issue 7 "must show", bootstrap-token half, against the real control plane
// (scripts/k8s/with-cluster.sh). It is a plain kube-apiserver 1.20.2, not k3s, so:
// - detection (no --adapter) must say kubeadm, and `--adapter k3s` forces k3s;
// - it has no /cacerts (anonymous GET /cacerts is 403), so the K10 hash falls back to the
//   kubeconfig CA; that bundle is serving cert + CA, so the hash is the CA's DER fingerprint.
// The CLI runs in-process (src/cli/main.ts) with a private HOME for the audit journal.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openTargetAdapter } from '../../src/cli/target.ts';
import { systemClock } from '../../src/core/clock.ts';
import { runTokentui } from '../cli/harness.ts';
import { adminFetch, bearerStatus, clusterFetch, realCluster, waitFor } from '../support/real-cluster.ts';

const home = mkdtempSync(join(tmpdir(), 'tokentui-k3s-real-'));
const env = () => ({ HOME: home, XDG_STATE_HOME: join(home, 'state') });
const k3s = (...args: string[]) => runTokentui([...args, '--adapter', 'k3s', '--kubeconfig', realCluster().kubeconfig], { env: env() });
const secretPath = (id: string) => `/api/v1/namespaces/kube-system/secrets/bootstrap-token-${id}`;
const createdIds: string[] = [];

afterAll(async () => {
  for (const id of createdIds) await adminFetch(secretPath(id), { method: 'DELETE' });
});

/** The DER fingerprint of the CA (the bundle's second certificate), computed by openssl alone. */
async function caFingerprint(): Promise<string> {
  const script = `awk '/BEGIN/{n++} n==2' "${realCluster().caFile}" | openssl x509 -outform DER | sha256sum`;
  return (await promisify(execFile)('sh', ['-c', script])).stdout.split(' ')[0]!;
}

describe('k3s adapter on the real control plane (forced)', () => {
  it('detects kubeadm without --adapter: /version reports a plain v1.20.2', async () => {
    const adapter = await openTargetAdapter({ readonly: false, demo: false, noColor: false, kubeconfig: realCluster().kubeconfig }, { env: env(), cwd: '/' }, systemClock);
    expect(adapter.id).toBe('kubeadm');
    await adapter.close?.();
    const version = (await (await clusterFetch('/version')).json()) as { gitVersion: string };
    expect(version.gitVersion).toBe('v1.20.2');
  });

  it('creates with k3s defaults, prints the K10 form, and the token authenticates (bearer 200)', async () => {
    const created = await k3s('create', '--description', 'k3s real', '-o', 'json');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const output = JSON.parse(created.stdout) as { id: string; token: string; groups: string[]; usages: string[]; expiresAt: string };
    createdIds.push(output.id);
    const [, hash, idAndSecret] = /^K10([0-9a-f]{64})::([a-z0-9]{6}\.[a-z0-9]{16})$/.exec(output.token) ?? [];
    expect(hash).toBe(await caFingerprint());
    expect(idAndSecret?.startsWith(`${output.id}.`)).toBe(true);
    expect(output.groups).toEqual(['system:bootstrappers:k3s:default-node-token']);
    expect(output.usages).toEqual(['authentication', 'signing']);
    expect(Math.abs(Date.parse(output.expiresAt) - (Date.now() + 86_400_000))).toBeLessThan(60_000);

    const secret = (await (await adminFetch(secretPath(output.id))).json()) as { data: Record<string, string> };
    expect(Buffer.from(secret.data['auth-extra-groups']!, 'base64').toString()).toBe('system:bootstrappers:k3s:default-node-token');
    await waitFor(async () => (await bearerStatus(idAndSecret!)) === 200, { description: 'the k3s-created token authenticates' });
  });

  it('lists the token with its k3s group, previews a k3s impact, and revokes it (then 401)', async () => {
    const created = JSON.parse((await k3s('create', '--ttl', '1h', '-o', 'json')).stdout) as { id: string; token: string };
    createdIds.push(created.id);
    const bearer = created.token.slice(created.token.indexOf('::') + 2);
    await waitFor(async () => (await bearerStatus(bearer)) === 200);

    const listed = JSON.parse((await k3s('list', '-o', 'json')).stdout) as { id: string; groups: string[] }[];
    expect(listed.find((token) => token.id === created.id)?.groups).toEqual(['system:bootstrappers:k3s:default-node-token']);

    const impact = await k3s('impact', created.id, '-o', 'json');
    expect(impact.code).toBe(0);
    expect(impact.stdout).toMatch(/k3s agents create no CSRs/);

    const refused = await k3s('revoke', created.id);
    expect(refused.code).toBe(3);
    expect((await adminFetch(secretPath(created.id))).status).toBe(200);

    const revoked = await k3s('revoke', created.id, '--confirm', created.id);
    expect(revoked.stderr).toBe('');
    expect(revoked.code).toBe(0);
    expect((await adminFetch(secretPath(created.id))).status).toBe(404);
    // kube-apiserver caches a successful token authentication for 10 s.
    await waitFor(async () => (await bearerStatus(bearer)) === 401, { timeoutMs: 20_000, description: 'the revoked token is refused' });
  });

  it('--print-join-command: both k3s forms, flagging the kubeconfig CA fallback', async () => {
    const created = await k3s('create', '--ttl', '10m', '--print-join-command');
    expect(created.code).toBe(0);
    const [install, agent, ...notes] = created.stdout.trimEnd().split('\n');
    const token = /K3S_TOKEN=(\S+)/.exec(install ?? '')?.[1] ?? '';
    createdIds.push(token.slice(token.indexOf('::') + 2, token.indexOf('::') + 8));
    expect(install).toBe(`curl -sfL https://get.k3s.io | K3S_URL=${realCluster().server} K3S_TOKEN=${token} sh -s - agent`);
    expect(agent).toBe(`# where k3s is already installed: k3s agent --server ${realCluster().server} --token ${token}`);
    expect(notes.join('\n')).toMatch(/\/cacerts: HTTP 403: the server does not serve the k3s \/cacerts endpoint; the CA hash was computed from the kubeconfig/);
  });
});
