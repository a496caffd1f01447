// The reference token server: node:http over a TokenStore (SQLite by default, PostgreSQL for
// replicas), the contract of docs/rest-contract.openapi.yaml. `tokentui serve` and the
// embedded demo both start it here.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../core/clock.ts';
import type { ServerMode } from '../rest-contract/wire.ts';
import { ApiKeyRing } from './api-keys.ts';
import { DEFAULT_MAX_CONNECTIONS, effectiveConnectionCap, guardConnections } from './connection-guard.ts';
import { EventHub } from './event-hub.ts';
import * as defaults from './options.ts';
import { hostForUrl, isLoopbackHost, parseListen, validateApiKeys, type TokenServerOptions } from './options.ts';
import { RateLimiter } from './rate-limit.ts';
import { Readiness } from './readiness.ts';
import { createRequestListener } from './router.ts';
import { bootstrapRoutes } from './routes-bootstrap.ts';
import { readRoutes } from './routes-read.ts';
import { tokenRoutes } from './routes-tokens.ts';
import type { ServerDeps } from './server-deps.ts';
import { openStore, type StoreLocation } from './store/open-store.ts';
import type { TokenStore } from './store/token-store.ts';

export interface TokenServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly mode: ServerMode;
  /** The database, for the start-up line: a path or a URL without its password. */
  readonly database: string;
  /** Why the database cannot take writes at start (the server runs, and /ready says so); null = fine. */
  readonly notWritable: string | null;
  /** Ends event streams and connections, then closes the database. */
  close(): Promise<void>;
}

export function storeLocationOf(options: Pick<TokenServerOptions, 'dbPath' | 'databaseUrl' | 'databasePoolSize'>): StoreLocation {
  if ((options.dbPath === undefined) === (options.databaseUrl === undefined)) {
    throw new Error('give the token server either a SQLite file (dbPath) or a PostgreSQL URL (databaseUrl)');
  }
  return options.databaseUrl !== undefined
    ? { kind: 'postgres', url: options.databaseUrl, poolSize: options.databasePoolSize }
    : { kind: 'sqlite', path: options.dbPath as string };
}

export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  validateApiKeys(options.apiKeys);
  const { host, port } = parseListen(options.listen ?? defaults.DEFAULT_LISTEN);
  if (!isLoopbackHost(host) && options.allowRemote !== true) {
    throw new Error(
      `refusing to listen on ${host}: the token server hands out join credentials, so it listens on loopback ` +
        'unless remote access is allowed explicitly (allowRemote / --allow-remote)',
    );
  }
  const location = storeLocationOf(options);
  const clock = options.clock ?? systemClock;
  const store = await openStore(location, { clock, mode: options.mode ?? 'unique', log: options.log });
  try {
    return await serve(store, options, host, port);
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function serve(store: TokenStore, options: TokenServerOptions, host: string, port: number): Promise<TokenServer> {
  const clock = options.clock ?? systemClock;
  const readiness = new Readiness(store);
  const notWritable = await readiness.check();
  if (notWritable !== null) options.log?.(`database ${store.location} cannot take writes (${notWritable.detail}): not ready until it can`);
  const hub = new EventHub(store.events, {
    heartbeatMs: options.heartbeatMs ?? defaults.DEFAULT_HEARTBEAT_MS,
    maxSubscribers: options.maxSubscribers ?? defaults.DEFAULT_MAX_SUBSCRIBERS,
    maxSubscribersPerKey: options.maxSubscribersPerKey ?? defaults.DEFAULT_MAX_SUBSCRIBERS_PER_KEY,
    maxBufferedBytes: options.maxBufferedEventBytes ?? defaults.DEFAULT_MAX_BUFFERED_EVENT_BYTES,
    pollMs: options.eventPollMs ?? defaults.DEFAULT_EVENT_POLL_MS[store.dialect],
    log: options.log,
  });
  const deps: ServerDeps = {
    store,
    hub,
    readiness,
    clock,
    limiter: new RateLimiter(options.rateLimit ?? defaults.DEFAULT_RATE_LIMIT, clock),
    ttl: { ...defaults.DEFAULT_TTL, ...options.ttl },
    maxBodyBytes: options.maxBodyBytes ?? defaults.DEFAULT_MAX_BODY_BYTES,
  };
  const routes = [...readRoutes(deps), ...tokenRoutes(deps), ...bootstrapRoutes(deps)];
  const listener = createRequestListener(routes, { keys: new ApiKeyRing(options.apiKeys), clock, log: options.log });
  const server = createServer(
    // Slow senders are cut: headers within 10 s, the whole request within 30 s, checked every second.
    {
      requestTimeout: 30_000,
      headersTimeout: options.headersTimeoutMs ?? 10_000,
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: Math.min(1_000, options.headersTimeoutMs ?? 1_000),
    },
    listener,
  );
  guardConnections(server, { maxConnections: effectiveConnectionCap(options.maxConnections ?? DEFAULT_MAX_CONNECTIONS), log: options.log });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl(address.address)}:${address.port}`,
    mode: store.mode,
    database: store.location,
    notWritable: notWritable === null ? null : notWritable.message,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        hub.close();
        server.close(() => void store.close().then(resolve, resolve));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
