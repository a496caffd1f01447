// Built-in modules loaded when first used rather than at start-up. An ES import builds a module
// facade that reads every export, including lazy getters: node:http's WebSocket/EventSource load
// Node's bundled undici (~15 ms), node:crypto's webcrypto ~2 ms, even when nothing uses them.
// (The bundle turns static imports of built-ins into property reads too: scripts/build.mjs.)
// node:child_process (~5 ms of CPU with the modules it pulls in) is needed only to run an exec
// credential plugin or an API-key command; node:fs/promises (1.5 ms: it loads readline and the
// REPL's history module) only for a token file, and node:tty (1.6 ms) only where a stream is a
// terminal or a caller asks whether one is. getBuiltinModule (Node >= 22.3) and require (older
// 22.x) return the plain CommonJS module, which loads nothing more.
import { createRequire } from 'node:module';
import type { Agent, AgentOptions } from 'node:https';
import { adoptAsDefaultTrust } from './default-trust.ts';

type Http = typeof import('node:http');
type Https = typeof import('node:https');
type Net = typeof import('node:net');
type Tls = typeof import('node:tls');
type Tty = typeof import('node:tty');
type FsPromises = typeof import('node:fs/promises');
type Crypto = typeof import('node:crypto');
type ChildProcess = typeof import('node:child_process');
type V8 = typeof import('node:v8');

function builtin<T>(id: string): T {
  const fromProcess = (process as { getBuiltinModule?: (name: string) => unknown }).getBuiltinModule?.(id);
  return (fromProcess ?? createRequire(import.meta.url)(id)) as T;
}

export const nodeHttp = (): Http => builtin<Http>('node:http');
export const nodeHttps = (): Https => builtin<Https>('node:https');
export const nodeNet = (): Net => builtin<Net>('node:net');
export const nodeTls = (): Tls => builtin<Tls>('node:tls');
export const nodeTty = (): Tty => builtin<Tty>('node:tty');
export const nodeFsPromises = (): FsPromises => builtin<FsPromises>('node:fs/promises');
export const nodeCrypto = (): Crypto => builtin<Crypto>('node:crypto');
export const nodeChildProcess = (): ChildProcess => builtin<ChildProcess>('node:child_process');
export const nodeV8 = (): V8 => builtin<V8>('node:v8');

/**
 * TLS settings of one client identity, kept alive across requests. Its trust and identity are one
 * secure context for every connection: an agent given `ca`/`cert`/`key` builds a new one (parsing
 * them, and copying Node's root store) for each socket, and `tokentui list` opens two at once
 * (the LIST and GET /version).
 */
export function createHttpsAgent(options: AgentOptions): Agent {
  const { ca, cert, key, ...rest } = options;
  if (typeof ca === 'string') adoptAsDefaultTrust(ca);
  const secureContext = nodeTls().createSecureContext({ ca, cert, key });
  return new (nodeHttps().Agent)({ keepAlive: true, maxSockets: 16, ...rest, secureContext });
}
