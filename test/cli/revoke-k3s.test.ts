// `tokentui --adapter k3s revoke` against the fake apiserver: the k3s adapter (which reuses the
// kubeadm Secrets code) sends no DELETE before a matching --confirm, and then exactly one,
// preconditioned on the previewed uid and resourceVersion. Proven on the request log.
import { describe, expect, it } from 'vitest';
import { useClusterWithToken } from './cluster-with-token-fixture.ts';
import { runTokentui } from './harness.ts';

const ID = 'k3stok';
const SECRET_NAME = `bootstrap-token-${ID}`;
const { cluster, clock } = useClusterWithToken(ID, { 'auth-extra-groups': 'system:bootstrappers:k3s:default-node-token' });

const deletes = () => cluster.apiserver.requests.filter((request) => request.method === 'DELETE');
const revoke = (...args: string[]) => runTokentui(['--adapter', 'k3s', 'revoke', ID, ...args], { env: cluster.env(), clock });

describe('tokentui --adapter k3s revoke', () => {
  it('sends no DELETE without a matching --confirm (exit 3), or with a wrong one', async () => {
    expect((await revoke()).code).toBe(3);
    expect((await revoke('--confirm', 'k3stoq')).code).toBe(3);
    expect((await revoke('--dry-run')).code).toBe(0);
    expect(cluster.apiserver.requests.length).toBeGreaterThan(0);
    expect(deletes()).toEqual([]);
    expect(cluster.apiserver.secret('kube-system', SECRET_NAME)).toBeDefined();
  });

  it('with --confirm sends exactly one DELETE, preconditioned on the previewed state, and the Secret is gone', async () => {
    const stored = cluster.apiserver.secret('kube-system', SECRET_NAME)!;
    const result = await revoke('--confirm', ID);
    expect(result.code).toBe(0);
    expect(deletes()).toEqual([
      expect.objectContaining({
        path: `/api/v1/namespaces/kube-system/secrets/${SECRET_NAME}`,
        body: expect.objectContaining({ preconditions: { uid: stored.metadata.uid, resourceVersion: stored.metadata.resourceVersion } }),
      }),
    ]);
    expect(cluster.apiserver.secret('kube-system', SECRET_NAME)).toBeUndefined();
  });
});
