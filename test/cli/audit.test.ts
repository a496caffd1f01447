// The audit journal from the command line: one record per mutation (create, revoke; success,
// failure, refusal) with who/where/what, never a secret; `tokentui audit` reads it back; and a
// journal that cannot be written is shown and makes the command fail, without hiding its result.
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/core/audit.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { bootstrapSecret, runTokentui } from './harness.ts';
import { useFakeCluster } from './fake-cluster-fixture.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const ID = 'abcdef';
const SECRET = '0123456789abcdef';
const clock = new ManualClock(NOW);
/** Every token secret the tool saw in this file: none may reach a file it wrote. */
const secretsSeen = new Set<string>([SECRET]);

beforeEach(() => {
  cluster.apiserver.put('secrets', bootstrapSecret(ID, SECRET, { expiration: '2026-03-02T12:00:00Z', 'usage-bootstrap-authentication': 'true' }));
  cluster.apiserver.requests.length = 0;
});

const cluster = useFakeCluster({ freshStatePerTest: true });
const env = (stateHome?: string) => cluster.env(stateHome);
const cli = (argv: string[], stateHome?: string) => runTokentui(argv, { env: env(stateHome), clock });
const journal = (): AuditRecord[] =>
  readFileSync(cluster.state.journal, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as AuditRecord);
// The kubeconfig cluster's server names the backend itself (the context name alone cannot tell two apart).
const where = () => ({ time: '2026-03-01T12:00:00.000Z', operator: { user: userInfo().username, host: hostname() }, context: 'fake-admin', adapter: 'kubeadm', server: cluster.apiserver.url });

function allFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('one audit record per mutation', () => {
  it('create: the token id and the outcome, never the secret', async () => {
    const result = await cli(['create', '-o', 'json']);
    expect(result.code).toBe(0);
    const created = JSON.parse(result.stdout) as { id: string; token: string };
    secretsSeen.add(created.token.split('.')[1]!);
    expect(journal()).toEqual([{ ...where(), action: 'create', tokenId: created.id, outcome: 'success' }]);
    expect(readFileSync(cluster.state.journal, 'utf8')).not.toContain(created.token.split('.')[1]);
  });

  it('create that the apiserver refuses: a failure record with the error', async () => {
    cluster.apiserver.failNext({ code: 403, reason: 'Forbidden', message: 'secrets is forbidden: User "reader" cannot create resource "secrets"' }, { match: (request) => request.method === 'POST' });
    expect((await cli(['create'])).code).toBe(1);
    expect(journal()).toEqual([{ ...where(), action: 'create', tokenId: '', outcome: 'failure', error: expect.stringContaining('cannot create resource "secrets"') }]);
  });

  it('revoke: refused without --confirm, refused when changed since the preview, then success', async () => {
    expect((await cli(['revoke', ID])).code).toBe(3);
    expect((await cli(['revoke', ID, '--confirm', 'nope'])).code).toBe(3);
    cluster.apiserver.failNext({ code: 409, reason: 'Conflict', message: 'Precondition failed' }, { match: (request) => request.method === 'DELETE' });
    expect((await cli(['revoke', ID, '--confirm', ID])).code).toBe(3);
    expect((await cli(['revoke', ID, '--confirm', ID])).code).toBe(0);
    // Other tests' tokens live on the same apiserver: the summary's wording depends on them.
    const impact = { severity: expect.stringMatching(/^(low|high)$/), items: expect.any(Number), summary: expect.any(String) };
    expect(journal()).toEqual([
      { ...where(), action: 'revoke', tokenId: ID, impact, outcome: 'refused', error: 'no --confirm given' },
      { ...where(), action: 'revoke', tokenId: ID, impact, outcome: 'refused', error: '--confirm did not match the token id' },
      { ...where(), action: 'revoke', tokenId: ID, impact, confirmation: 'flag', outcome: 'refused', error: 'token changed since the preview' },
      { ...where(), action: 'revoke', tokenId: ID, impact, confirmation: 'flag', outcome: 'success' },
    ]);
  });

  it('revoke that the apiserver refuses: a failure record', async () => {
    cluster.apiserver.failNext({ code: 403, reason: 'Forbidden', message: 'User "reader" cannot delete resource "secrets"' }, { match: (request) => request.method === 'DELETE' });
    expect((await cli(['revoke', ID, '--confirm', ID])).code).toBe(1);
    expect(journal()).toMatchObject([{ action: 'revoke', tokenId: ID, confirmation: 'flag', outcome: 'failure', error: expect.stringContaining('cannot delete') }]);
  });

  it('impact, --dry-run and --readonly change nothing and record nothing', async () => {
    await cli(['impact', ID]);
    await cli(['revoke', ID, '--dry-run']);
    await cli(['revoke', ID, '--confirm', ID, '--readonly']);
    await cli(['create', '--readonly']);
    expect(() => readFileSync(cluster.state.journal)).toThrow(/ENOENT/);
  });
});

