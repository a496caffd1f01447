// Which database `tokentui serve` uses, and how the PostgreSQL password reaches it without
// ever being in argv (readable by every user through `ps`) or in a log line:
//   --db PATH                 SQLite file (the default: $XDG_DATA_HOME/tokentui/server.db)
//   --database postgres://…   a URL WITHOUT password; the password from PGPASSWORD or ~/.pgpass
//   --database-url-file PATH  a file holding the whole URL (a systemd credential, a k8s secret)
//   TOKENTUI_DATABASE_URL     the whole URL, when no flag names a database
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { isPostgresUrl, type StoreLocation } from './store/open-store.ts';
import { urlHasPassword } from './store/postgres-errors.ts';

export class ServeUsageError extends Error {}

export interface DatabaseArgs {
  readonly dbPath: string | null;
  readonly database: string | null;
  readonly databaseUrlFile: string | null;
}

export function defaultDbPath(env: NodeJS.ProcessEnv): string {
  const xdg = env['XDG_DATA_HOME'];
  const dataHome = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.local', 'share');
  return join(dataHome, 'tokentui', 'server.db');
}

/** Checks what argv alone can tell: one database flag at most, and no password in argv. */
export function checkDatabaseArgs(args: DatabaseArgs): void {
  const given = [args.dbPath && '--db', args.database && '--database', args.databaseUrlFile && '--database-url-file'].filter(Boolean);
  if (given.length > 1) throw new ServeUsageError(`${given.join(' and ')} both name a database: give one`);
  if (args.database === null) return;
  // Never repeat the URL: it may be exactly the secret being refused.
  if (!isPostgresUrl(args.database)) throw new ServeUsageError('--database must be a postgres:// URL (for a SQLite file use --db PATH)');
  if (urlHasPassword(args.database)) {
    throw new ServeUsageError(
      '--database must not carry the password: command lines are visible to every user (ps). Put the URL in ' +
        'TOKENTUI_DATABASE_URL or a file (--database-url-file PATH), or the password in PGPASSWORD or ~/.pgpass',
    );
  }
}

function withPassword(url: string, password: string | undefined): string {
  if (password === undefined || password === '' || urlHasPassword(url)) return url;
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

function urlFromFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new ServeUsageError(`cannot read --database-url-file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (!isPostgresUrl(text)) throw new ServeUsageError(`--database-url-file ${path} must hold one postgres:// URL`);
  return text;
}

export function resolveStoreLocation(args: DatabaseArgs, env: NodeJS.ProcessEnv): StoreLocation {
  checkDatabaseArgs(args);
  if (args.dbPath !== null) return { kind: 'sqlite', path: args.dbPath };
  if (args.database !== null) return { kind: 'postgres', url: withPassword(args.database, env['PGPASSWORD']) };
  if (args.databaseUrlFile !== null) return { kind: 'postgres', url: urlFromFile(args.databaseUrlFile) };
  const fromEnv = env['TOKENTUI_DATABASE_URL'];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!isPostgresUrl(fromEnv)) throw new ServeUsageError('TOKENTUI_DATABASE_URL must be a postgres:// URL');
    return { kind: 'postgres', url: fromEnv };
  }
  return { kind: 'sqlite', path: defaultDbPath(env) };
}
