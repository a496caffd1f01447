// The server as a real process (`node src/server/main.ts`): durability under SIGKILL, two
// processes on one database, and the generated-key notice. On the store under test: a SQLite
// file, or (the `postgres` project) a PostgreSQL database whose URL is in the environment.
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { WireCreatedToken, WireTokenList } from '../../src/rest-contract/wire.ts';
import { randomApiKey, spawnServerProcess, type ServerProcess } from '../support/rest-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const running: ServerProcess[] = [];
const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await server.exited;
  }
  for (const database of databases.splice(0)) await database.remove();
});

async function spawnOn(database: TestDatabase, key: string, extra: string[] = []): Promise<ServerProcess> {
  const server = await spawnServerProcess(
    ['--listen', '127.0.0.1:0', ...database.args, '--api-key-env', 'ops=TEST_KEY', '--quiet', ...extra],
    { TEST_KEY: key, ...database.env },
  );
  running.push(server);
  return server;
}

async function newDb(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

describe('reference server process', () => {
  it('keeps every acknowledged mint when killed with SIGKILL during a burst', async () => {
    const database = await newDb();
    const key = randomApiKey();
    const first = await spawnOn(database, key);
    const acknowledged: string[] = [];
    let failures = 0;
    const deadline = Date.now() + 10_000;
    const KILL_AFTER = 150;
    const mintLoop = async () => {
      // Bounded: stops at the kill (connection refused) or the deadline, whichever comes first.
      while (Date.now() < deadline && failures === 0) {
        try {
          const response = await fetch(`${first.url}/api/v1/tokens`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify({ description: 'burst' }),
          });
          if (response.status !== 201) throw new Error(`status ${response.status}`);
          acknowledged.push(((await response.json()) as WireCreatedToken).token.id);
          if (acknowledged.length === KILL_AFTER) first.child.kill('SIGKILL');
        } catch {
          failures += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, mintLoop));
    expect(await first.exited).toBeNull(); // killed by a signal, not exited
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(failures, 'requests were in flight when the server died').toBeGreaterThan(0);

    const second = await spawnOn(database, key);
    const list = (await (await fetch(`${second.url}/api/v1/tokens`, { headers: { authorization: `Bearer ${key}` } })).json()) as WireTokenList;
    const present = new Set(list.items.map((token) => token.id));
    expect(acknowledged.filter((id) => !present.has(id))).toEqual([]);
    if ('dbPath' in database.options) {
      const db = new DatabaseSync(database.options.dbPath, { readOnly: true });
      try {
        expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
        expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
      } finally {
        db.close();
      }
    }
  }, 30_000);

  it('lets exactly one redemption of a single-use token succeed across two processes on one database', async () => {
    const database = await newDb();
    const key = randomApiKey();
    const [left, right] = [await spawnOn(database, key), await spawnOn(database, key)];
    const minted = await fetch(`${left!.url}/api/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ maxUses: 1 }),
    });
    const { secret } = (await minted.json()) as WireCreatedToken;
    // 20 per process: within the default per-client burst, so no attempt is rate-limited.
    const statuses = await Promise.all(
      Array.from({ length: 40 }, async (_, index) => {
        const server = index % 2 === 0 ? left! : right!;
        const response = await fetch(`${server.url}/api/v1/bootstrap`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: secret, machine: `racer-${index}` }),
        });
        return response.status;
      }),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 410)).toHaveLength(39);
  }, 30_000);

  it('prints a generated API key once, on stderr, when none is configured', async () => {
    const database = await newDb();
    const server = await spawnServerProcess(['--listen', '127.0.0.1:0', ...database.args, '--quiet'], database.env);
    running.push(server);
    const keyLines = server.stderrLines.filter((line) => /^\s+ttk_[A-Za-z0-9_-]{43}$/.test(line));
    expect(keyLines).toHaveLength(1);
    expect(server.stderrLines.join('\n')).toMatch(/shown only this once/);
    const key = keyLines[0]!.trim();
    const ok = await fetch(`${server.url}/api/v1/capabilities`, { headers: { authorization: `Bearer ${key}` } });
    expect(ok.status).toBe(200);
    const wrong = await fetch(`${server.url}/api/v1/capabilities`, { headers: { authorization: `Bearer ${randomApiKey()}` } });
    expect(wrong.status).toBe(401);
  });

  it('exits 2 with a message when an --api-key-env variable is not set', async () => {
    await expect(
      spawnServerProcess(['--listen', '127.0.0.1:0', ...(await newDb()).args, '--api-key-env', 'NOT_SET_ANYWHERE']),
    ).rejects.toThrow(/exited with 2.*NOT_SET_ANYWHERE.*is not set/s);
  });
});
