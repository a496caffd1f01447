// Operator authentication, loopback-only listening, and secrets that never reach the
// database's files (SQLite's, or the PostgreSQL cluster's tables and WAL), the log or an error message.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WireTokenList } from '../../src/rest-contract/wire.ts';
import { startTokenServer } from '../../src/server/server.ts';
import { startServerFixture, type ServerFixture } from './fixtures.ts';
import { randomApiKey, tempDir } from '../support/rest-server.ts';

let fixture: ServerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('operator authentication', () => {
  it('answers 401 with a Bearer challenge without a key or with a wrong one', async () => {
    fixture = await startServerFixture();
    for (const key of [undefined, randomApiKey()]) {
      const response = await fixture.request('GET', '/api/v1/tokens', key === undefined ? {} : { key });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
    expect((await fixture.request('GET', '/api/v1/health')).status).toBe(200);
  });

  it('lets a read-only key read but not mint (403)', async () => {
    fixture = await startServerFixture();
    expect((await fixture.request('GET', '/api/v1/tokens', { key: fixture.readerKey })).status).toBe(200);
    const mint = await fixture.request('POST', '/api/v1/tokens', { key: fixture.readerKey, json: {} });
    expect(mint.status).toBe(403);
    expect((await fixture.request<WireTokenList>('GET', '/api/v1/tokens', { key: fixture.apiKey })).body.items).toEqual([]);
  });

  it('refuses to listen off loopback unless allowed, and refuses weak or missing keys', async () => {
    const dir = tempDir();
    try {
      const base = { dbPath: join(dir.path, 'x.db'), apiKeys: [{ name: 'a', key: randomApiKey() }] };
      await expect(startTokenServer({ ...base, listen: '0.0.0.0:0' })).rejects.toThrow(/loopback/);
      await expect(startTokenServer({ ...base, listen: '[::]:0' })).rejects.toThrow(/loopback/);
      await expect(startTokenServer({ ...base, apiKeys: [] })).rejects.toThrow(/at least one API key/);
      await expect(startTokenServer({ ...base, apiKeys: [{ name: 'a', key: 'short' }] })).rejects.toThrow(/too short/);
    } finally {
      dir.remove();
    }
  });
});

describe('secrets', () => {
  it('keeps only hashes in the database files, and never logs or echoes a secret', async () => {
    const log: string[] = [];
    fixture = await startServerFixture({ log: (line) => log.push(line) });
    const { secret } = await fixture.mint({ description: 'hashed' });
    const redeemed = await fixture.redeem(secret, 'node-1');
    const credential = redeemed.body.credential as string;
    expect(credential).toMatch(/^tmc_/);
    // A pasted secret in a path and in a description: answered without repeating it.
    const inPath = await fixture.request('GET', `/api/v1/tokens/${secret}`, { key: fixture.apiKey });
    expect(inPath.status).toBe(404);
    const inRevoke = await fixture.request('DELETE', `/api/v1/tokens/${secret}`, { key: fixture.apiKey });
    expect(inRevoke.status).toBe(428);
    const inDescription = await fixture.request('POST', '/api/v1/tokens', { key: fixture.apiKey, json: { description: `for ${secret}` } });
    expect(inDescription.status).toBe(422);
    const answers = JSON.stringify([inPath.body, inRevoke.body, inDescription.body, await fixture.audit()]);

    const privatePart = secret.split('.')[1] as string;
    const files = await fixture.database!.dataFiles();
    // The write-ahead log holds every change before it reaches the tables: it must be among the files read.
    expect(files.some((file) => (fixture!.database!.kind === 'sqlite' ? file.endsWith('-wal') : file.includes('pg_wal')))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const form of [privatePart, credential, fixture.apiKey]) expect(bytes.includes(form), `${form} in ${file}`).toBe(false);
    }
    expect(log.some((line) => line.startsWith('GET /api/v1/tokens/'))).toBe(true);
    for (const text of [log.join('\n'), answers]) {
      expect(text).not.toContain(privatePart);
      expect(text).not.toContain(fixture.apiKey);
    }
  });
});
