// Issue 4 "must show", backend half: a CSR created by authenticating AS the bootstrap token (so the
// real apiserver sets spec.username = system:bootstrap:<id>) shows up in the kubeadm impact
// preview as a join in progress named after its CN; so do the cluster-info signature the real
// bootstrapsigner writes, and an object owned by the token Secret. Run through with-cluster.sh.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.ts';
import { generateTokenId, generateTokenSecret } from '../../src/core/bootstrap-token.ts';
import { loadKubeconfig } from '../../src/kube/kubeconfig.ts';
import { resolveKubeConnection } from '../../src/kube/kubeconfig-resolve.ts';
import { createKubeClient, type KubeClient } from '../../src/kube/client.ts';
import { computeKubeadmImpact } from '../../src/adapters/kubeadm/impact.ts';
import { fingerprintToRevision } from '../../src/core/fingerprint.ts';
import { CSR_RETENTION_UNKNOWN } from '../../src/adapters/kubeadm/csr-impact.ts';
import { adminFetch, clusterFetch, realCluster, waitFor } from '../support/real-cluster.ts';

const SECRETS = '/api/v1/namespaces/kube-system/secrets';
const CSRS = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const id = generateTokenId();
const fullToken = `${id}.${generateTokenSecret()}`;
const dependentName = `e2e-owned-by-${id}`;
let tokenUid = '';
let csrName = '';
const clients: KubeClient[] = [];

function clientFor(kubeconfigPath: string): KubeClient {
  const client = createKubeClient(resolveKubeConnection(loadKubeconfig([kubeconfigPath])), { source: 'kubeadm' });
  clients.push(client);
  return client;
}

async function expectStatus(response: Response, ...expected: number[]): Promise<Record<string, unknown>> {
  const body = (await response.json()) as Record<string, unknown>;
  if (!expected.includes(response.status)) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

/** A kubelet-style PKCS#10 request, as `kubeadm join` would make one for node e2e-node-1. */
function kubeletCsrPem(): string {
  return execFileSync(
    'openssl',
    ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', '/dev/null',
      '-subj', '/O=system:nodes/CN=system:node:e2e-node-1'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
}

beforeAll(async () => {
  const [tokenId, tokenSecret] = fullToken.split('.') as [string, string];
  const data = {
    'token-id': tokenId,
    'token-secret': tokenSecret,
    expiration: new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    description: 'e2e impact',
    'usage-bootstrap-authentication': 'true',
    'usage-bootstrap-signing': 'true',
    // The group kubeadm binds to system:node-bootstrapper, so the token may create CSRs.
    'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token',
  };
  const secret = await expectStatus(
    await adminFetch(SECRETS, {
      method: 'POST',
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: `bootstrap-token-${id}`, namespace: 'kube-system' },
        type: 'bootstrap.kubernetes.io/token',
        data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, b64(value)])),
      }),
    }),
    201,
  );
  tokenUid = (secret['metadata'] as { uid: string }).uid;

  // Like the upload-certs proxy token's kubeadm-certs: a Secret the garbage collector would delete with the token.
  await expectStatus(
    await adminFetch(SECRETS, {
      method: 'POST',
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: dependentName,
          namespace: 'kube-system',
          ownerReferences: [{ apiVersion: 'v1', kind: 'Secret', name: `bootstrap-token-${id}`, uid: tokenUid }],
        },
        type: 'Opaque',
        data: {},
      }),
    }),
    201,
  );

  // Authenticate as the bootstrap token itself; its informer-backed authenticator needs a moment.
  const csrBody = JSON.stringify({
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { generateName: 'node-csr-e2e-' },
    spec: {
      request: b64(kubeletCsrPem()),
      signerName: 'kubernetes.io/kube-apiserver-client-kubelet',
      usages: ['digital signature', 'key encipherment', 'client auth'],
    },
  });
  const created = await waitFor(
    async () => {
      const response = await clusterFetch(CSRS, {
        method: 'POST',
        headers: { Authorization: `Bearer ${fullToken}`, 'Content-Type': 'application/json' },
        body: csrBody,
      });
      return response.status === 201 ? ((await response.json()) as { metadata: { name: string }; spec: { username: string } }) : null;
    },
    { timeoutMs: 20_000, intervalMs: 250, description: 'CSR created with the bootstrap token' },
  );
  csrName = created.metadata.name;
  expect(created.spec.username).toBe(`system:bootstrap:${id}`);
});

