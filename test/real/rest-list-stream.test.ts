// The token list of a real reference server process (`node src/server/main.ts`, SQLite) over
// loopback, bigger than one of the store's batches (TOKEN_LIST_BATCH): sent as it is read
// (chunked, no Content-Length) and read back whole and in order by the rest adapter, with the
// snapshot's eventSeq and the default token marked, exactly as the store lists it in one piece.
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRestAdapter } from '../../src/adapters/rest/index.ts';
import { systemClock } from '../../src/core/clock.ts';
import { isUsedUp } from '../../src/core/token.ts';
import type { WireCreatedToken, WireTokenList } from '../../src/rest-contract/wire.ts';
import { createSqlStore } from '../../src/server/store/sql-store.ts';
import { openSqliteDatabase } from '../../src/server/store/sqlite.ts';
import { TOKEN_LIST_BATCH } from '../../src/server/store/tokens.ts';
import { randomApiKey, spawnServerProcess, tempDir, type ServerProcess } from '../support/rest-server.ts';

const SEEDED = TOKEN_LIST_BATCH * 2 + 345;
const scratch = tempDir('tokentui-rest-stream-');
const dbPath = join(scratch.path, 'tokens.db');
const apiKey = randomApiKey();
let server: ServerProcess;
let minted: WireCreatedToken;

/** SEEDED tokens written straight into the schema (minting each would fsync each). */
async function seed(): Promise<void> {
  const { database } = await openSqliteDatabase(dbPath);
  await database.close();
  const db = new DatabaseSync(dbPath);
  const insert = db.prepare(
    'INSERT INTO tokens (id, secret_hash, description, scope, created_at, created_by, expires_at, max_uses, uses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const now = Date.now();
  db.exec('BEGIN');
  for (let index = 0; index < SEEDED; index++) {
    const id = (index * 7919 + 46_656).toString(36).padStart(6, '0');
    // Every tenth pair shares a created_at, so the id decides their order.
    const createdAt = now - 10_000_000 + index - (index % 10 === 1 ? 1 : 0);
    insert.run(id, new Uint8Array(32), `seeded ${index}`, index % 2 ? 'edge' : 'workers', createdAt, 'seed', index % 7 === 0 ? null : now + 3_600_000, index % 3 === 0 ? 1 : null, index % 6 === 0 ? 1 : 0);
  }
  db.exec('COMMIT');
  db.close();
}

beforeAll(async () => {
  await seed();
  server = await spawnServerProcess(['--listen', '127.0.0.1:0', '--db', dbPath, '--api-key-env', 'ops=TEST_KEY', '--quiet'], { TEST_KEY: apiKey });
  // One change through the API: an event (eventSeq > 0), and the newest token is the default.
  const mint = await fetch(`${server.url}/api/v1/tokens`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: '{"description":"minted"}' });
  minted = (await mint.json()) as WireCreatedToken;
  const made = await fetch(`${server.url}/api/v1/tokens/${minted.token.id}/make-default`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}` } });
  expect(made.status).toBe(200);
});

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  scratch.remove();
});

/** What the store lists in one piece, read from the same file in this process. */
async function storeList(): Promise<WireTokenList> {
  const { database, migration } = await openSqliteDatabase(dbPath);
  const store = createSqlStore(database, migration, { clock: systemClock, mode: 'unique' });
  try {
    return await store.listTokens();
  } finally {
    await store.close();
  }
}

describe('the reference server streams a token list bigger than a batch', () => {
  it('answers chunked, with the same JSON as the whole list', async () => {
    const response = await fetch(`${server.url}/api/v1/tokens`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-length')).toBeNull();
    const answer = (await response.json()) as WireTokenList;
    const whole = await storeList();
    expect(answer.items).toHaveLength(SEEDED + 1);
    expect(answer.eventSeq).toBeGreaterThan(0);
    // Statuses are as of each read's own instant: compare everything else exactly.
    const withoutStatus = (list: WireTokenList) => list.items.map(({ status: _status, ...rest }) => rest);
    expect(withoutStatus(answer)).toEqual(withoutStatus(whole));
    expect(answer.eventSeq).toBe(whole.eventSeq);
  });

  it('is listed whole and in order by the rest adapter', async () => {
    const adapter = await createRestAdapter({ adapter: 'rest', context: 'stream', server: server.url, apiKey }, { clock: systemClock });
    try {
      const tokens = await adapter.list();
      expect(tokens).toHaveLength(SEEDED + 1);
      const whole = await storeList();
      expect(tokens.map((token) => token.id)).toEqual(whole.items.map((item) => item.id));
      expect(tokens.filter((token) => token.isDefault).map((token) => token.id)).toEqual([minted.token.id]);
      expect(tokens.at(-1)?.id).toBe(minted.token.id);
      // Seeded used-up tokens are valid records in the used-up state (core/token.ts), not invalid ones.
      expect(tokens.filter((token) => isUsedUp(token) && token.invalidReason === null).length).toBeGreaterThan(0);
    } finally {
      await adapter.close?.();
    }
  });
});
