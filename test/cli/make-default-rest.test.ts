// `tokentui make-default` against the reference server over loopback: the preview changes nothing
// (proven by the server's request log), --confirm ID changes the default (read back through the
// server's API) and is audited, and tokens that cannot be the default are refused before any write.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/core/audit.ts';
import type { WireToken, WireTokenList } from '../../src/rest-contract/wire.ts';
import { useFakeCluster } from './fake-cluster-fixture.ts';
import { runTokentui } from './harness.ts';
import { useReferenceServer } from './reference-server-fixture.ts';

const fixture = useReferenceServer();
const { serverLog, cli } = fixture;
const writes = () => serverLog.filter((line) => !line.startsWith('GET ') && !line.startsWith('HEAD '));

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${fixture.server.url}/api/v1/${path}`, {
    method,
    headers: { authorization: `Bearer ${fixture.server.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await response.json()) as T;
}

const mint = async (body: Record<string, unknown>): Promise<WireToken & { secret: string }> => {
  const created = await api<{ token: WireToken; secret: string }>('POST', 'tokens', { ttlSeconds: 3600, ...body });
  return { ...created.token, secret: created.secret };
};
const defaultId = async () => (await api<WireTokenList>('GET', 'tokens')).items.find((token) => token.isDefault)?.id;

describe('make-default on a REST backend', () => {
  it('previews what changes for machines that use the default, changes nothing without --confirm (exit 3)', async () => {
    const current = await mint({ description: 'fleet', scope: 'workers' });
    await api('POST', `tokens/${current.id}/make-default`);
    const next = await mint({ description: 'wave 3', scope: 'edge', maxUses: 5 });
    serverLog.length = 0;
    const preview = await cli('make-default', next.id);
    expect(preview.code).toBe(3);
    expect(preview.stdout).toContain(`current default: ${current.id}`);
    expect(preview.stdout).toContain(`new machines that use the default join with ${next.id} ("wave 3") instead of ${current.id} ("fleet")`);
    expect(preview.stdout).toContain(`${current.id} is not revoked`);
    expect(preview.stdout).toContain('scope "edge" instead of "workers"');
    expect(preview.stdout).toContain('lets 5 more machines join');
    expect(preview.stderr).toContain(`pass --confirm ${next.id}`);
    expect(writes()).toEqual([]);
    expect(await defaultId()).toBe(current.id);
    const wrong = await cli('make-default', next.id, '--confirm', current.id);
    expect(wrong.code).toBe(3);
    expect(writes()).toEqual([]);
  });

  it('--confirm ID makes it the default (read back), audited with the flag as confirmation', async () => {
    const next = await mint({ description: 'rack 14' });
    serverLog.length = 0;
    const done = await cli('make-default', next.id, '--confirm', next.id, '-o', 'json');
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ tokenId: next.id, outcome: 'made-default', verified: true });
    expect(writes()).toEqual([expect.stringMatching(new RegExp(`^POST /api/v1/tokens/${next.id}/make-default 200`))]);
    expect(await defaultId()).toBe(next.id);
    const journal = readFileSync(join(fixture.state.path, 'tokentui', 'audit.jsonl'), 'utf8').trimEnd().split('\n');
    expect(JSON.parse(journal.at(-1)!) as AuditRecord).toMatchObject({ action: 'make-default', tokenId: next.id, confirmation: 'flag', outcome: 'success', adapter: 'rest' });
    // A --server run names its target by the URL: context and server, never "cli".
    expect(JSON.parse(journal.at(-1)!) as AuditRecord).toMatchObject({ context: fixture.server.url, server: fixture.server.url });
  });

  it('a used-up token is refused (exit 2) and one that already is the default needs nothing (exit 0); no write either way', async () => {
    const once = await mint({ maxUses: 1 });
    await fetch(`${fixture.server.url}/api/v1/bootstrap`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: once.secret, machine: 'm1' }) });
    serverLog.length = 0;
    const usedUp = await cli('make-default', once.id, '--confirm', once.id);
    expect(usedUp.code).toBe(2);
    expect(usedUp.stderr).toMatch(new RegExp(`^tokentui: token ${once.id} is used up \\(no uses left\\): only an active token can be the default\\n`));
    const current = (await defaultId())!;
    const already = await cli('make-default', current, '--confirm', current);
    expect(already.code).toBe(0);
    expect(already.stdout).toContain('is already the default');
    expect(writes()).toEqual([]);
  });

  it('--readonly refuses before connecting (exit 3); an unknown id is exit 4', async () => {
    const token = await mint({});
    serverLog.length = 0;
    expect((await cli('--readonly', 'make-default', token.id, '--confirm', token.id)).code).toBe(3);
    expect(serverLog).toEqual([]);
    expect((await cli('make-default', 'nosuch', '--confirm', 'nosuch')).code).toBe(4);
    expect(writes()).toEqual([]);
  });
});

describe('make-default on a backend without a default token', () => {
  const cluster = useFakeCluster();
  it('says the backend has no default token (exit 1) and sends no write', async () => {
    const result = await runTokentui(['make-default', 'abcdef', '--confirm', 'abcdef'], { env: cluster.env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/this backend has no default token/);
    expect(cluster.apiserver.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });
});
