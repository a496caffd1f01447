// `tokentui revoke` in-process against the fake apiserver, through main() and the registered
// kubeadm adapter. Every "nothing was revoked" is proven on the apiserver's request log.
import { describe, expect, it } from 'vitest';
import { useClusterWithToken } from './cluster-with-token-fixture.ts';
import { bootstrapSecret, runTokentui } from './harness.ts';

const ID = 'abcdef';
const SECRET_NAME = `bootstrap-token-${ID}`;
const SECRET_PATH = `/api/v1/namespaces/kube-system/secrets/${SECRET_NAME}`;
const { cluster, clock } = useClusterWithToken(ID, { 'usage-bootstrap-signing': 'true' });

const mutations = () => cluster.apiserver.requests.filter((request) => request.method !== 'GET');
const revoke = (...args: string[]) => runTokentui(['revoke', ID, ...args], { env: cluster.env(), clock });

describe('tokentui revoke without a matching --confirm', () => {
  it('prints the preview, changes nothing and exits 3', async () => {
    const result = await revoke();
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^Target: context fake-admin \(kubeadm, http:\/\/127\.0\.0\.1:\d+\)\nImpact of revoking token abcdef: /);
    expect(result.stdout).toContain('on the command line: --confirm abcdef');
    expect(result.stderr).toBe('tokentui: nothing was revoked: pass --confirm abcdef to revoke\n');
    expect(cluster.apiserver.requests.length).toBeGreaterThan(0);
    expect(mutations()).toEqual([]);
    expect(cluster.apiserver.secret('kube-system', SECRET_NAME)).toBeDefined();
  });

  it.each([['abcdeg'], ['ABCDEF'], [' abcdef'], ['abcdef.0123456789abcdef']])('--confirm %j is not the id: exit 3, no DELETE', async (confirm) => {
    const result = await revoke('--confirm', confirm);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('tokentui: nothing was revoked: --confirm does not match the token id abcdef\n');
    expect(result.stderr + result.stdout).not.toContain('0123456789abcdef');
    expect(mutations()).toEqual([]);
  });

  it('never prompts, even on a terminal', async () => {
    const result = await runTokentui(['revoke', ID], { env: cluster.env(), clock, tty: true });
    expect(result.code).toBe(3);
    expect(mutations()).toEqual([]);
  });

  it('--dry-run prints the preview and exits 0, even with the right --confirm', async () => {
    const result = await revoke('--dry-run', '--confirm', ID);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Impact of revoking token abcdef[^]*Dry run: nothing was revoked\.\n$/);
    expect(mutations()).toEqual([]);
  });

  it('--readonly refuses with exit 3 before any request', async () => {
    const result = await runTokentui(['revoke', ID, '--confirm', ID, '--readonly'], { env: cluster.env(), clock });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^tokentui: read-only mode: revoke is a mutation; nothing was revoked\n/);
    expect(cluster.apiserver.requests).toEqual([]);
  });

  it('a token that does not exist exits 4 without a DELETE', async () => {
    const result = await runTokentui(['revoke', 'zzzzzz', '--confirm', 'zzzzzz'], { env: cluster.env(), clock });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(mutations()).toEqual([]);
  });
});

