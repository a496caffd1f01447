// The embedded store: one SQLite file through node:sqlite (no native build, nothing to set up).
//
// Durability: WAL with synchronous=FULL fsyncs the log on every commit, so a response is only
// sent for a change that is on disk: an acknowledged mint survives SIGKILL and power loss.
// Atomicity: every write is one BEGIN IMMEDIATE transaction, which takes the database's write
// lock up front, so two redemptions of a single-use token, even from two processes on one
// file, cannot both see it unused. Within a process the one connection runs one transaction
// at a time (a queue), because the store's operations are async and must not interleave.
// Waiting for another connection's lock never blocks the event loop: busy_timeout is 0 and a
// transaction that finds the database locked is retried after a short timer, for up to 5 s.
// (A blocking wait would freeze the connection holding the lock too, when both live in one
// process.)
// Files: created mode 0600 (SQLite gives its -wal and -shm files the database file's mode).
import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { applyMigrations } from './migrations.ts';
import { StoreUnavailableError, type MigrationResult, type OpenedDatabase, type SqlDatabase, type SqlTx, type SqlValue, type UnavailableReason } from './sql.ts';

// SQLite's primary result codes (the low byte of an extended code).
const UNAVAILABLE_CODES: Readonly<Record<number, UnavailableReason>> = {
  5: 'database-busy', // SQLITE_BUSY: another process held the lock past busy_timeout
  6: 'database-busy', // SQLITE_LOCKED
  8: 'database-read-only', // SQLITE_READONLY
  10: 'database-unreachable', // SQLITE_IOERR
  13: 'database-full', // SQLITE_FULL
  14: 'database-unreachable', // SQLITE_CANTOPEN
};

const BUSY_DEADLINE_MS = 5000;

function isBusy(error: unknown): boolean {
  const code = (error as { errcode?: unknown }).errcode;
  return typeof code === 'number' && ((code & 0xff) === 5 || (code & 0xff) === 6);
}

function classify(error: unknown): unknown {
  const code = (error as { errcode?: unknown }).errcode;
  const reason = typeof code === 'number' ? UNAVAILABLE_CODES[code & 0xff] : undefined;
  return reason === undefined ? error : new StoreUnavailableError(reason, (error as Error).message);
}

/** Creates the file owner-only, and takes group and other bits off existing ones (never adds write). */
function ensurePrivateFiles(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (!existsSync(file)) continue;
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) === 0) continue;
    try {
      chmodSync(file, mode & 0o700);
    } catch {
      // Not ours to change (another owner): the server still runs, as before.
    }
  }
}

export interface SqliteOptions {
  /** FULL (always, for serving). OFF only to seed benchmark data quickly: no fsync at all. */
  readonly synchronous?: 'FULL' | 'OFF';
}

function connect(path: string, options: SqliteOptions): DatabaseSync {
  const db = new DatabaseSync(path);
  try {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec(`PRAGMA synchronous = ${options.synchronous === 'OFF' ? 'OFF' : 'FULL'}`);
    db.exec('PRAGMA foreign_keys = ON');
    db.exec('PRAGMA busy_timeout = 0');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function transactionOn(db: DatabaseSync): SqlTx {
  const statements = new Map<string, StatementSync>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    lockSuffix: '',
    get: async <T>(sql: string, ...params: SqlValue[]) => prepare(sql).get(...params) as T | undefined,
    all: async <T>(sql: string, ...params: SqlValue[]) => prepare(sql).all(...params) as T[],
    run: async (sql: string, ...params: SqlValue[]) => Number(prepare(sql).run(...params).changes),
    // A statement of its own, not the cache's: the caller may read other rows between batches.
    // Its iterator is closed (the statement reset) however the loop ends, before COMMIT runs.
    batches: async function* <T>(size: number, sql: string, ...params: SqlValue[]) {
      let batch: T[] = [];
      for (const row of db.prepare(sql).iterate(...params)) {
        batch.push(row as T);
        if (batch.length < size) continue;
        yield batch;
        batch = [];
      }
      if (batch.length > 0) yield batch;
    },
  };
}

export async function openSqliteDatabase(path: string, options: SqliteOptions = {}): Promise<OpenedDatabase> {
  ensurePrivateFiles(path);
  let db = connect(path, options);
  let tx = transactionOn(db);
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  };
  const attempt = async <T>(begin: string, work: (tx: SqlTx) => Promise<T>): Promise<T> => {
    try {
      db.exec(begin);
      const result = await work(tx);
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  };
  const inTransaction = <T>(begin: string, work: (tx: SqlTx) => Promise<T>): Promise<T> =>
    exclusive(async () => {
      const deadline = performance.now() + BUSY_DEADLINE_MS;
      for (let wait = 1; ; wait = Math.min(wait * 2, 25)) {
        try {
          return await attempt(begin, work);
        } catch (error) {
          if (!isBusy(error) || performance.now() > deadline) throw classify(error);
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      }
    });

  let migration: MigrationResult;
  try {
    migration = await inTransaction('BEGIN IMMEDIATE', (migrating) =>
      applyMigrations(migrating, 'sqlite', async (script) => db.exec(script)),
    );
  } catch (error) {
    db.close();
    throw error;
  }

  const database: SqlDatabase = {
    dialect: 'sqlite',
    location: path,
    write: (work) => inTransaction('BEGIN IMMEDIATE', work),
    read: (work) => inTransaction('BEGIN', work),
    announceEvents: async () => undefined,
    // Other processes on the same file are noticed by the event hub's polling.
    onForeignEvents: () => () => undefined,
    // SQLite decides at open whether a file is writable: reopen to notice that it has become so.
    recover: () =>
      exclusive(async () => {
        const fresh = connect(path, options);
        db.close();
        db = fresh;
        tx = transactionOn(db);
        return true;
      }),
    close: () => exclusive(async () => db.close()),
  };
  return { database, migration };
}
