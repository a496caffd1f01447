// Requests to the daemon over node:http (unix socket) or node:https (client certificate), the two
// ways `lxc` connects. Node's fetch can reach neither a unix socket nor present a client
// certificate without an npm undici Agent (~90 ms to import, src/kube/https-fetch.ts); node:http
// and node:https are loaded on first use only. Answers are LXD envelopes, parsed here.
import type { Agent as HttpAgent, IncomingMessage } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { PeerCertificate } from 'node:tls';
import { readFileSync } from 'node:fs';
import { TokenTuiError } from '../../core/errors.ts';
import { nodeCrypto, nodeHttp, nodeHttps } from '../../kube/node-builtins.ts';
import { lxdTransportError, PIN_MISMATCH } from './errors.ts';
import { LXD_SOURCE } from './scope.ts';
import { endpointLabel, type LxdEndpoint } from './settings.ts';
import type { LxdEnvelope } from './wire.ts';

const REQUEST_TIMEOUT_MS = 15_000;

export interface LxdRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Starts with /1.0 */
  readonly path: string;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

export interface LxdAnswer {
  readonly status: number;
  readonly envelope: LxdEnvelope;
}

export type LxdRequestFunction = (request: LxdRequest) => Promise<LxdAnswer>;

/** What the event websocket needs to reach the same daemon the same way. */
export interface LxdSocketTarget {
  /** ws+unix:///path/to/unix.socket:/1.0/... or wss://HOST:PORT/1.0/... (without the path part). */
  readonly urlFor: (path: string) => string;
  readonly tls?: LxdTlsOptions;
}

export interface LxdTlsOptions {
  readonly cert: string;
  readonly key: string;
  readonly ca?: string;
  readonly checkServerIdentity?: (host: string, cert: PeerCertificate) => Error | undefined;
}

export interface LxdConnection {
  /** The server as the header shows it. */
  readonly server: string;
  readonly request: LxdRequestFunction;
  readonly socket: LxdSocketTarget;
  close(): void;
}

export type ReadTextFile = (path: string) => string;

function readSetting(readFile: ReadTextFile, path: string, field: string, what: string): string {
  try {
    return readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new TokenTuiError('validation', `cannot read the ${what} ${path}${typeof code === 'string' ? ` (${code})` : ''}`, {
      source: LXD_SOURCE,
      field,
      hint: 'lxc keeps it in its config directory (~/.config/lxc, or ~/snap/lxd/common/config); incus in ~/.config/incus',
    });
  }
}

/** Pins the server certificate as lxc does: exactly this certificate, whatever names it lists. */
export function pinnedIdentityCheck(serverCertPem: string): (host: string, cert: PeerCertificate) => Error | undefined {
  const expected = new (nodeCrypto().X509Certificate)(serverCertPem).fingerprint256;
  return (_host, cert) =>
    cert.fingerprint256 === expected
      ? undefined
      : Object.assign(new Error(`server certificate ${cert.fingerprint256} is not the pinned ${expected}`), { code: PIN_MISMATCH });
}

export function tlsOptionsFor(endpoint: Extract<LxdEndpoint, { kind: 'https' }>, readFile: ReadTextFile = (path) => readFileSync(path, 'utf8')): LxdTlsOptions {
  const cert = readSetting(readFile, endpoint.clientCertFile, 'clientCertFile', 'client certificate');
  const key = readSetting(readFile, endpoint.clientKeyFile, 'clientKeyFile', 'client key');
  if (endpoint.serverCertFile !== undefined) {
    const serverCert = readSetting(readFile, endpoint.serverCertFile, 'serverCertFile', 'server certificate');
    return { cert, key, ca: serverCert, checkServerIdentity: pinnedIdentityCheck(serverCert) };
  }
  if (endpoint.caFile !== undefined) return { cert, key, ca: readSetting(readFile, endpoint.caFile, 'caFile', 'CA bundle') };
  return { cert, key };
}

async function readEnvelope(response: IncomingMessage, server: string): Promise<LxdAnswer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  const status = response.statusCode ?? 0;
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return { status, envelope: JSON.parse(text) as LxdEnvelope };
  } catch {
    throw new TokenTuiError('server', `${server} answered HTTP ${status} with something other than an LXD answer`, {
      source: LXD_SOURCE,
      httpStatus: status,
      hint: 'is this an LXD or Incus server?',
    });
  }
}

export function openLxdConnection(endpoint: LxdEndpoint, readFile?: ReadTextFile): LxdConnection {
  const server = endpointLabel(endpoint);
  let agent: HttpAgent | HttpsAgent;
  let socket: LxdSocketTarget;
  let base: { socketPath?: string; hostname?: string; port?: string };
  if (endpoint.kind === 'unix') {
    agent = new (nodeHttp().Agent)({ keepAlive: true, maxSockets: 8 });
    base = { socketPath: endpoint.socketPath };
    socket = { urlFor: (path) => `ws+unix://${endpoint.socketPath}:${path}` };
  } else {
    const tls = tlsOptionsFor(endpoint, readFile);
    agent = new (nodeHttps().Agent)({ keepAlive: true, maxSockets: 8, ...tls });
    const url = new URL(endpoint.url);
    base = { hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port };
    socket = { urlFor: (path) => `wss://${url.host}${path}`, tls };
  }
  const send = endpoint.kind === 'unix' ? nodeHttp().request : nodeHttps().request;

  const request: LxdRequestFunction = ({ method, path, body, signal }) =>
    new Promise<LxdAnswer>((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
      const outgoing = send({
        ...base,
        agent,
        method,
        path,
        // The unix socket ignores the host; `lxd` is what lxc sends there too.
        headers: {
          host: endpoint.kind === 'unix' ? 'lxd' : (base.hostname ?? ''),
          accept: 'application/json',
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(payload.length) }),
        },
        timeout: REQUEST_TIMEOUT_MS,
        ...(signal === undefined ? {} : { signal }),
      });
      outgoing.on('timeout', () => outgoing.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })));
      outgoing.on('error', (error) => reject(signal?.aborted === true ? signal.reason : lxdTransportError(error, server)));
      outgoing.on('response', (response) => {
        readEnvelope(response, server).then(resolve, reject);
      });
      outgoing.end(payload);
    });

  return { server, request, socket, close: () => agent.destroy() };
}
