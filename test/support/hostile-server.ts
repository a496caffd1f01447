// A server on 127.0.0.1 that answers however a test scripts it: the hostile REST token server and
// the hostile apiserver of the hostile-server suites. Every request is logged (method, path,
// query, headers) before the script runs, so a test can prove what was, and was not, asked for
// (a credential never sent to another origin, no retry after a refused Retry-After).
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface HostileRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type HostileHandler = (request: HostileRequest, response: ServerResponse) => void | Promise<void>;

export interface HostileServer {
  readonly url: string;
  readonly requests: HostileRequest[];
  /** Bytes the scripts have written into response bodies so far (what an endless answer got out). */
  readonly bytesSent: number;
  handle(handler: HostileHandler): void;
  close(): Promise<void>;
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

/**
 * Writes `chunk` again and again, honouring backpressure, until the client goes away or `total`
 * bytes are out (default: never stops). Chunked, no Content-Length.
 */
export async function streamForever(response: ServerResponse, chunk: Buffer, total = Number.POSITIVE_INFINITY): Promise<void> {
  if (!response.headersSent) response.writeHead(200, { 'content-type': 'application/json' });
  let wake: (() => void) | undefined;
  response.once('close', () => wake?.());
  let sent = 0;
  while (sent < total && !response.destroyed) {
    const ok = response.write(chunk);
    sent += chunk.length;
    if (!ok) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        response.once('drain', resolve);
      });
    }
  }
  if (!response.destroyed) response.end();
}

export async function startHostileServer(handler: HostileHandler = (_request, response) => sendJson(response, 404, {})): Promise<HostileServer> {
  let current = handler;
  const requests: HostileRequest[] = [];
  const sockets = new Set<Socket>();
  let bytesSent = 0;
  const server: Server = createServer(async (incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const request = { method: incoming.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') };
    requests.push(request);
    const write = response.write.bind(response);
    response.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      bytesSent += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof response.write;
    try {
      await current(request, response);
    } catch {
      response.destroy();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get bytesSent() {
      return bytesSent;
    },
    handle(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
