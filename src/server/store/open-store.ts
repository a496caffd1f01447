// Opens the store the server was configured with: the SQLite file (the embedded default) or a
// PostgreSQL database (shared by replicas). The PostgreSQL code and its driver are imported
// only here and only for a postgres:// location.
import { createSqlStore, type StoreOptions } from './sql-store.ts';
import { openSqliteDatabase } from './sqlite.ts';
import type { TokenStore } from './token-store.ts';

export type StoreLocation =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number };

export interface OpenStoreOptions extends StoreOptions {
  /** Connection trouble worth an operator's attention (already free of passwords). */
  readonly log?: (line: string) => void;
}

export async function openStore(location: StoreLocation, options: OpenStoreOptions): Promise<TokenStore> {
  if (location.kind === 'sqlite') {
    const { database, migration } = await openSqliteDatabase(location.path);
    return createSqlStore(database, migration, options);
  }
  const { openPostgresDatabase } = await import('./postgres.ts');
  const { database, migration } = await openPostgresDatabase({ url: location.url, poolSize: location.poolSize, log: options.log });
  return createSqlStore(database, migration, options);
}

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}
