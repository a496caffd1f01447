// Proves the real-cluster harness (scripts/k8s/up.sh + test/support/real-cluster.ts) works:
// real bootstrap-token auth, real bootstrapsigner, the kubeadm RBAC objects and the test users.
import { describe, expect, it } from 'vitest';
import { adminFetch, apiserver, bearerStatus, clusterFetch, clusterInfoSigned, kubeadm, realCluster, waitFor } from '../support/real-cluster.ts';

const TOKEN_RE = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;

interface ConfigMap {
  data?: Record<string, string>;
}

describe('real cluster harness', () => {
  it('is ready for the admin user', async () => {
    const res = await adminFetch('/readyz');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
  });

  it('rejects an unknown bearer token with 401', async () => {
    expect(await bearerStatus('abcdef.0123456789abcdef')).toBe(401);
  });

  it('authenticates and signs a kubeadm token, and stops both once it is deleted', async () => {
    const created = await kubeadm(['token', 'create', '--ttl', '10m']);
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim().split('\n').at(-1) ?? '';
    const match = TOKEN_RE.exec(token);
    expect(match, `kubeadm printed ${JSON.stringify(created.stdout)}`).not.toBeNull();
    const id = match?.[1] ?? '';

    await waitFor(async () => (await bearerStatus(token)) === 200, { timeoutMs: 10_000, description: 'token authenticates' });
    await waitFor(() => clusterInfoSigned(id), {
      timeoutMs: 10_000,
      description: `cluster-info gets jws-kubeconfig-${id}`,
    });

    const deleted = await kubeadm(['token', 'delete', id]);
    expect(deleted.code, deleted.stderr).toBe(0);
    // The apiserver caches successful token authentications for 10 s.
    await waitFor(async () => (await bearerStatus(token)) === 401, { timeoutMs: 20_000, intervalMs: 500, description: 'deleted token gives 401' });
    await waitFor(async () => !(await clusterInfoSigned(id)), {
      timeoutMs: 10_000,
      description: `jws-kubeconfig-${id} removed from cluster-info`,
    });
  });

  it('lets anonymous users read cluster-info, which holds only the cluster server and CA', async () => {
    const res = await clusterFetch('/api/v1/namespaces/kube-public/configmaps/cluster-info');
    expect(res.status).toBe(200);
    const kubeconfig = ((await res.json()) as ConfigMap).data?.kubeconfig ?? '';
    expect(kubeconfig).toContain(`server: ${realCluster().server}`);
    expect(kubeconfig).toContain(`certificate-authority-data: ${Buffer.from(realCluster().ca).toString('base64')}`);
    expect(kubeconfig).not.toContain('token');

    const secrets = await clusterFetch('/api/v1/namespaces/kube-system/secrets');
    expect(secrets.status).toBe(403);
  });

  it('gives the nobody user 403 when listing secrets', async () => {
    const res = await clusterFetch('/api/v1/namespaces/kube-system/secrets', {
      headers: { Authorization: `Bearer ${realCluster().tokens.nobody}` },
    });
    expect(res.status).toBe(403);
    const status = (await res.json()) as { reason?: string; message?: string };
    expect(status.reason).toBe('Forbidden');
    expect(status.message).toContain('User "nobody" cannot list resource "secrets"');
  });

  it('lets the reader list secrets but not create one (403 names the verb)', async () => {
    const auth = { Authorization: `Bearer ${realCluster().tokens.reader}` };
    const list = await clusterFetch('/api/v1/namespaces/kube-system/secrets', { headers: auth });
    expect(list.status).toBe(200);
    const create = await clusterFetch('/api/v1/namespaces/kube-system/secrets', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tokentui-smoke' } }),
    });
    expect(create.status).toBe(403);
    expect(((await create.json()) as { message?: string }).message).toContain('cannot create resource "secrets"');
  });

  it('can take the apiserver away and bring it back with its data', async () => {
    const created = await kubeadm(['token', 'create', '--ttl', '10m']);
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim();

    await apiserver('stop');
    await expect(adminFetch('/readyz')).rejects.toThrow();
    await apiserver('start');

    expect((await adminFetch('/readyz')).status).toBe(200);
    await waitFor(async () => (await bearerStatus(token)) === 200, { timeoutMs: 10_000, description: 'token authenticates after restart' });
    const deleted = await kubeadm(['token', 'delete', token]);
    expect(deleted.code, deleted.stderr).toBe(0);
  });
});
