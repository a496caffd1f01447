import { beforeEach, describe, expect, it } from 'vitest';
import { TokenTuiError } from '../../core/errors.ts';
import { createStubKubeClient, STUB_CONNECTION } from '../../../test/support/k3s-kube-stub.ts';
import { clearFlavourCache, detectKubeFlavour, flavourFromGitVersion, flavourFromKubeconfig, K3S_KUBECONFIG_PATH } from './detect.ts';

beforeEach(() => clearFlavourCache());

describe('kube flavour detection', () => {
  it.each([
    ['v1.31.4+k3s1', 'k3s'],
    ['v1.28.4+k3s2', 'k3s'],
    ['v1.20.2', 'kubeadm'],
    ['v1.30.1+rke2r1', 'kubeadm'],
    ['', 'kubeadm'],
  ])('gitVersion %j -> %s', (gitVersion, flavour) => {
    expect(flavourFromGitVersion(gitVersion)).toBe(flavour);
  });

  it("k3s's own kubeconfig, and plain HTTP, decide without a request", async () => {
    expect(flavourFromKubeconfig({ ...STUB_CONNECTION, sourceFile: K3S_KUBECONFIG_PATH })?.flavour).toBe('k3s');
    expect(flavourFromKubeconfig({ ...STUB_CONNECTION, server: 'http://127.0.0.1:8080' })?.flavour).toBe('kubeadm');
    expect(flavourFromKubeconfig(STUB_CONNECTION)).toBeNull();
    const client = createStubKubeClient({ '/version': { gitVersion: 'v1.20.2' } }, { ...STUB_CONNECTION, sourceFile: K3S_KUBECONFIG_PATH });
    expect(await detectKubeFlavour(client)).toMatchObject({ flavour: 'k3s', requested: false });
    expect(client.requests).toEqual([]);
  });

  it('asks /version once per server, then answers from the cache', async () => {
    const client = createStubKubeClient({ '/version': { gitVersion: 'v1.31.4+k3s1' } });
    expect(await detectKubeFlavour(client)).toEqual({ flavour: 'k3s', reason: '/version reports v1.31.4+k3s1', requested: true });
    expect(await detectKubeFlavour(client)).toMatchObject({ flavour: 'k3s', requested: false });
    expect(client.requests).toEqual([{ method: 'GET', path: '/version' }]);
  });

  it('an unreadable /version means kubeadm, and is asked again next time', async () => {
    const failing = new TokenTuiError('transport', 'cannot reach https://127.0.0.1:6443 (connection refused)');
    const client = createStubKubeClient({ '/version': failing });
    expect(await detectKubeFlavour(client)).toMatchObject({ flavour: 'kubeadm', reason: expect.stringMatching(/connection refused.*assuming kubeadm/) });
    await detectKubeFlavour(client);
    expect(client.requests).toHaveLength(2);
  });
});
