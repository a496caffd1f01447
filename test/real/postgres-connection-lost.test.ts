// A replica's database connection dies while a transaction holds it (PostgreSQL stopped or
// failed over between two statements): the transaction fails with the store's own error and
// the process lives on. node-postgres emits 'error' on a checked-out client with no query in
// flight, and an 'error' event nobody listens to kills the process: that was a replica crash
// seen once in several runs of postgres-outage.test.ts. Here the backend is terminated on
// purpose at exactly that moment, so the crash (an unhandled error, which fails the run) is not
// left to chance. Runs inside scripts/pg/with-postgres.sh (npm test wraps the real suite in it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresDatabase } from '../../src/server/store/postgres.ts';
import type { SqlDatabase } from '../../src/server/store/sql.ts';
import { adminQuery, createPostgresDatabase, type TestDatabase } from '../support/test-database.ts';

let testDatabase: TestDatabase;
let database: SqlDatabase;

beforeAll(async () => {
  testDatabase = await createPostgresDatabase();
  const options = testDatabase.options as { databaseUrl: string };
  database = (await openPostgresDatabase({ url: options.databaseUrl, poolSize: 2 })).database;
});
afterAll(async () => {
  await database.close();
  await testDatabase.remove();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a PostgreSQL connection lost in the middle of a transaction', () => {
  it('fails that transaction, does not crash the process, and the next transaction gets a fresh connection', async () => {
    let victim = 0;
    const interrupted = database.write(async (tx) => {
      victim = (await tx.get<{ pid: number }>('SELECT pg_backend_pid() AS pid'))!.pid;
      await adminQuery(`SELECT pg_terminate_backend(${victim})`);
      // The client is checked out with no query in flight when the server's goodbye arrives.
      await pause(300);
      await tx.get('SELECT 1 AS one');
    });
    await expect(interrupted).rejects.toThrow();
    expect(victim).toBeGreaterThan(0);

    const next = await database.write(async (tx) => (await tx.get<{ pid: number }>('SELECT pg_backend_pid() AS pid'))!.pid);
    expect(next).not.toBe(victim);
  });
});
