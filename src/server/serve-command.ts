// `tokentui serve` / `node src/server/main.ts`: flags -> a running reference server.
// API keys come from environment variables (never from argv, which other users can read in
// `ps`); without one, a key is generated and printed once to stderr. The database: see
// serve-database.ts.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { systemClock } from '../core/clock.ts';
import type { ServerMode } from '../rest-contract/wire.ts';
import { DEFAULT_RATE_LIMIT, type ApiKeyConfig, type ApiKeyRole, type RateLimitOptions } from './options.ts';
import { mintApiKey } from './secrets.ts';
import { checkDatabaseArgs, resolveStoreLocation, ServeUsageError, type DatabaseArgs } from './serve-database.ts';
import { startTokenServer, type TokenServer } from './server.ts';
import { openStore, type StoreLocation } from './store/open-store.ts';

export { defaultDbPath, ServeUsageError } from './serve-database.ts';

export const DEFAULT_SERVE_LISTEN = '127.0.0.1:7480';

export interface ServeArgs extends DatabaseArgs {
  readonly listen: string;
  readonly mode: ServerMode;
  /** `[NAME=]ENV_VAR` with the role it grants. */
  readonly keyEnvs: readonly { readonly spec: string; readonly role: ApiKeyRole }[];
  readonly allowRemote: boolean;
  readonly quiet: boolean;
  readonly rateLimit: RateLimitOptions;
  readonly maxConnections: number | null;
  /** Apply the database's migrations, then exit without serving. */
  readonly migrateOnly: boolean;
}

export const SERVE_USAGE =
  'usage: tokentui serve [--listen HOST:PORT] [--db PATH | --database postgres://USER@HOST/DB | --database-url-file PATH] ' +
  '[--mode unique|legacy] [--api-key-env [NAME=]VAR]... [--reader-key-env [NAME=]VAR]... [--redeem-rate PER_SECOND/BURST] ' +
  '[--max-connections N] [--migrate-only] [--allow-remote] [--quiet]';

export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const parsed = {
    listen: DEFAULT_SERVE_LISTEN,
    dbPath: null as string | null,
    database: null as string | null,
    databaseUrlFile: null as string | null,
    mode: 'unique' as ServerMode,
    keyEnvs: [] as { spec: string; role: ApiKeyRole }[],
    allowRemote: false,
    quiet: false,
    rateLimit: DEFAULT_RATE_LIMIT,
    maxConnections: null as number | null,
    migrateOnly: false,
  };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index] ?? '';
    const value = () => {
      const next = argv[++index];
      if (next === undefined || next.startsWith('--')) throw new ServeUsageError(`${flag} needs a value\n${SERVE_USAGE}`);
      return next;
    };
    if (flag === '--listen') parsed.listen = value();
    else if (flag === '--db') parsed.dbPath = value();
    else if (flag === '--database') parsed.database = value();
    else if (flag === '--database-url-file') parsed.databaseUrlFile = value();
    else if (flag === '--mode') {
      const chosen = value();
      if (chosen !== 'unique' && chosen !== 'legacy') throw new ServeUsageError(`--mode must be unique or legacy\n${SERVE_USAGE}`);
      parsed.mode = chosen;
    } else if (flag === '--api-key-env') parsed.keyEnvs.push({ spec: value(), role: 'admin' });
    else if (flag === '--reader-key-env') parsed.keyEnvs.push({ spec: value(), role: 'reader' });
    else if (flag === '--redeem-rate') parsed.rateLimit = parseRate(value());
    else if (flag === '--max-connections') parsed.maxConnections = parseCount('--max-connections', value());
    else if (flag === '--migrate-only') parsed.migrateOnly = true;
    else if (flag === '--allow-remote') parsed.allowRemote = true;
    else if (flag === '--quiet') parsed.quiet = true;
    else throw new ServeUsageError(`unknown argument ${JSON.stringify(flag.slice(0, 40))}\n${SERVE_USAGE}`);
  }
  checkDatabaseArgs(parsed);
  return parsed;
}

