// Shared by the rest benchmarks: the reference server as its own process (so the load
// generator and the server each get a core of this 2-core machine), on a temporary SQLite
// database or on a PostgreSQL database (its URL in the environment, never in argv), and a
// throw-away PostgreSQL cluster (scripts/pg) for the benchmarks that need one.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';

const mainPath = join(import.meta.dirname, '../src/server/main.ts');
const pgScripts = join(import.meta.dirname, '../scripts/pg');

export function benchDir() {
  const path = mkdtempSync(join(tmpdir(), 'tokentui-bench-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function benchApiKey() {
  return randomBytes(24).toString('base64url');
}

/**
 * Starts `node src/server/main.ts`; resolves {url, apiKey, stop}. `database` is a SQLite path or
 * {url} of PostgreSQL; `apiKey` lets replicas share one key.
 */
export async function startServerProcess(database, extraArgs = [], apiKey = benchApiKey()) {
  const databaseArgs = typeof database === 'string' ? ['--db', database] : [];
  const databaseEnv = typeof database === 'string' ? {} : { TOKENTUI_DATABASE_URL: database.url };
  const child = spawn(process.execPath, [mainPath, '--listen', '127.0.0.1:0', ...databaseArgs, '--api-key-env', 'bench=BENCH_KEY', '--quiet', ...extraArgs], {
    env: { ...process.env, BENCH_KEY: apiKey, ...databaseEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 15 s')), 15_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    exited.then((code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url,
    apiKey,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A throw-away PostgreSQL (scripts/pg/up.sh in a private state dir): {createDatabase(name) -> {url}, stop}. */
export function startPostgres() {
  const state = mkdtempSync(join(tmpdir(), 'tokentui-bench-pg.'));
  const env = { ...process.env, TOKENTUI_PG_STATE: state };
  execFileSync('bash', [join(pgScripts, 'up.sh')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const adminUrl = /TOKENTUI_PG_URL='([^']+)'/.exec(readFileSync(join(state, 'env'), 'utf8'))[1];
  return {
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return { url: url.toString() };
    },
    stop() {
      execFileSync('bash', [join(pgScripts, 'down.sh')], { env });
      rmSync(state, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted, fraction) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}
