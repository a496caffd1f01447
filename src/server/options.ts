// Options of the reference token server and their defaults. The listen address is checked
// here: the server holds join credentials, so it stays on loopback unless told otherwise.
import type { Clock } from '../core/clock.ts';
import type { ServerMode, WireTtlBounds } from '../rest-contract/wire.ts';

export type ApiKeyRole = 'admin' | 'reader';

export interface ApiKeyConfig {
  /** Operator identity recorded in the audit log. */
  readonly name: string;
  readonly key: string;
  /** reader = read-only (lists, impact, events, audit); default admin. */
  readonly role?: ApiKeyRole;
}

export interface RateLimitOptions {
  /** Redemption attempts a client may make at once. */
  readonly burst: number;
  /** Attempts regained per second. */
  readonly perSecond: number;
}

export interface TokenServerOptions {
  /** `host:port`; default `127.0.0.1:0` (an ephemeral loopback port). */
  readonly listen?: string;
  /** SQLite file (created mode 0600 when absent). Exactly one of dbPath and databaseUrl. */
  readonly dbPath?: string;
  /** postgres:// URL of a database shared by replicas (it may hold the password). */
  readonly databaseUrl?: string;
  /** Connections each replica keeps to PostgreSQL; default 10. */
  readonly databasePoolSize?: number;
  readonly mode?: ServerMode;
  readonly apiKeys: readonly ApiKeyConfig[];
  readonly clock?: Clock;
  /** Required to listen on anything but loopback. */
  readonly allowRemote?: boolean;
  readonly ttl?: Partial<WireTtlBounds>;
  readonly rateLimit?: RateLimitOptions;
  readonly maxBodyBytes?: number;
  readonly heartbeatMs?: number;
  /** Time a client has to send its request headers; default 10 s (then 408). */
  readonly headersTimeoutMs?: number;
  /** Open connections; default 1024, and always below the open-file limit. */
  readonly maxConnections?: number;
  readonly maxSubscribers?: number;
  readonly maxSubscribersPerKey?: number;
  /** Unsent event-stream bytes a subscriber may have before it is dropped (told to resync). */
  readonly maxBufferedEventBytes?: number;
  /** How often each replica looks for events written by others, besides PostgreSQL's NOTIFY. */
  readonly eventPollMs?: number;
  /** One line per request (already redacted); default: no logging. */
  readonly log?: (line: string) => void;
}

export const DEFAULT_LISTEN = '127.0.0.1:0';
export const DEFAULT_TTL: WireTtlBounds = {
  defaultSeconds: 15 * 60,
  minSeconds: 1,
  maxSeconds: 365 * 24 * 3600,
  allowNever: true,
};
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { burst: 20, perSecond: 2 };
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
export const DEFAULT_HEARTBEAT_MS = 15_000;
export const DEFAULT_MAX_SUBSCRIBERS = 256;
export const DEFAULT_MAX_SUBSCRIBERS_PER_KEY = 64;
// Small: a subscriber that falls behind reads on from the event log, so this is not a queue,
// only what may sit in memory per subscriber (the kernel buffers a few MB more on its own).
export const DEFAULT_MAX_BUFFERED_EVENT_BYTES = 256 * 1024;
/** SQLite: other processes on the file are only noticed by polling. PostgreSQL: NOTIFY does it; this is a safety net. */
export const DEFAULT_EVENT_POLL_MS = { sqlite: 250, postgres: 2000 } as const;

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/** `127.0.0.1:8080`, `[::1]:0`, `localhost:0`; throws on anything else. */
export function parseListen(listen: string): ListenAddress {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(listen);
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (host === undefined || !Number.isInteger(port) || port > 65535) {
    throw new Error(`invalid listen address ${JSON.stringify(listen)}: expected HOST:PORT, e.g. 127.0.0.1:7480`);
  }
  return { host, port };
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

const API_KEY_NAME = /^[A-Za-z0-9._@-]{1,64}$/;
const MIN_API_KEY_LENGTH = 16;

export function validateApiKeys(apiKeys: readonly ApiKeyConfig[]): void {
  if (apiKeys.length === 0) throw new Error('the token server needs at least one API key');
  const names = new Set<string>();
  for (const apiKey of apiKeys) {
    if (!API_KEY_NAME.test(apiKey.name)) {
      throw new Error(`API key name ${JSON.stringify(apiKey.name)} must be 1-64 characters of A-Z a-z 0-9 . _ @ -`);
    }
    if (names.has(apiKey.name)) throw new Error(`API key name ${JSON.stringify(apiKey.name)} is used twice`);
    names.add(apiKey.name);
    // The key itself is never echoed, only its name.
    if (apiKey.key.length < MIN_API_KEY_LENGTH) {
      throw new Error(`API key "${apiKey.name}" is too short: use at least ${MIN_API_KEY_LENGTH} random characters`);
    }
  }
}
