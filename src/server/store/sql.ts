// The SQL a store runs, in one shape for both databases: `?` placeholders (PostgreSQL's driver
// gets them numbered), and `lockSuffix` after a SELECT whose rows the transaction will change:
// ` FOR UPDATE` on PostgreSQL; nothing on SQLite, where BEGIN IMMEDIATE already holds the
// database's single write lock for the whole transaction.
export type SqlValue = string | number | null | Uint8Array;

export interface SqlTx {
  get<T>(sql: string, ...params: SqlValue[]): Promise<T | undefined>;
  all<T>(sql: string, ...params: SqlValue[]): Promise<T[]>;
  /** Returns the number of rows changed. */
  run(sql: string, ...params: SqlValue[]): Promise<number>;
  /**
   * The rows in batches of up to `size`, for answers too big to build whole (the token list).
   * SQLite steps one statement, so only a batch of rows exists at a time; PostgreSQL's driver
   * reads them all first (the batches then only pace the caller). Leaving the loop early ends it.
   */
  batches<T>(size: number, sql: string, ...params: SqlValue[]): AsyncIterable<T[]>;
  readonly lockSuffix: string;
}

export type Dialect = 'sqlite' | 'postgres';

export interface MigrationResult {
  /** Versions applied by this call (empty when the schema was current). */
  readonly applied: readonly number[];
  readonly version: number;
}

/** A database as its opener returns it: ready, migrated, with what the migration did. */
export interface OpenedDatabase {
  readonly database: SqlDatabase;
  readonly migration: MigrationResult;
}

export interface SqlDatabase {
  readonly dialect: Dialect;
  /** Where it is, for people: a file path, or a URL without its password. */
  readonly location: string;
  /** One write transaction: committed when `work` resolves, rolled back when it throws. */
  write<T>(work: (tx: SqlTx) => Promise<T>): Promise<T>;
  /** One read-only transaction on a consistent snapshot. */
  read<T>(work: (tx: SqlTx) => Promise<T>): Promise<T>;
  /** Inside a write that appended events, before it commits: tell the other replicas. */
  announceEvents(tx: SqlTx): Promise<void>;
  /** `listener` runs when another replica may have appended events; returns the unsubscribe. */
  onForeignEvents(listener: () => void): () => void;
  /** Makes a database that could not be written to try again; false when there is nothing to redo. */
  recover(): Promise<boolean>;
  close(): Promise<void>;
}

/** Why the store cannot serve right now; the server answers 503 with it. */
export type UnavailableReason = 'database-unreachable' | 'database-read-only' | 'database-full' | 'database-busy';

const REASON_TEXT: Record<UnavailableReason, string> = {
  'database-unreachable': 'the token database cannot be reached',
  'database-read-only': 'the token database is read-only, so nothing can be minted, redeemed or revoked',
  'database-full': 'the token database has no space left',
  'database-busy': 'the token database did not answer in time',
};

/**
 * The database is there but cannot do the work now (unreachable, read-only, full, timed out).
 * `message` is safe to send to clients (no path, host or password); `detail` is the driver's
 * own words, for the server's log.
 */
export class StoreUnavailableError extends Error {
  readonly reason: UnavailableReason;
  readonly detail: string;

  constructor(reason: UnavailableReason, detail: string) {
    super(REASON_TEXT[reason]);
    this.name = 'StoreUnavailableError';
    this.reason = reason;
    this.detail = detail;
  }
}
