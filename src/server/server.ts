// The reference token server: node:http + node:sqlite, the contract of
// docs/rest-contract.openapi.yaml. `tokentui serve` and the embedded demo both start it here.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../core/clock.ts';
import type { ServerMode } from '../rest-contract/wire.ts';
import { ApiKeyRing } from './api-keys.ts';
import { openDatabase, preparedStatements } from './database.ts';
import { EventHub } from './event-hub.ts';
import {
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_LISTEN,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_RATE_LIMIT,
  DEFAULT_TTL,
  hostForUrl,
  isLoopbackHost,
  parseListen,
  validateApiKeys,
  type TokenServerOptions,
} from './options.ts';
import { RateLimiter } from './rate-limit.ts';
import { createRequestListener } from './router.ts';
import { bootstrapRoutes } from './routes-bootstrap.ts';
import { readRoutes } from './routes-read.ts';
import { tokenRoutes } from './routes-tokens.ts';
import type { ServerDeps } from './server-deps.ts';

export interface TokenServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly mode: ServerMode;
  /** Ends event streams and connections, then closes the database. */
  close(): Promise<void>;
}

export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  validateApiKeys(options.apiKeys);
  const { host, port } = parseListen(options.listen ?? DEFAULT_LISTEN);
  if (!isLoopbackHost(host) && options.allowRemote !== true) {
    throw new Error(
      `refusing to listen on ${host}: the token server hands out join credentials, so it listens on loopback ` +
        'unless remote access is allowed explicitly (allowRemote / --allow-remote)',
    );
  }
  const clock = options.clock ?? systemClock;
  const mode = options.mode ?? 'unique';
  const db = openDatabase(options.dbPath);
  const hub = new EventHub(options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
  const deps: ServerDeps = {
    store: { db, sql: preparedStatements(db), clock, mode },
    hub,
    limiter: new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, clock),
    ttl: { ...DEFAULT_TTL, ...options.ttl },
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  };
  const routes = [...readRoutes(deps), ...tokenRoutes(deps), ...bootstrapRoutes(deps)];
  const listener = createRequestListener(routes, { keys: new ApiKeyRing(options.apiKeys), clock, log: options.log });
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, listener);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    db.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl(address.address)}:${address.port}`,
    mode,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        hub.close();
        server.close(() => {
          db.close();
          resolve();
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
