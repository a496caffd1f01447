// The SQLite file behind the reference server (node:sqlite, no native build).
//
// Durability: WAL with synchronous=FULL fsyncs the log on every commit, so a response is
// only sent for a change that is on disk: an acknowledged mint survives SIGKILL and power
// loss. (NORMAL would survive SIGKILL alone, but not a power cut.)
// Atomicity: every write runs in BEGIN IMMEDIATE, which takes the write lock up front, so
// two redemptions of a single-use token, even from two processes, cannot both see it unused.
import { DatabaseSync, type StatementSync } from 'node:sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY,
  secret_hash BLOB NOT NULL,
  description TEXT NOT NULL,
  scope TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  expires_at INTEGER,
  max_uses INTEGER,
  uses INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  revoked_at INTEGER,
  revoked_by TEXT
) STRICT;
CREATE TABLE IF NOT EXISTS machines (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  join_token_id TEXT NOT NULL REFERENCES tokens(id),
  credential_hash BLOB,
  state TEXT NOT NULL CHECK (state IN ('enrolling', 'joined')),
  enrolled_at INTEGER NOT NULL,
  joined_at INTEGER
) STRICT;
CREATE INDEX IF NOT EXISTS machines_by_token ON machines(join_token_id);
CREATE TABLE IF NOT EXISTS settings (
  key TEXT PRIMARY KEY,
  value TEXT
) STRICT;
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  action TEXT NOT NULL,
  outcome TEXT NOT NULL,
  actor TEXT NOT NULL,
  token_id TEXT,
  machine TEXT,
  reason TEXT,
  client TEXT
) STRICT;
`;

export function openDatabase(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec(SCHEMA);
  return db;
}

/** Runs `work` in one write transaction; rolls back when it throws. */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

export type PreparedStatements = (sql: string) => StatementSync;

/** Prepares each distinct statement once per database. */
export function preparedStatements(db: DatabaseSync): PreparedStatements {
  const cache = new Map<string, StatementSync>();
  return (sql) => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}
