// Issue 17 "must show": `revoke --fingerprint` against the real control plane. The fingerprint
// from `impact -o json`; then a CSR made by authenticating AS the token (a node starting to join)
// changes the impact, and the pinned revoke refuses: exit 3, the token's Secret still there. A
// fresh review then revokes it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminFetch, clusterFetch, realCluster, waitFor } from '../support/real-cluster.ts';
import { runCli } from '../support/run-cli.ts';

const CSRS = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
const stateHome = mkdtempSync(join(tmpdir(), 'tokentui-state-'));
const cli = (...args: string[]) => runCli([...args, '--kubeconfig', realCluster().kubeconfig], { XDG_STATE_HOME: stateHome });
let csrName = '';

afterAll(async () => {
  if (csrName !== '') await adminFetch(`${CSRS}/${csrName}`, { method: 'DELETE' }).catch(() => undefined);
});

function kubeletCsrPem(node: string): string {
  return execFileSync('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', '/dev/null', '-subj', `/O=system:nodes/CN=system:node:${node}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

async function impactFingerprint(id: string): Promise<string> {
  const impact = await cli('impact', id, '-o', 'json');
  expect(impact.code, impact.stderr).toBe(0);
  return (JSON.parse(impact.stdout) as { impactFingerprint: string }).impactFingerprint;
}

describe('revoke --fingerprint against the real control plane', () => {
  it('refuses once a CSR made with the token changed the impact (exit 3, token kept); revokes after a fresh review', async () => {
    // The group kubeadm binds to system:node-bootstrapper, so the token may create CSRs.
    const created = await cli('create', '--ttl', '30m', '--description', 'cli fingerprint e2e', '--groups', 'system:bootstrappers:kubeadm:default-node-token', '-o', 'json');
    expect(created.code, created.stderr).toBe(0);
    const { id, token } = JSON.parse(created.stdout) as { id: string; token: string };
    const reviewed = await impactFingerprint(id);
    expect(await impactFingerprint(id)).toBe(reviewed);

    const body = JSON.stringify({
      apiVersion: 'certificates.k8s.io/v1',
      kind: 'CertificateSigningRequest',
      metadata: { generateName: 'node-csr-cli-e2e-' },
      spec: { request: Buffer.from(kubeletCsrPem(`cli-e2e-${id}`)).toString('base64'), signerName: 'kubernetes.io/kube-apiserver-client-kubelet', usages: ['digital signature', 'key encipherment', 'client auth'] },
    });
    // The token's authenticator is informer-backed: it may need a moment to know the new Secret.
    const csr = await waitFor(
      async () => {
        const response = await clusterFetch(CSRS, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body });
        return response.status === 201 ? ((await response.json()) as { metadata: { name: string }; spec: { username: string } }) : null;
      },
      { timeoutMs: 20_000, intervalMs: 250, description: 'a CSR created with the token' },
    );
    csrName = csr.metadata.name;
    expect(csr.spec.username).toBe(`system:bootstrap:${id}`);

    const refused = await cli('revoke', id, '--confirm', id, '--fingerprint', reviewed, '-o', 'json');
    expect(refused.code).toBe(3);
    const json = JSON.parse(refused.stdout) as { outcome: string; revoked: boolean; preview: { impactFingerprint: string; items: { kind: string; subject: string }[] } };
    expect(json).toMatchObject({ outcome: 'refused', revoked: false });
    expect(json.preview.impactFingerprint).not.toBe(reviewed);
    expect(json.preview.items).toContainEqual(expect.objectContaining({ kind: 'join-in-progress', subject: `cli-e2e-${id}` }));
    expect(refused.stderr).toContain('changed since the one reviewed (--fingerprint)');
    const still = await adminFetch(`/api/v1/namespaces/kube-system/secrets/bootstrap-token-${id}`);
    expect(still.status).toBe(200);

    const again = await impactFingerprint(id);
    const revoked = await cli('delete', id, '--confirm', id, '--fingerprint', again);
    expect(revoked.code, revoked.stderr).toBe(0);
    const gone = await adminFetch(`/api/v1/namespaces/kube-system/secrets/bootstrap-token-${id}`);
    expect(gone.status).toBe(404);
  }, 90_000);
});
