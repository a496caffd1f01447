// What node:http leaves open to hostile clients, closed here:
// - a connection cap below the process's file-descriptor limit. At the cap a new connection
//   evicts the connection that has been idle longest (one that never sent a whole request
//   first: a slowloris), so held-open sockets cannot lock normal clients out; only when every
//   connection is busy with a request is the new one refused (503);
// - request bodies nobody reads are cut, not drained: after the answer the server reads at
//   most LINGER_BYTES more (so a client that sent a small body still sees the answer), then
//   closes the socket;
// - every low-level rejection (malformed request, headers too large, request timeout, an unmet
//   Expect, CONNECT) answers with the contract's JSON error body instead of node's bare status
//   line or a silently closed socket.
import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { WireError } from '../rest-contract/wire.ts';
import { ApiError } from './api-error.ts';
import { sendError } from './http-io.ts';

const LINGER_MS = 500;
const LINGER_BYTES = 1024 * 1024;
/** Descriptors kept free for the database, the event listener and the process itself. */
const RESERVED_DESCRIPTORS = 64;
export const DEFAULT_MAX_CONNECTIONS = 1024;

interface Tracked {
  readonly connectedAt: number;
  idleSince: number;
  requests: number;
  busy: boolean;
}

/** The soft limit on open files (Linux /proc), or null where it cannot be read. */
export function openFileLimit(): number | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((entry) => entry.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    return Number.isFinite(soft) && soft > 0 ? soft : null;
  } catch {
    return null;
  }
}

export function effectiveConnectionCap(requested: number): number {
  const limit = openFileLimit();
  return limit === null ? requested : Math.min(requested, Math.max(8, limit - RESERVED_DESCRIPTORS));
}

function rawJsonResponse(status: number, reason: string, body: WireError): string {
  const payload = JSON.stringify(body);
  return (
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\n` +
    `content-length: ${Buffer.byteLength(payload)}\r\ncache-control: no-store\r\nconnection: close\r\n\r\n${payload}`
  );
}

const CLIENT_ERRORS: Readonly<Record<string, [number, string, string, string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'headers_too_large', 'request headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'request_timeout', 'the request was not received in time'],
};

export interface ConnectionGuardOptions {
  readonly maxConnections: number;
  readonly log?: (line: string) => void;
}

export function guardConnections(server: Server, options: ConnectionGuardOptions): void {
  const sockets = new Map<Socket, Tracked>();
  const cap = options.maxConnections;

  server.on('connection', (socket: Socket) => {
    if (sockets.size >= cap && !evictIdlest(sockets)) return closeWithAnswer(socket, AT_CAPACITY);
    const now = performance.now();
    sockets.set(socket, { connectedAt: now, idleSince: now, requests: 0, busy: false });
    socket.once('close', () => sockets.delete(socket));
  });

  server.on('request', (request, response) => {
    const tracked = sockets.get(request.socket);
    if (tracked) tracked.busy = true;
    response.once('close', () => {
      if (!tracked) return;
      tracked.busy = false;
      tracked.requests += 1;
      tracked.idleSince = performance.now();
    });
    response.once('finish', () => {
      if (!request.complete) cutAfterLinger(request.socket);
    });
  });

  // node answers an Expect it cannot meet with a bare 417; give it the contract's body.
  server.on('checkExpectation', (_request, response) => {
    sendError(response, new ApiError(417, 'expectation_failed', 'the only Expect this server meets is 100-continue'));
  });

  // A CONNECT (proxy tunnel) request: node would close the socket without a word.
  server.on('connect', (_request, socket: Duplex) => {
    const body: WireError = { error: 'method_not_allowed', message: 'CONNECT is not allowed: this is not a proxy', details: {} };
    socket.end(rawJsonResponse(405, 'Method Not Allowed', body));
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const inResponse = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
    if (error.code === 'ECONNRESET' || !socket.writable || inResponse) {
      socket.destroy();
      return;
    }
    const [status, reason, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Bad Request', 'bad_request', 'malformed HTTP request'];
    socket.end(rawJsonResponse(status, reason, { error: code, message, details: {} }));
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
}

/** Closes the idlest connection (never-finished requests first, then the longest idle); false when all are busy. */
function evictIdlest(sockets: Map<Socket, Tracked>): boolean {
  let victim: [Socket, Tracked] | undefined;
  for (const entry of sockets) {
    const [, tracked] = entry;
    if (tracked.busy) continue;
    const better =
      victim === undefined ||
      (tracked.requests === 0 && victim[1].requests > 0) ||
      (tracked.requests === 0) === (victim[1].requests === 0) && tracked.idleSince < victim[1].idleSince;
    if (better) victim = entry;
  }
  if (victim === undefined) return false;
  sockets.delete(victim[0]);
  // One that never finished a request is told why; a keep-alive connection between requests just closes.
  if (victim[1].requests === 0) closeWithAnswer(victim[0], AT_CAPACITY);
  else victim[0].destroy();
  return true;
}

const AT_CAPACITY = rawJsonResponse(503, 'Service Unavailable', {
  error: 'unavailable',
  message: 'the server is at its connection limit; retry shortly',
  details: { reason: 'too-many-connections' },
});

/** Writes a last answer and closes at once (its descriptor is needed), or after LINGER_MS if it cannot flush. */
function closeWithAnswer(socket: Socket, answer: string): void {
  socket.end(answer, () => socket.destroy());
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

/** After the answer: read at most LINGER_BYTES more of the unread body, for at most LINGER_MS, then close. */
function cutAfterLinger(socket: Socket): void {
  let discarded = 0;
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > LINGER_BYTES) socket.destroy();
  });
  socket.once('close', () => clearTimeout(timer));
}