/** `2/20`: 2 redemption attempts per second per client, bursts of up to 20. */
function parseRate(text: string): RateLimitOptions {
  const match = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(text);
  const perSecond = Number(match?.[1]);
  const burst = Number(match?.[2]);
  if (!match || !(perSecond > 0) || !(burst >= 1)) {
    throw new ServeUsageError(`--redeem-rate must be PER_SECOND/BURST, e.g. 2/20\n${SERVE_USAGE}`);
  }
  return { perSecond, burst };
}

function parseCount(flag: string, text: string): number {
  if (!/^\d{1,7}$/.test(text) || Number(text) < 1) throw new ServeUsageError(`${flag} must be a whole number from 1\n${SERVE_USAGE}`);
  return Number(text);
}

function keysFromEnv(args: ServeArgs, env: NodeJS.ProcessEnv): ApiKeyConfig[] {
  return args.keyEnvs.map(({ spec, role }) => {
    const [name, variable] = spec.includes('=') ? (spec.split('=', 2) as [string, string]) : [spec, spec];
    const key = env[variable];
    if (key === undefined || key === '') throw new ServeUsageError(`environment variable ${variable} (API key "${name}") is not set`);
    return { name, key, role };
  });
}

export interface ServeIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
}

function locationFor(args: ServeArgs, env: NodeJS.ProcessEnv): StoreLocation {
  const location = resolveStoreLocation(args, env);
  // A SQLite file's directory is created owner-only: the file holds the hashes of live credentials.
  if (location.kind === 'sqlite') mkdirSync(dirname(location.path), { recursive: true, mode: 0o700 });
  return location;
}

/** `serve --migrate-only`: brings the schema up to date and returns what it did, for one line on stdout. */
export async function runMigrateOnly(args: ServeArgs, io: ServeIo): Promise<void> {
  const store = await openStore(locationFor(args, io.env), { clock: systemClock, mode: args.mode, log: args.quiet ? undefined : io.stderr });
  await store.close();
  const applied = store.schema.applied.length === 0 ? 'nothing to apply' : `applied ${store.schema.applied.join(', ')}`;
  io.stdout(`tokentui serve: database ${store.location} is at schema version ${store.schema.version} (${applied})`);
}

export async function runServe(args: ServeArgs, io: ServeIo): Promise<TokenServer> {
  const apiKeys = keysFromEnv(args, io.env);
  const generatedKey = apiKeys.length === 0 ? mintApiKey() : null;
  if (generatedKey !== null) apiKeys.push({ name: 'admin', key: generatedKey, role: 'admin' });
  const location = locationFor(args, io.env);
  const server = await startTokenServer({
    listen: args.listen,
    ...(location.kind === 'sqlite' ? { dbPath: location.path } : { databaseUrl: location.url, databasePoolSize: location.poolSize }),
    mode: args.mode,
    apiKeys,
    allowRemote: args.allowRemote,
    rateLimit: args.rateLimit,
    maxConnections: args.maxConnections ?? undefined,
    log: args.quiet ? undefined : io.stderr,
  });
  if (generatedKey !== null) {
    // Printed only once the server is up, so a failed start never shows a key that works nowhere.
    io.stderr(
      'tokentui serve: no --api-key-env given, so an admin API key (name "admin") was generated for this run.\n' +
        'It is shown only this once and is not stored anywhere; it stops working when the server stops:\n' +
        `  ${generatedKey}\n` +
        'For a stable key: export TOKENTUI_API_KEY=<random> and pass --api-key-env TOKENTUI_API_KEY.',
    );
  }
  if (server.notWritable !== null) {
    io.stderr(`tokentui serve: WARNING: ${server.notWritable}. Serving reads; writes answer 503 and GET /api/v1/ready fails until it is writable.`);
  }
  io.stdout(`tokentui serve: listening on ${server.url} (mode ${server.mode}, database ${server.database})`);
  return server;
}
