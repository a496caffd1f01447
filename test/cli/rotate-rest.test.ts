// rotate through the rest adapter against the reference server over loopback, with the server's
// own request log: the replacement keeps scope and use limit and becomes the default before the
// old token is previewed; no DELETE without a matching --confirm; one DELETE with it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openCliRotationJournal } from '../../src/cli/audit-context.ts';
import type { RotateJson } from '../../src/cli/commands/rotate-report.ts';
import type { AuditRecord } from '../../src/core/audit.ts';
import { useReferenceServer } from './reference-server-fixture.ts';

const reference = useReferenceServer({ ttl: { maxSeconds: 7 * 86_400 } });
const { serverLog, cli } = reference;
const writes = () => serverLog.filter((line) => !line.startsWith('GET ')).map((line) => line.split(' ').slice(0, 2).join(' '));

interface ListedRest {
  id: string;
  isDefault: boolean;
  scope: string;
  description: string;
  maxUses: number | null;
  replaces?: string;
}

async function api<T = unknown>(method: string, path: string, json?: unknown): Promise<T> {
  const { url, apiKey } = reference.server;
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  expect(response.ok).toBe(true);
  return (await response.json()) as T;
}

/** A single-use default token with a scope, as an enrollment service would hold. */
async function defaultToken(): Promise<string> {
  const minted = await api<{ token: { id: string } }>('POST', '/api/v1/tokens', { ttlSeconds: 3600, maxUses: 1, scope: 'pool:a', description: 'workers' });
  await api('POST', `/api/v1/tokens/${minted.token.id}/make-default`);
  serverLog.length = 0;
  return minted.token.id;
}

async function listed(): Promise<ListedRest[]> {
  return JSON.parse((await cli('list', '-o', 'json')).stdout) as ListedRest[];
}

describe('rotate with the rest adapter', () => {
  it('without --confirm: replacement created like the old one and made the default; no DELETE; exit 3', async () => {
    const old = await defaultToken();
    const result = await cli('rotate', old);
    expect(result.code).toBe(3);
    const newId = /Replacement token (\S+) /.exec(result.stdout)?.[1];
    expect(result.stdout).toContain(`Made ${newId} the default token.\n`);
    expect(result.stderr).toBe(
      `tokentui: replacement ${newId} created; old token ${old} NOT revoked: run \`tokentui rotate ${old} --confirm ${old}\` to revoke it with the same replacement, or \`tokentui rotate --abandon ${old}\` to give the rotation up\n`,
    );
    expect(writes()).toEqual(['POST /api/v1/tokens', `POST /api/v1/tokens/${newId}/make-default`]);
    const tokens = await listed();
    expect(tokens.find((token) => token.id === newId)).toMatchObject({ isDefault: true, scope: 'pool:a', description: 'workers', maxUses: 1 });
    expect(tokens.find((token) => token.id === old)).toMatchObject({ isDefault: false });
  });

  it('--confirm OLD -o json: create, make default, one DELETE of the old token; audited without secrets', async () => {
    const old = await defaultToken();
    const result = await cli('rotate', old, '--confirm', old, '-o', 'json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as RotateJson;
    const newId = json.newTokenId!;
    expect(json).toMatchObject({ outcome: 'rotated', madeDefault: true, replacement: { id: newId, ttlSource: 'adapter-default' } });
    expect(json.completedSteps).toContain('make-default');
    expect(json.replacement!.joinCommand).toContain(json.replacement!.token);
    expect(writes()).toEqual(['POST /api/v1/tokens', `POST /api/v1/tokens/${newId}/make-default`, `DELETE /api/v1/tokens/${old}`]);
    const tokens = await listed();
    expect(tokens.map((token) => token.id)).not.toContain(old);
    expect(tokens.find((token) => token.id === newId)).toMatchObject({ isDefault: true });
    const journal = readFileSync(reference.state.journal, 'utf8');
    expect(journal).not.toContain(json.replacement!.token);
    const records = journal.trimEnd().split('\n').map((line) => JSON.parse(line) as AuditRecord).slice(-3);
    expect(records.map((record) => [record.action, record.tokenId, record.outcome])).toEqual([
      ['create', newId, 'success'],
      ['make-default', newId, 'success'],
      ['rotate', old, 'success'],
    ]);
  });

  it('rotate, then rotate --confirm: exactly one replacement (counted through GET /api/v1/tokens), which records what it replaces', async () => {
    const old = await defaultToken();
    const before = (await api<{ items: { id: string }[] }>('GET', '/api/v1/tokens')).items.length;
    const first = await cli('rotate', old, '-o', 'json');
    expect(first.code).toBe(3);
    const newId = (JSON.parse(first.stdout) as RotateJson).newTokenId!;
    const second = await cli('rotate', old, '--confirm', old, '-o', 'json');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ newTokenId: newId, resumed: true, outcome: 'rotated' });
    expect(writes()).toEqual(['POST /api/v1/tokens', `POST /api/v1/tokens/${newId}/make-default`, `DELETE /api/v1/tokens/${old}`]);
    const items = (await api<{ items: { id: string; replaces: string | null }[] }>('GET', '/api/v1/tokens')).items;
    expect(items).toHaveLength(before);
    expect(items.find((token) => token.id === newId)).toMatchObject({ replaces: old });
    expect((await listed()).find((token) => token.id === newId)).toMatchObject({ replaces: old });
  });

  it('a resumed rotation keeps the journaled create fields (scope, use limit) and what it replaces, run after run', async () => {
    const old = await defaultToken();
    const unfinished = () => {
      const home = reference.state.path;
      return openCliRotationJournal({ XDG_STATE_HOME: home, HOME: home }).listUnfinished().filter((state) => state.oldTokenId === old);
    };
    const first = await cli('rotate', old, '-o', 'json');
    expect(first.code).toBe(3);
    const newId = (JSON.parse(first.stdout) as RotateJson).newTokenId!;
    const journaled = { description: 'workers', fields: { scope: 'pool:a', maxUses: 1 }, replaces: old };
    expect(unfinished().map((state) => state.replacement)).toMatchObject([journaled]);
    // Resumed, and stopped again (no --confirm): the rewritten record still holds them.
    const second = await cli('rotate', old, '-o', 'json');
    expect(second.code).toBe(3);
    expect(JSON.parse(second.stdout)).toMatchObject({ newTokenId: newId, resumed: true });
    expect(unfinished()).toMatchObject([{ newTokenId: newId, status: 'stopped', replacement: journaled }]);
    const third = await cli('rotate', old, '--confirm', old, '-o', 'json');
    expect(third.code).toBe(0);
    expect(writes()).toEqual(['POST /api/v1/tokens', `POST /api/v1/tokens/${newId}/make-default`, `DELETE /api/v1/tokens/${old}`]);
    expect((await listed()).find((token) => token.id === newId)).toMatchObject({ isDefault: true, scope: 'pool:a', maxUses: 1, replaces: old });
    expect(unfinished()).toEqual([]);
  });

  it('a --ttl over the backend maximum exits 2 and creates nothing', async () => {
    const old = await defaultToken();
    const result = await cli('rotate', old, '--ttl', '8d', '--confirm', old);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tokentui: --ttl: TTL must be at most 7d for this backend \(the rest adapter\)\n/);
    expect(writes()).toEqual([]);
  });
});
