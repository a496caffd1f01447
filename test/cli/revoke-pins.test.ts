// The pins a script puts on a revoke, in-process against the fake apiserver (real PKCS#10 CSRs),
// every "nothing revoked" proven on its request log: --fingerprint (the impact reviewed is still
// the impact), --max-severity, --ignore-not-found, and delete as the same command with the same gate.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/core/audit.ts';
import { useClusterWithToken } from './cluster-with-token-fixture.ts';
import { bootstrapSecret, runTokentui } from './harness.ts';

const ID = 'abcdef';
const { cluster, clock } = useClusterWithToken(ID, { 'usage-bootstrap-signing': 'true', 'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token' });
const run = (...argv: string[]) => runTokentui(argv, { env: cluster.env(), clock });
const deletes = () => cluster.apiserver.requests.filter((request) => request.method === 'DELETE');
const exists = () => cluster.apiserver.secret('kube-system', `bootstrap-token-${ID}`) !== undefined;
const lastAudit = (): AuditRecord => JSON.parse(readFileSync(cluster.state.journal, 'utf8').trim().split('\n').at(-1)!) as AuditRecord;

function pendingCsr(name: string): void {
  const pem = execFileSync('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', '/dev/null', '-subj', `/O=system:nodes/CN=system:node:${name}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  cluster.apiserver.putCsr({ metadata: { name: `csr-${name}` }, spec: { username: `system:bootstrap:${ID}`, request: Buffer.from(pem).toString('base64') } });
}

async function reviewed(): Promise<string> {
  const impact = await run('impact', ID, '-o', 'json');
  expect(impact.code).toBe(0);
  return (JSON.parse(impact.stdout) as { impactFingerprint: string }).impactFingerprint;
}

describe('revoke --fingerprint', () => {
  it('revokes when the impact is still the one reviewed', async () => {
    const fingerprint = await reviewed();
    expect(await reviewed()).toBe(fingerprint);
    const result = await run('revoke', ID, '--confirm', ID, '--fingerprint', fingerprint, '-o', 'json');
    expect(result.code, result.stderr).toBe(0);
    expect(deletes()).toHaveLength(1);
    expect(exists()).toBe(false);
  });

  it('refuses (exit 3, nothing revoked, journaled) once a node began joining with the token', async () => {
    const fingerprint = await reviewed();
    pendingCsr(`node-${Date.now()}`);
    const result = await run('revoke', ID, '--confirm', ID, '--fingerprint', fingerprint);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`the impact of revoking token ${ID} changed since the one reviewed (--fingerprint)`);
    expect(result.stdout).toContain('Joins in progress that will fail');
    expect(deletes()).toEqual([]);
    expect(exists()).toBe(true);
    expect(lastAudit()).toMatchObject({ action: 'revoke', tokenId: ID, outcome: 'refused', error: 'the impact changed since the --fingerprint reviewed' });
  });

  it('a malformed fingerprint, or one for several ids, is invalid input with nothing sent', async () => {
    for (const argv of [['revoke', ID, '--fingerprint', 'abc'], ['revoke', ID, 'ghijkl', '--fingerprint', `sha256:${'0'.repeat(64)}`]]) {
      const result = await run(...argv);
      expect(result.code).toBe(2);
      expect(cluster.apiserver.requests).toEqual([]);
    }
  });
});

describe('revoke --max-severity', () => {
  it('refuses an impact above it (exit 3), revokes at or below it', async () => {
    const refused = await run('revoke', ID, '--confirm', ID, '--max-severity', 'low');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`the impact of revoking token ${ID} is HIGH, above --max-severity low`);
    expect(deletes()).toEqual([]);
    const revoked = await run('revoke', ID, '--confirm', ID, '--max-severity', 'high');
    expect(revoked.code).toBe(0);
    expect(deletes()).toHaveLength(1);
  });

  it('one token above it refuses a whole batch; a value not in none|low|high is exit 2', async () => {
    cluster.apiserver.put('secrets', bootstrapSecret('ghijkl', '0123456789abcdef', { expiration: '2026-03-02T12:00:00Z', 'usage-bootstrap-authentication': 'true' }));
    const batch = await run('revoke', ID, 'ghijkl', '--confirm-all', '2', '--max-severity', 'none');
    expect(batch.code).toBe(3);
    expect(deletes()).toEqual([]);
    const bad = await run('revoke', ID, '--max-severity', 'medium');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-severity must be one of none, low, high');
  });
});

describe('revoke --ignore-not-found', () => {
  it('a token that does not exist: exit 0 with it, 4 without', async () => {
    expect((await run('revoke', 'zzzzzz', '--confirm', 'zzzzzz')).code).toBe(4);
    const ignored = await run('revoke', 'zzzzzz', '--confirm', 'zzzzzz', '--ignore-not-found', '-o', 'json');
    expect(ignored.code).toBe(0);
    expect(JSON.parse(ignored.stdout)).toMatchObject({ tokenId: 'zzzzzz', outcome: 'not-found', revoked: false, adapter: 'kubeadm' });
    expect(deletes()).toEqual([]);
  });

  it('a batch revokes the tokens that exist; --confirm need not name the missing one', async () => {
    const result = await run('revoke', ID, 'zzzzzz', '--confirm', ID, '--ignore-not-found', '-o', 'json');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('token zzzzzz does not exist; ignored (--ignore-not-found)');
    expect(JSON.parse(result.stdout)).toMatchObject({ outcome: 'revoked', revoked: [ID], notRevoked: [] });
    expect(deletes()).toHaveLength(1);
    expect((await run('revoke', ID, 'zzzzzz', '--confirm', ID)).code).toBe(4);
  });
});

describe('delete', () => {
  it('is revoke: the same preview and refusal without --confirm, the same pins, the same revoke with it', async () => {
    const asRevoke = await run('revoke', ID);
    const asDelete = await run('delete', ID);
    expect(asDelete.code).toBe(3);
    expect(asDelete.stdout).toBe(asRevoke.stdout);
    expect(asDelete.stderr).toBe(asRevoke.stderr);
    const fingerprint = await reviewed();
    pendingCsr(`node-d-${Date.now()}`);
    expect((await run('delete', ID, '--confirm', ID, '--fingerprint', fingerprint)).code).toBe(3);
    expect((await run('delete', ID, '--confirm', ID, '--max-severity', 'low')).code).toBe(3);
    expect(deletes()).toEqual([]);
    const deleted = await run('delete', `token/${ID}`, '--confirm', ID);
    expect(deleted.code).toBe(0);
    expect(deletes()).toHaveLength(1);
    expect(lastAudit()).toMatchObject({ action: 'revoke', tokenId: ID, outcome: 'success' });
    expect((await run('delete', ID, '--ignore-not-found')).code).toBe(0);
  });
});
