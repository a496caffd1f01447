// The schema, as numbered migrations with one script per database. A store applies the ones
// its database lacks at start, inside one exclusive transaction (SQLite: BEGIN IMMEDIATE;
// PostgreSQL: a transaction-scoped advisory lock taken first), so replicas starting at once
// migrate once: the others wait, then find nothing left to do. `tokentui serve --migrate-only`
// does just this and exits.
import type { Dialect, MigrationResult, SqlTx } from './sql.ts';

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: Readonly<Record<Dialect, string>>;
}

const APPEND_ONLY_MESSAGE = 'the audit log is append-only';

/** In order, never edited once released: a database an older release left is brought up by the rest. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'tokens, machines, settings, audit',
    sql: {
      // The schema of the releases before migrations existed, so their databases carry on as they are.
      sqlite: `
        CREATE TABLE IF NOT EXISTS tokens (
          id TEXT PRIMARY KEY, secret_hash BLOB NOT NULL, description TEXT NOT NULL, scope TEXT NOT NULL,
          created_at INTEGER NOT NULL, created_by TEXT NOT NULL, expires_at INTEGER, max_uses INTEGER,
          uses INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 1, revoked_at INTEGER, revoked_by TEXT
        ) STRICT;
        CREATE TABLE IF NOT EXISTS machines (
          id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, join_token_id TEXT NOT NULL REFERENCES tokens(id),
          credential_hash BLOB, state TEXT NOT NULL CHECK (state IN ('enrolling', 'joined')),
          enrolled_at INTEGER NOT NULL, joined_at INTEGER
        ) STRICT;
        CREATE INDEX IF NOT EXISTS machines_by_token ON machines(join_token_id);
        CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT) STRICT;
        CREATE TABLE IF NOT EXISTS audit (
          seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, action TEXT NOT NULL, outcome TEXT NOT NULL,
          actor TEXT NOT NULL, token_id TEXT, machine TEXT, reason TEXT, client TEXT
        ) STRICT;`,
      postgres: `
        CREATE TABLE tokens (
          id TEXT PRIMARY KEY, secret_hash BYTEA NOT NULL, description TEXT NOT NULL, scope TEXT NOT NULL,
          created_at BIGINT NOT NULL, created_by TEXT NOT NULL, expires_at BIGINT, max_uses INTEGER,
          uses INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 1, revoked_at BIGINT, revoked_by TEXT
        );
        CREATE TABLE machines (
          id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, join_token_id TEXT NOT NULL REFERENCES tokens(id),
          credential_hash BYTEA, state TEXT NOT NULL CHECK (state IN ('enrolling', 'joined')),
          enrolled_at BIGINT NOT NULL, joined_at BIGINT
        );
        CREATE INDEX machines_by_token ON machines(join_token_id);
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE audit (
          seq BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, action TEXT NOT NULL, outcome TEXT NOT NULL,
          actor TEXT NOT NULL, token_id TEXT, machine TEXT, reason TEXT, client TEXT
        );`,
    },
  },
  {
    version: 2,
    description: 'event log shared by replicas, append-only audit, readiness probe row',
    sql: {
      sqlite: `
        CREATE TABLE events (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL) STRICT;
        CREATE TABLE event_counter (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL) STRICT;
        INSERT INTO event_counter (id, seq) VALUES (1, 0);
        INSERT INTO settings (key, value) VALUES ('default_token_id', NULL), ('ready_probe', NULL) ON CONFLICT (key) DO NOTHING;
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY_MESSAGE}'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY_MESSAGE}'); END;`,
      postgres: `
        CREATE TABLE events (seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL);
        CREATE TABLE event_counter (id INTEGER PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL);
        INSERT INTO event_counter (id, seq) VALUES (1, 0);
        INSERT INTO settings (key, value) VALUES ('default_token_id', NULL), ('ready_probe', NULL) ON CONFLICT (key) DO NOTHING;
        CREATE FUNCTION tokentui_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION '${APPEND_ONLY_MESSAGE}' USING ERRCODE = 'insufficient_privilege'; END $$;
        CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
          FOR EACH ROW EXECUTE FUNCTION tokentui_audit_append_only();
        CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
          FOR EACH STATEMENT EXECUTE FUNCTION tokentui_audit_append_only();
        REVOKE UPDATE, DELETE, TRUNCATE ON audit FROM PUBLIC;`,
    },
  },
  {
    version: 3,
    description: 'tokens.replaces: the token a rotation minted this one to replace',
    sql: {
      sqlite: 'ALTER TABLE tokens ADD COLUMN replaces TEXT;',
      postgres: 'ALTER TABLE tokens ADD COLUMN replaces TEXT;',
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export const MIGRATIONS_TABLE: Readonly<Record<Dialect, string>> = {
  sqlite: 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT',
  postgres: 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)',
};

/**
 * Applies the missing migrations, in order, each recorded in schema_migrations. Runs inside
 * the caller's exclusive transaction; `exec` runs a multi-statement script in it.
 */
export async function applyMigrations(tx: SqlTx, dialect: Dialect, exec: (script: string) => Promise<void>): Promise<MigrationResult> {
  await exec(MIGRATIONS_TABLE[dialect]);
  const done = new Set((await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => row.version));
  const newest = Math.max(0, ...done);
  if (newest > SCHEMA_VERSION) {
    throw new Error(`the database schema is at version ${newest}, newer than this tokentui knows (${SCHEMA_VERSION}): upgrade tokentui`);
  }
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (done.has(migration.version)) continue;
    await exec(migration.sql[dialect]);
    await tx.run(
      'INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)',
      migration.version,
      migration.description,
      Date.now(),
    );
    applied.push(migration.version);
  }
  return { applied, version: SCHEMA_VERSION };
}
