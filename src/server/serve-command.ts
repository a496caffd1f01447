// `tokentui serve` / `node src/server/main.ts`: flags -> a running reference server.
// API keys come from environment variables (never from argv, which other users can read in
// `ps`); without one, a key is generated and printed once to stderr.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import type { ServerMode } from '../rest-contract/wire.ts';
import { DEFAULT_RATE_LIMIT, type ApiKeyConfig, type ApiKeyRole, type RateLimitOptions } from './options.ts';
import { mintApiKey } from './secrets.ts';
import { startTokenServer, type TokenServer } from './server.ts';

export const DEFAULT_SERVE_LISTEN = '127.0.0.1:7480';

export interface ServeArgs {
  readonly listen: string;
  readonly dbPath: string | null;
  readonly mode: ServerMode;
  /** `[NAME=]ENV_VAR` with the role it grants. */
  readonly keyEnvs: readonly { readonly spec: string; readonly role: ApiKeyRole }[];
  readonly allowRemote: boolean;
  readonly quiet: boolean;
  readonly rateLimit: RateLimitOptions;
}

export const SERVE_USAGE =
  'usage: tokentui serve [--listen HOST:PORT] [--db PATH] [--mode unique|legacy] [--api-key-env [NAME=]VAR]... ' +
  '[--reader-key-env [NAME=]VAR]... [--redeem-rate PER_SECOND/BURST] [--allow-remote] [--quiet]';

export class ServeUsageError extends Error {}

export function parseServeArgs(argv: readonly string[]): ServeArgs {
  let listen = DEFAULT_SERVE_LISTEN;
  let dbPath: string | null = null;
  let mode: ServerMode = 'unique';
  const keyEnvs: { spec: string; role: ApiKeyRole }[] = [];
  let allowRemote = false;
  let quiet = false;
  let rateLimit = DEFAULT_RATE_LIMIT;
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index] ?? '';
    const value = () => {
      const next = argv[++index];
      if (next === undefined || next.startsWith('--')) throw new ServeUsageError(`${flag} needs a value\n${SERVE_USAGE}`);
      return next;
    };
    if (flag === '--listen') listen = value();
    else if (flag === '--db') dbPath = value();
    else if (flag === '--mode') {
      const chosen = value();
      if (chosen !== 'unique' && chosen !== 'legacy') throw new ServeUsageError(`--mode must be unique or legacy\n${SERVE_USAGE}`);
      mode = chosen;
    } else if (flag === '--api-key-env') keyEnvs.push({ spec: value(), role: 'admin' });
    else if (flag === '--reader-key-env') keyEnvs.push({ spec: value(), role: 'reader' });
    else if (flag === '--redeem-rate') rateLimit = parseRate(value());
    else if (flag === '--allow-remote') allowRemote = true;
    else if (flag === '--quiet') quiet = true;
    else throw new ServeUsageError(`unknown argument ${JSON.stringify(flag.slice(0, 40))}\n${SERVE_USAGE}`);
  }
  return { listen, dbPath, mode, keyEnvs, allowRemote, quiet, rateLimit };
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

export function defaultDbPath(env: NodeJS.ProcessEnv): string {
  const xdg = env['XDG_DATA_HOME'];
  const dataHome = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.local', 'share');
  return join(dataHome, 'tokentui', 'server.db');
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

export async function runServe(args: ServeArgs, io: ServeIo): Promise<TokenServer> {
  const apiKeys = keysFromEnv(args, io.env);
  const generatedKey = apiKeys.length === 0 ? mintApiKey() : null;
  if (generatedKey !== null) apiKeys.push({ name: 'admin', key: generatedKey, role: 'admin' });
  const dbPath = args.dbPath ?? defaultDbPath(io.env);
  mkdirSync(dirname(dbPath), { recursive: true, mode: 0o700 });
  const server = await startTokenServer({
    listen: args.listen,
    dbPath,
    mode: args.mode,
    apiKeys,
    allowRemote: args.allowRemote,
    rateLimit: args.rateLimit,
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
  io.stdout(`tokentui serve: listening on ${server.url} (mode ${server.mode}, database ${dbPath})`);
  return server;
}