describe('tokentui revoke --confirm ID', () => {
  it('sends exactly one DELETE, preconditioned on the previewed uid and resourceVersion, then verifies', async () => {
    const stored = cluster.apiserver.secret('kube-system', SECRET_NAME)!;
    const result = await revoke('--confirm', ID);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Impact of revoking token abcdef[^]*Revoked token abcdef\. Verified: it no longer exists\.\nVerified: cluster-info signature jws-kubeconfig-abcdef removed\.\n$/);
    expect(mutations()).toEqual([
      expect.objectContaining({
        method: 'DELETE',
        path: SECRET_PATH,
        body: expect.objectContaining({ preconditions: { uid: stored.metadata.uid, resourceVersion: stored.metadata.resourceVersion } }),
      }),
    ]);
    const afterDelete = cluster.apiserver.requests.slice(cluster.apiserver.requests.findIndex((request) => request.method === 'DELETE') + 1);
    expect(afterDelete).toContainEqual(expect.objectContaining({ method: 'GET', path: SECRET_PATH }));
    expect(cluster.apiserver.secret('kube-system', SECRET_NAME)).toBeUndefined();
  });

  it('-o json reports the outcome, the verification and the preview with its fingerprint', async () => {
    const stored = cluster.apiserver.secret('kube-system', SECRET_NAME)!;
    const result = await revoke('--confirm', ID, '-o', 'json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      tokenId: ID,
      outcome: 'revoked',
      revoked: true,
      verification: { tokenGone: true },
      preview: { tokenId: ID, fingerprint: `${stored.metadata.uid}:${stored.metadata.resourceVersion}`, severity: expect.any(String) },
    });
  });

  it('-o json without --confirm is one object saying it was refused', async () => {
    const result = await revoke('-o', 'json');
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toMatchObject({ tokenId: ID, outcome: 'refused', revoked: false, preview: { tokenId: ID } });
  });

  it('a conflict (token changed since the preview) says why, exits 3 and leaves the token', async () => {
    cluster.apiserver.failNext(
      { code: 409, reason: 'Conflict', message: `Operation cannot be fulfilled on secrets "${SECRET_NAME}": Precondition failed: UID in precondition: x, UID in object meta: y` },
      { match: (request) => request.method === 'DELETE' },
    );
    const result = await revoke('--confirm', ID);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      'tokentui: token abcdef changed since the preview (re-created or modified); nothing was revoked — run the command again to see the new preview\n',
    );
    expect(result.stdout).not.toContain('Revoked');
    expect(cluster.apiserver.secret('kube-system', SECRET_NAME)).toBeDefined();
  });

  it('a refused DELETE is a backend failure: exit 1, the token stays', async () => {
    cluster.apiserver.failNext(
      { code: 403, reason: 'Forbidden', message: 'secrets "bootstrap-token-abcdef" is forbidden: User "reader" cannot delete resource "secrets"' },
      { match: (request) => request.method === 'DELETE' },
    );
    const result = await revoke('--confirm', ID);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot delete resource "secrets"/);
    expect(cluster.apiserver.secret('kube-system', SECRET_NAME)).toBeDefined();
  });
});

describe('tokentui revoke ID ID (a batch) against the fake apiserver', () => {
  it('a token that changed since its preview is left alone, the others are revoked: exit 3, "partial"', async () => {
    cluster.apiserver.put('secrets', bootstrapSecret('ghijkl', '0123456789ghijkl', { 'usage-bootstrap-signing': 'true' }));
    cluster.apiserver.put('secrets', bootstrapSecret('mnopqr', '0123456789mnopqr', { 'usage-bootstrap-signing': 'true' }));
    cluster.apiserver.requests.length = 0;
    cluster.apiserver.failNext({ code: 409, reason: 'Conflict', message: 'Precondition failed: UID in precondition: x, UID in object meta: y' }, {
      match: (request) => request.method === 'DELETE' && request.path.endsWith('bootstrap-token-ghijkl'),
    });
    const result = await runTokentui(['revoke', 'ghijkl', 'mnopqr', '--confirm', 'ghijkl,mnopqr', '-o', 'json'], { env: cluster.env(), clock });
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toMatchObject({ outcome: 'partial', revoked: ['mnopqr'], notRevoked: ['ghijkl'], tokens: [{ tokenId: 'ghijkl', outcome: 'conflict' }, { tokenId: 'mnopqr', outcome: 'revoked' }] });
    expect(result.stderr).toContain('token ghijkl changed since the preview');
    expect(mutations().map((request) => `${request.method} ${request.path.split('/').at(-1)}`)).toEqual(['DELETE bootstrap-token-ghijkl', 'DELETE bootstrap-token-mnopqr']);
    expect(cluster.apiserver.secret('kube-system', 'bootstrap-token-ghijkl')).toBeDefined();
    expect(cluster.apiserver.secret('kube-system', 'bootstrap-token-mnopqr')).toBeUndefined();
  });
});