describe('tokentui audit', () => {
  it('prints the records as a table and as one JSON array', async () => {
    await cli(['revoke', ID]);
    await cli(['revoke', ID, '--confirm', ID]);
    const table = await cli(['audit']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TIME +OPERATOR +CONTEXT +ADAPTER +SERVER +ACTION +TOKEN +IMPACT +OUTCOME$/);
    expect(lines[1]).toMatch(new RegExp(`^2026-03-01T12:00:00Z +${userInfo().username}@${hostname()} +fake-admin +kubeadm +${cluster.apiserver.url} +revoke +abcdef +(low|high): .+ refused: no --confirm given$`));
    expect(lines[2]).toMatch(/ +revoke +abcdef +(low|high): .+ success$/);
    const json = await cli(['audit', '-o', 'json']);
    expect(JSON.parse(json.stdout)).toEqual(journal());
  });

  it('reports unreadable lines on stderr and still prints the rest', async () => {
    await cli(['revoke', ID]);
    appendFileSync(cluster.state.journal, '{"half": \n');
    await cli(['revoke', ID]);
    const result = await cli(['audit', '-o', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(2);
    expect(result.stderr).toMatch(new RegExp(`^tokentui: warning: ${cluster.state.journal} line 2 is unreadable \\(not JSON`));
  });

  it('says so when there are no records', async () => {
    const result = await cli(['audit']);
    expect(result).toMatchObject({ code: 0, stdout: `No audit records in ${cluster.state.journal}.\n`, stderr: '' });
    expect(JSON.parse((await cli(['audit', '-o', 'json'])).stdout)).toEqual([]);
  });
});

describe('a journal that cannot be written', () => {
  // A regular file where the state directory should be: every append fails with ENOTDIR.
  const blocked = () => {
    const path = join(cluster.state.path, 'not-a-dir');
    writeFileSync(path, '');
    return path;
  };

  it('create still prints the token once, warns that it was not recorded, and exits 1', async () => {
    const result = await cli(['create'], blocked());
    expect(result.stdout).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}\n$/);
    secretsSeen.add(result.stdout.trim().split('.')[1]!);
    expect(result.stderr).toMatch(/^tokentui: warning: cannot write the audit journal .*: ENOTDIR.*; this create of token [a-z0-9]{6} \(success\) was NOT recorded\nhint: check that .* is writable/);
    expect(result.code).toBe(1);
  });

  it('a revoke still happens and says it was not recorded (exit 1); a refusal keeps exit 3', async () => {
    const path = blocked();
    const refused = await cli(['revoke', ID], path);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/this revoke of token abcdef \(refused\) was NOT recorded/);
    const revoked = await cli(['revoke', ID, '--confirm', ID], path);
    expect(revoked.stdout).toContain('Revoked token abcdef.');
    expect(revoked.stderr).toMatch(/this revoke of token abcdef \(success\) was NOT recorded/);
    expect(revoked.code).toBe(1);
    expect(cluster.apiserver.secret('kube-system', `bootstrap-token-${ID}`)).toBeUndefined();
  });
});

describe('files the tool wrote', () => {
  it('hold no token secret', async () => {
    const created = await cli(['create', '--description', 'scan me', '-o', 'json']);
    const { id, token } = JSON.parse(created.stdout) as { id: string; token: string };
    secretsSeen.add(token.split('.')[1]!);
    await cli(['revoke', id]);
    await cli(['revoke', id, '--confirm', id]);
    const files = allFilesUnder(cluster.state.path);
    expect(files).toContain(cluster.state.journal);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const secret of secretsSeen) expect(text, file).not.toContain(secret);
    }
  });
});