afterAll(async () => {
  await adminFetch(`${CSRS}/${csrName}`, { method: 'DELETE' }).catch(() => undefined);
  await adminFetch(`${SECRETS}/${dependentName}`, { method: 'DELETE' }).catch(() => undefined);
  await adminFetch(`${SECRETS}/bootstrap-token-${id}`, { method: 'DELETE' }).catch(() => undefined);
  await Promise.all(clients.map((client) => client.close()));
});

describe('kubeadm impact preview against the real control plane', () => {
  it('lists the join in progress, the cluster-info signature and the dependent object', async () => {
    const client = clientFor(realCluster().kubeconfig);
    // The bootstrapsigner re-signs cluster-info shortly after the token Secret appears.
    const preview = await waitFor(
      async () => {
        const candidate = await computeKubeadmImpact(client, id, systemClock);
        return candidate.items.some((item) => item.kind === 'signature-removed') ? candidate : null;
      },
      { timeoutMs: 30_000, intervalMs: 250, description: `jws-kubeconfig-${id} in the preview` },
    );

    expect(preview.items).toEqual(
      expect.arrayContaining([
        { kind: 'join-in-progress', subject: 'e2e-node-1', detail: `CSR ${csrName} pending: this join will fail` },
        { kind: 'signature-removed', subject: `kube-public/cluster-info jws-kubeconfig-${id}`, detail: expect.stringContaining('discovery') },
        { kind: 'dependent-object', subject: `kube-system/${dependentName}`, detail: expect.stringContaining('garbage-collected') },
      ]),
    );
    expect(preview.unknowns).toEqual([CSR_RETENTION_UNKNOWN]);

    // The fingerprint is the Secret's real uid + resourceVersion: what a revoke sends as precondition.
    const stored = await expectStatus(await adminFetch(`${SECRETS}/bootstrap-token-${id}`), 200);
    const metadata = stored['metadata'] as { uid: string; resourceVersion: string };
    expect(fingerprintToRevision(preview.fingerprint)).toEqual({ uid: metadata.uid, version: metadata.resourceVersion });

    const started = performance.now();
    await computeKubeadmImpact(client, id, systemClock);
    console.info(`kubeadm impact preview on the real control plane: ${(performance.now() - started).toFixed(1)} ms`);
  });

  it('turns what a read-only user may not see (CSRs, ConfigMaps, cluster-info) into unknowns', async () => {
    const preview = await computeKubeadmImpact(clientFor(realCluster().readerKubeconfig), id, systemClock);
    expect(preview.unknowns).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^cannot list CSRs: .*forbidden.*User "reader"/),
        expect.stringMatching(/^cannot read kube-public\/cluster-info: .*forbidden/),
        expect.stringMatching(/^cannot list ConfigMaps in kube-system: .*forbidden/),
        CSR_RETENTION_UNKNOWN,
      ]),
    );
    expect(preview.items.some((item) => item.kind === 'join-in-progress')).toBe(false);
    // Secrets are readable to this user, so the dependent object is still found.
    expect(preview.items).toContainEqual(expect.objectContaining({ kind: 'dependent-object', subject: `kube-system/${dependentName}` }));
  });

  it('reports not-found for a token that does not exist', async () => {
    const missing = id === 'zzzzzz' ? 'yyyyyy' : 'zzzzzz';
    await expect(computeKubeadmImpact(clientFor(realCluster().kubeconfig), missing, systemClock)).rejects.toMatchObject({ kind: 'not-found' });
  });
});
