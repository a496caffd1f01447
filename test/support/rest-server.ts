// The reference REST server for tests: in-process on an ephemeral loopback port with a
// temporary database (SQLite, or PostgreSQL in the `postgres` vitest project), or as a child
// process (`node src/server/main.ts`) that a test can kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TokenServerOptions } from '../../src/server/options.ts';
import { startTokenServer, type TokenServer } from '../../src/server/server.ts';
import { removeScratch } from './at-rest.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const serverMainPath = join(import.meta.dirname, '../../src/server/main.ts');

export interface TestRestServer {
  readonly url: string;
  /** Admin key, operator name 'alice'. */
  readonly apiKey: string;
  /** Read-only key, operator name 'rita'. */
  readonly readerKey: string;
  /** The database it runs on (created for it unless the options named one). */
  readonly database: TestDatabase | null;
  readonly server: TokenServer;
  /** Stops the server and deletes the database it created. */
  close(): Promise<void>;
}

export function tempDir(prefix = 'tokentui-rest-'): { readonly path: string; readonly remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => removeScratch(path) };
}

export function randomApiKey(): string {
  return randomBytes(24).toString('base64url');
}

/** In-process on loopback; on a fresh database of the store under test (testStoreKind) unless one is given. */
export async function startTestRestServer(
  options: Partial<Omit<TokenServerOptions, 'apiKeys'>> = {},
): Promise<TestRestServer> {
  const given = options.dbPath !== undefined || options.databaseUrl !== undefined;
  const database = given ? null : await createTestDatabase();
  const apiKey = randomApiKey();
  const readerKey = randomApiKey();
  try {
    const server = await startTokenServer({
      // Tests hammer redemption on purpose; the rate-limit test sets its own limits.
      rateLimit: { burst: 1000, perSecond: 1000 },
      ...options,
      ...database?.options,
      apiKeys: [
        { name: 'alice', key: apiKey },
        { name: 'rita', key: readerKey, role: 'reader' },
      ],
    });
    return {
      url: server.url,
      apiKey,
      readerKey,
      database,
      server,
      close: async () => {
        await server.close();
        await database?.remove();
      },
    };
  } catch (error) {
    await database?.remove();
    throw error;
  }
}

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly stderrLines: string[];
  /** Resolves when the process has exited. */
  readonly exited: Promise<number | null>;
}

/** Starts `node src/server/main.ts` with the given flags and env; resolves once it listens. */
export function spawnServerProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [serverMainPath, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderrLines: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => stderrLines.push(line));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderrLines.join('\n')}`)), 15_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      resolve({ url, child, stderrLines, exited });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening: ${stderrLines.join('\n')}`));
    });
  });
}
