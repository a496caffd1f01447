// `tokentui --adapter k3s revoke` against the fake apiserver: the k3s adapter (which reuses the
// kubeadm Secrets code) sends no DELETE before a matching --confirm, and then exactly one,
// preconditioned on the previewed uid and resourceVersion. Proven on the request log.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { startFakeApiserver, type FakeApiserver } from '../support/fake-apiserver.ts';
import { tempStateHome } from './command-harness.ts';
import { bootstrapSecret, runTokentui, writeKubeconfig, type KubeconfigFixture } from './harness.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const ID = 'k3stok';
const SECRET_NAME = `bootstrap-token-${ID}`;
let apiserver: FakeApiserver;
let kubeconfig: KubeconfigFixture;
let state: ReturnType<typeof tempStateHome>;
const clock = new ManualClock(NOW);
const env = () => ({ ...kubeconfig.env, XDG_STATE_HOME: state.path });

beforeAll(async () => {
  apiserver = await startFakeApiserver();
  kubeconfig = writeKubeconfig(apiserver);
  state = tempStateHome();
});

afterAll(async () => {
  await apiserver.close();
  kubeconfig.remove();
  state.remove();
});

beforeEach(() => {
  apiserver.put('secrets', bootstrapSecret(ID, '0123456789abcdef', {
    expiration: '2026-03-02T12:00:00Z',
    'usage-bootstrap-authentication': 'true',
    'auth-extra-groups': 'system:bootstrappers:k3s:default-node-token',
  }));
  apiserver.requests.length = 0;
});

const deletes = () => apiserver.requests.filter((request) => request.method === 'DELETE');
const revoke = (...args: string[]) => runTokentui(['--adapter', 'k3s', 'revoke', ID, ...args], { env: env(), clock });

describe('tokentui --adapter k3s revoke', () => {
  it('sends no DELETE without a matching --confirm (exit 3), or with a wrong one', async () => {
    expect((await revoke()).code).toBe(3);
    expect((await revoke('--confirm', 'k3stoq')).code).toBe(3);
    expect((await revoke('--dry-run')).code).toBe(0);
    expect(apiserver.requests.length).toBeGreaterThan(0);
    expect(deletes()).toEqual([]);
    expect(apiserver.secret('kube-system', SECRET_NAME)).toBeDefined();
  });

  it('with --confirm sends exactly one DELETE, preconditioned on the previewed state, and the Secret is gone', async () => {
    const stored = apiserver.secret('kube-system', SECRET_NAME)!;
    const result = await revoke('--confirm', ID);
    expect(result.code).toBe(0);
    expect(deletes()).toEqual([
      expect.objectContaining({
        path: `/api/v1/namespaces/kube-system/secrets/${SECRET_NAME}`,
        body: expect.objectContaining({ preconditions: { uid: stored.metadata.uid, resourceVersion: stored.metadata.resourceVersion } }),
      }),
    ]);
    expect(apiserver.secret('kube-system', SECRET_NAME)).toBeUndefined();
  });
});
