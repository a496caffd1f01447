// A fresh, empty database for one reference-server test: a SQLite file in a temporary
// directory, or (TOKENTUI_TEST_STORE=postgres, the `postgres` vitest project) a new database
// on the PostgreSQL of scripts/pg/with-postgres.sh, dropped afterwards. Both are real: the
// server's whole suite runs against each.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { removeScratch } from './at-rest.ts';

export type StoreKind = 'sqlite' | 'postgres';

export interface TestDatabase {
  readonly kind: StoreKind;
  /** For startTokenServer: { dbPath } or { databaseUrl }. */
  readonly options: { readonly dbPath: string } | { readonly databaseUrl: string };
  /** For a `serve` process: its flags and environment (the URL, with its password, only in the environment). */
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Every file the data may be in (PostgreSQL: after a checkpoint, the cluster's data and WAL). */
  dataFiles(): Promise<string[]>;
  remove(): Promise<void>;
}

export function testStoreKind(): StoreKind {
  return process.env['TOKENTUI_TEST_STORE'] === 'postgres' ? 'postgres' : 'sqlite';
}

export function postgresAdminUrl(): string {
  const url = process.env['TOKENTUI_PG_URL'];
  if (url === undefined || url === '') {
    throw new Error('TOKENTUI_PG_URL is not set: run PostgreSQL tests inside scripts/pg/with-postgres.sh (npm test does)');
  }
  return url;
}

export async function adminQuery(sql: string, url = postgresAdminUrl()): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `tt_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  const state = process.env['TOKENTUI_PG_STATE'] ?? '';
  return {
    kind: 'postgres',
    options: { databaseUrl: url.toString() },
    args: [],
    env: { TOKENTUI_DATABASE_URL: url.toString() },
    async dataFiles() {
      await adminQuery('CHECKPOINT');
      return [...filesUnder(join(state, 'data', 'base')), ...filesUnder(join(state, 'data', 'pg_wal'))];
    },
    remove: async () => void (await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

export function createSqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'tokentui-rest-'));
  const dbPath = join(dir, 'tokens.db');
  return {
    kind: 'sqlite',
    options: { dbPath },
    args: ['--db', dbPath],
    env: {},
    dataFiles: async () => filesUnder(dir),
    remove: async () => removeScratch(dir),
  };
}

export function createTestDatabase(kind: StoreKind = testStoreKind()): Promise<TestDatabase> {
  return kind === 'postgres' ? createPostgresDatabase() : Promise.resolve(createSqliteDatabase());
}
