// `tokentui impact` in-process: the kubeadm preview over the fake apiserver (real PKCS#10 CSRs),
// only reads sent; and an adapter without an impact preview, which still gets an honest one.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runImpact } from '../../src/cli/commands/impact.ts';
import type { ImpactJson } from '../../src/cli/impact-format.ts';
import { ManualClock } from '../../src/core/clock.ts';
import type { Token } from '../../src/core/token.ts';
import { startFakeApiserver, type FakeApiserver } from '../support/fake-apiserver.ts';
import { createMemoryBackend } from '../support/memory-adapter.ts';
import { runCommandWith } from './command-harness.ts';
import { bootstrapSecret, runTokentui, writeKubeconfig, type KubeconfigFixture } from './harness.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const ID = 'abcdef';
let apiserver: FakeApiserver;
let kubeconfig: KubeconfigFixture;
const clock = new ManualClock(NOW);

function kubeletCsr(nodeName: string): string {
  const pem = execFileSync(
    'openssl',
    ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', '/dev/null',
      '-subj', `/O=system:nodes/CN=system:node:${nodeName}`],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return Buffer.from(pem).toString('base64');
}

beforeAll(async () => {
  apiserver = await startFakeApiserver();
  kubeconfig = writeKubeconfig(apiserver);
  const usages = { 'usage-bootstrap-authentication': 'true', 'usage-bootstrap-signing': 'true' };
  apiserver.put('secrets', bootstrapSecret(ID, '0123456789abcdef', { expiration: '2026-03-02T12:00:00Z', ...usages }));
  apiserver.put('secrets', bootstrapSecret('ghijkl', 'fedcba9876543210', { expiration: '2026-03-02T12:00:00Z', ...usages }));
  apiserver.put('secrets', bootstrapSecret('old001', 'a1b2c3d4e5f6a7b8', { expiration: '2026-02-01T00:00:00Z', ...usages }));
  apiserver.putCsr({ metadata: { name: 'csr-node-a' }, spec: { username: `system:bootstrap:${ID}`, request: kubeletCsr('node-a') } });
  apiserver.putCsr({ metadata: { name: 'csr-other' }, spec: { username: 'system:bootstrap:ghijkl', request: kubeletCsr('node-z') } });
});

afterAll(async () => {
  await apiserver.close();
  kubeconfig.remove();
});

beforeEach(() => {
  apiserver.requests.length = 0;
});

const impact = (...args: string[]) => runTokentui(['impact', ...args], { env: kubeconfig.env, clock });

describe('tokentui impact (kubeadm)', () => {
  it('shows the pending CSR as a join in progress named after its CN, changes nothing, exits 0', async () => {
    const result = await impact(ID);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Impact of revoking token abcdef: HIGH\n/);
    expect(result.stdout).toContain('Joins in progress that will fail (1):\n  node-a\n    CSR csr-node-a pending: this join will fail\n');
    expect(result.stdout).not.toContain('node-z');
    expect(result.stdout).toMatch(/Could not determine:\n  - CSRs are garbage-collected/);
    expect(result.stdout).toMatch(/Confirmation needed: type the token id "abcdef"; on the command line: --confirm abcdef\n$/);
    expect(apiserver.requests.length).toBeGreaterThan(0);
    expect(apiserver.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('-o json is the preview plus its severity and the confirmation it needs', async () => {
    const result = await impact(ID, '-o', 'json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as ImpactJson;
    const stored = apiserver.secret('kube-system', `bootstrap-token-${ID}`)!;
    expect(json).toMatchObject({
      state: 'known',
      tokenId: ID,
      severity: 'high',
      requiredConfirmation: 'type-id',
      fingerprint: `${stored.metadata.uid}:${stored.metadata.resourceVersion}`,
      computedAt: '2026-03-01T12:00:00Z',
    });
    expect(json.state === 'known' && json.items).toContainEqual({ kind: 'join-in-progress', subject: 'node-a', detail: expect.stringContaining('csr-node-a') });
    expect(apiserver.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('an expired token has no impact and needs only a yes', async () => {
    const result = await impact('old001');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'Impact of revoking token old001: NONE\nNothing is affected.\nConfirmation needed: yes (nothing affected); on the command line: --confirm old001\n',
    );
  });

  it('exits 4 when the token does not exist', async () => {
    const result = await impact('zzzzzz');
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/token zzzzzz not found/);
  });
});

describe('tokentui impact with an adapter that cannot preview impact', () => {
  const token: Token = {
    id: 'tok-1', description: '', expiresAt: null, usages: [], groups: [], invalidReason: null, revision: { uid: 'tok-1', version: 'etag-7' },
  };

  it('reports an unknown preview with the reason, still exit 0', async () => {
    const backend = createMemoryBackend({ id: 'rest', tokens: [token] });
    const text = await runCommandWith(['impact', 'tok-1'], runImpact, async () => backend.adapter, { env: {}, clock });
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(
      'Impact of revoking token tok-1: UNKNOWN (treated as HIGH)\nWhy: the rest adapter cannot preview impact\n' +
        'Confirmation needed: type the token id "tok-1"; on the command line: --confirm tok-1\n',
    );
    const json = await runCommandWith(['impact', 'tok-1', '-o', 'json'], runImpact, async () => backend.adapter, { env: {}, clock });
    expect(JSON.parse(json.stdout)).toEqual({
      state: 'unknown',
      tokenId: 'tok-1',
      reason: 'the rest adapter cannot preview impact',
      // The one fingerprint format (core/fingerprint.ts), which revoke turns back into the precondition.
      fingerprint: 'tok-1:etag-7',
      computedAt: '2026-03-01T12:00:00Z',
      // What revoke --fingerprint pins: the whole preview's digest.
      impactFingerprint: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      severity: 'high',
      requiredConfirmation: 'type-id',
    });
    expect(backend.requests).toEqual(['get tok-1', 'get tok-1']);
  });

  it('every adapter without a preview gets the uid:version fingerprint its revoke understands', async () => {
    const backend = createMemoryBackend({ id: 'kubeadm', tokens: [{ ...token, id: ID, revision: { uid: 'uid-9', version: '42' } }] });
    const result = await runCommandWith(['impact', ID, '-o', 'json'], runImpact, async () => backend.adapter, { env: {}, clock });
    expect(JSON.parse(result.stdout)).toMatchObject({ state: 'unknown', reason: 'the kubeadm adapter cannot preview impact', fingerprint: 'uid-9:42' });
  });

  it('exits 4 when that token does not exist', async () => {
    const backend = createMemoryBackend({ id: 'rest', tokens: [] });
    const result = await runCommandWith(['impact', 'nope'], runImpact, async () => backend.adapter, { env: {}, clock });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
  });
});
