import { beforeEach, describe, expect, it } from 'vitest';
import { TokenTuiError } from '../../core/errors.ts';
import { createStubKubeClient, STUB_CONNECTION } from '../../../test/support/k3s-kube-stub.ts';
import type { DetectionMemory } from '../contract.ts';
import { clearFlavourCache, detectionKey, detectKubeFlavour, flavourFromGitVersion, flavourFromKubeconfig, K3S_KUBECONFIG_PATH } from './detect.ts';

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

  describe('remembered across processes (DetectionMemory)', () => {
    const pinned = { ...STUB_CONNECTION, caPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' };
    const memory = (): DetectionMemory & { readonly kept: Map<string, string> } => {
      const kept = new Map<string, string>();
      return { kept, get: (key) => kept.get(key), set: (key, answer) => void kept.set(key, answer) };
    };

    it('a server whose CA the kubeconfig pins: asked once, then answered from memory with no request', async () => {
      const remembered = memory();
      const first = createStubKubeClient({ '/version': { gitVersion: 'v1.31.4+k3s1' } }, pinned);
      expect(await detectKubeFlavour(first, { remembered })).toMatchObject({ flavour: 'k3s', requested: true });
      expect([...remembered.kept.values()]).toEqual(['k3s']);
      clearFlavourCache(); // a new process
      const next = createStubKubeClient({ '/version': { gitVersion: 'v1.20.2' } }, pinned);
      expect(await detectKubeFlavour(next, { remembered })).toMatchObject({ flavour: 'k3s', requested: false, reason: expect.stringContaining('same CA') });
      expect(next.requests).toEqual([]);
    });

    it('another CA at the same URL is another key: asked again', async () => {
      const remembered = memory();
      await detectKubeFlavour(createStubKubeClient({ '/version': { gitVersion: 'v1.20.2' } }, pinned), { remembered });
      clearFlavourCache();
      const rebuilt = createStubKubeClient({ '/version': { gitVersion: 'v1.31.4+k3s1' } }, { ...pinned, caPem: `${pinned.caPem}\n` });
      expect(await detectKubeFlavour(rebuilt, { remembered })).toMatchObject({ flavour: 'k3s', requested: true });
      expect(detectionKey(pinned)).not.toBe(detectionKey(rebuilt.connection));
    });

    it('nothing pinned (system trust, or insecure-skip-tls-verify): never remembered, never stored', async () => {
      for (const connection of [STUB_CONNECTION, { ...pinned, insecureSkipTlsVerify: true }]) {
        const remembered = memory();
        remembered.kept.set(`kube-flavour ${connection.server}`, 'k3s');
        expect(detectionKey(connection)).toBeUndefined();
        clearFlavourCache();
        const client = createStubKubeClient({ '/version': { gitVersion: 'v1.20.2' } }, connection);
        expect(await detectKubeFlavour(client, { remembered })).toMatchObject({ flavour: 'kubeadm', requested: true });
        expect(remembered.kept.size).toBe(1);
      }
    });

    it('an answer that is not a flavour is asked again; a failed /version is not stored', async () => {
      const remembered = memory();
      remembered.kept.set(detectionKey(pinned)!, 'openshift');
      const failing = createStubKubeClient({ '/version': new TokenTuiError('transport', 'connection refused') }, pinned);
      expect(await detectKubeFlavour(failing, { remembered })).toMatchObject({ flavour: 'kubeadm', requested: true });
      expect(remembered.kept.get(detectionKey(pinned)!)).toBe('openshift');
    });
  });

  it('an unreadable /version means kubeadm, and is asked again next time', async () => {
    const failing = new TokenTuiError('transport', 'cannot reach https://127.0.0.1:6443 (connection refused)');
    const client = createStubKubeClient({ '/version': failing });
    expect(await detectKubeFlavour(client)).toMatchObject({ flavour: 'kubeadm', reason: expect.stringMatching(/connection refused.*assuming kubeadm/) });
    await detectKubeFlavour(client);
    expect(client.requests).toHaveLength(2);
  });
});
