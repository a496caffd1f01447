// The shared store: PostgreSQL through the `pg` driver, loaded only when a postgres:// URL is
// given (dynamic import), so the CLI's start-up never pays for it.
//
// Exactly-once redemption and If-Match revocation across replicas come from the database:
// each is one READ COMMITTED transaction that reads the token row with SELECT … FOR UPDATE
// before deciding. A second transaction on any replica blocks on that row lock until the
// first commits, then re-reads the committed row (uses counted, version bumped) and refuses.
// No in-process lock takes part. Deadlocks and serialization failures are retried whole.
// Events reach other replicas by NOTIFY in the writing transaction (delivered at commit) to a
// LISTEN connection on each replica, which then reads the event log (event-log.ts).
import type { Client, ClientConfig, PoolClient } from 'pg';
import { applyMigrations } from './migrations.ts';
import { StoreUnavailableError, type OpenedDatabase, type SqlDatabase, type SqlTx, type SqlValue, type UnavailableReason } from './sql.ts';
import { postgresUnavailableReason, withoutPassword } from './postgres-errors.ts';

export interface PostgresOptions {
  /** postgres:// URL; may hold the password (it then never leaves this process's memory). */
  readonly url: string;
  readonly poolSize?: number;
  readonly log?: (line: string) => void;
}

const EVENTS_CHANNEL = 'tokentui_events';
// Arbitrary, fixed: every replica's migration takes this transaction-scoped advisory lock first.
const MIGRATION_LOCK = 7_451_870_331;
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;

function classify(error: unknown): unknown {
  const reason: UnavailableReason | null = postgresUnavailableReason(error);
  return reason === null ? error : new StoreUnavailableError(reason, (error as Error).message);
}

const numberedCache = new Map<string, string>();
/** `?` placeholders -> `$1, $2, …` (the store's SQL has no `?` anywhere else). */
function numbered(sql: string): string {
  let text = numberedCache.get(sql);
  if (text === undefined) {
    let index = 0;
    text = sql.replace(/\?/g, () => `$${++index}`);
    numberedCache.set(sql, text);
  }
  return text;
}

function transactionOn(client: PoolClient): SqlTx {
  const query = (sql: string, params: SqlValue[]) => client.query(numbered(sql), params);
  return {
    lockSuffix: ' FOR UPDATE',
    get: async <T>(sql: string, ...params: SqlValue[]) => (await query(sql, params)).rows[0] as T | undefined,
    all: async <T>(sql: string, ...params: SqlValue[]) => (await query(sql, params)).rows as T[],
    run: async (sql: string, ...params: SqlValue[]) => (await query(sql, params)).rowCount ?? 0,
    batches: async function* <T>(size: number, sql: string, ...params: SqlValue[]) {
      const { rows } = await query(sql, params);
      for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size) as T[];
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function openPostgresDatabase(options: PostgresOptions): Promise<OpenedDatabase> {
  const { default: pg } = await import('pg');
  const types = new pg.TypeOverrides();
  // BIGINT columns hold epoch milliseconds and sequence numbers, all far below 2^53.
  types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  const config: ClientConfig = {
    connectionString: options.url,
    application_name: 'tokentui-serve',
    types,
    connectionTimeoutMillis: 5000,
    statement_timeout: 10_000,
    query_timeout: 15_000,
    keepAlive: true,
  };
  const log = options.log ?? (() => undefined);
  const pool = new pg.Pool({ ...config, max: options.poolSize ?? 10, idleTimeoutMillis: 10_000 });
  // An idle client whose server went away: the pool drops it; without a listener it would crash us.
  pool.on('error', (error) => log(`database connection lost: ${error.message}`));

  async function transaction<T>(begin: string, work: (tx: SqlTx, client: PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let client: PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw classify(error);
      }
      let broken: Error | undefined;
      // A checked-out client is no longer watched by the pool: if its server goes away mid-
      // transaction (PostgreSQL stopped, failover), its 'error' event would crash the process.
      // The pending query rejects as well, so the error is handled there; here it is only noted.
      const onLost = (error: Error) => {
        broken = error;
      };
      client.on('error', onLost);
      try {
        await client.query(begin);
        const result = await work(transactionOn(client), client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'string' && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) {
          await sleep(Math.random() * 10 * attempt);
          continue;
        }
        throw classify(error);
      } finally {
        client.off('error', onLost);
        client.release(broken);
      }
    }
  }

  let migration;
  try {
    migration = await transaction('BEGIN', async (tx, client) => {
      await tx.run(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      return applyMigrations(tx, 'postgres', async (script) => void (await client.query(script)));
    });
  } catch (error) {
    await pool.end();
    throw error;
  }

  const foreign = new Set<() => void>();
  let listener: EventListenerConnection | undefined;
  const database: SqlDatabase = {
    dialect: 'postgres',
    location: withoutPassword(options.url),
    write: (work) => transaction('BEGIN', work),
    read: (work) => transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', work),
    announceEvents: async (tx) => void (await tx.run(`SELECT pg_notify('${EVENTS_CHANNEL}', '')`)),
    onForeignEvents: (callback) => {
      foreign.add(callback);
      listener ??= listenForEvents(() => new pg.Client(config), () => foreign.forEach((notify) => notify()), log);
      return () => foreign.delete(callback);
    },
    recover: async () => false, // the pool opens fresh connections by itself
    close: async () => {
      await listener?.stop();
      await pool.end();
    },
  };
  return { database, migration };
}

interface EventListenerConnection {
  stop(): Promise<void>;
}

/**
 * One LISTEN connection, re-established with backoff whenever it drops. `notify` also runs
 * after every (re)connect, so events appended while it was away are read then.
 */
function listenForEvents(newClient: () => Client, notify: () => void, log: (line: string) => void): EventListenerConnection {
  let stopped = false;
  let current: Client | undefined;
  let delayMs = 250;
  let wake = () => undefined as void;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const loop = async () => {
    while (!stopped) {
      const client = newClient();
      client.on('error', () => undefined); // followed by 'end', handled below
      const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
      try {
        await client.connect();
        await client.query(`LISTEN ${EVENTS_CHANNEL}`);
        current = client;
        delayMs = 250;
        client.on('notification', () => notify());
        notify();
        await ended;
      } catch (error) {
        if (!stopped) log(`event listener: ${(error as Error).message}; retrying`);
        await client.end().catch(() => undefined);
      }
      current = undefined;
      if (!stopped) {
        await pause(delayMs);
        delayMs = Math.min(5000, delayMs * 2);
      }
    }
  };
  const running = loop();
  return {
    stop: async () => {
      stopped = true;
      wake(); // a stop during the back-off does not wait it out
      await current?.end().catch(() => undefined);
      await running;
    },
  };
}
