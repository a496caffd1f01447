// One GET over node:https, answered as text: the read path of the Kubernetes client (list, get,
// /version, impact reads, and watch streams, whose 2xx body is handed over open). Why not ky, as
// for writes: ky needs the WHATWG Request and Response classes, and the first use of either loads
// Node's bundled undici (~15 ms, plus http2 and garbage), which is a fifth of `kubeadm token
// list`'s whole run time and the main reason `tokentui list` was slower than it
// (bench/list-vs-kubeadm.mjs). Retries, timeouts and Status mapping stay in client.ts.
import type { Agent, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { ListBodyReader } from './list-body.ts';
import { nodeHttp, nodeHttps } from './node-builtins.ts';
import { declaredOverLimit, responseTooLarge } from './response-limits.ts';

export interface PlainResponse {
  readonly status: number;
  /** The Retry-After header, when the server sent one. */
  readonly retryAfter: string | undefined;
  /** The Location header of a redirect. */
  readonly location: string | undefined;
  readonly contentType: string;
  /** The body of an answer that was not read by `listReader` ('' when it was). */
  readonly text: string;
  /** What `listReader` made of a 2xx body (its envelope), when one read it. */
  readonly read?: { readonly value: unknown; readonly bytes: number };
  /** With `stream`: the 2xx body, still arriving (a watch). Aborting the signal destroys it. */
  readonly body?: AsyncIterable<Uint8Array>;
}

export interface PlainGetOptions {
  /** An array value is sent as one header line per item (Impersonate-Group). */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  /** The connection pool: TLS identity for https URLs, and the proxy when there is one. */
  readonly agent: Agent;
  readonly signal: AbortSignal;
  /** Bounds the whole exchange; on expiry the request rejects with PlainTimeoutError. */
  readonly timeoutMs: number;
  /** A body over this many bytes is refused: from Content-Length at once, else when the count passes it. */
  readonly maxResponseBytes: number;
  /** The adapter id a refusal carries. */
  readonly source: string;
  /** Reads a 2xx body chunk by chunk as it arrives (a LIST: list-body.ts), instead of keeping it whole. */
  readonly listReader?: ListBodyReader;
  /**
   * Resolve at a 2xx answer's head with its body unread (`body`): a watch, whose body runs until
   * the server or the signal ends it. `timeoutMs` then bounds the wait for the head only, and the
   * body has no total cap (the reader caps each line). Other answers are read whole as usual.
   */
  readonly stream?: boolean;
}

export class PlainTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'PlainTimeoutError';
  }
}

export function plainGet(url: URL, options: PlainGetOptions): Promise<PlainResponse> {
  options.signal.throwIfAborted();
  return new Promise<PlainResponse>((resolve, reject) => {
    const outgoing = (url.protocol === 'https:' ? nodeHttps() : nodeHttp()).request(url, { method: 'GET', headers: options.headers as OutgoingHttpHeaders, agent: options.agent });
    let settled = false;
    const finish = (error: unknown, response?: PlainResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      if (response === undefined) {
        outgoing.destroy();
        reject(error);
      } else resolve(response);
    };
    const onAbort = () => finish(options.signal.reason);
    const timer = setTimeout(() => finish(new PlainTimeoutError(options.timeoutMs)), options.timeoutMs);
    options.signal.addEventListener('abort', onAbort, { once: true });
    outgoing.on('error', (error) => finish(error));
    outgoing.on('response', (incoming) => {
      const origin = { source: options.source, method: 'GET', url: url.href };
      const declared = declaredOverLimit(incoming.headers['content-length'], options.maxResponseBytes);
      if (declared !== undefined) return finish(responseTooLarge(origin, options.maxResponseBytes, declared));
      const status = incoming.statusCode ?? 0;
      if (options.stream === true && status >= 200 && status < 300) return handOver(incoming, status);
      const reader = status >= 200 && status < 300 ? options.listReader : undefined;
      const chunks: Buffer[] = [];
      let received = 0;
      incoming.on('data', (chunk: Buffer) => {
        if (settled) return;
        received += chunk.length;
        // Cut off here, before the rest arrives: what was read is dropped with the connection.
        if (received > options.maxResponseBytes) {
          chunks.length = 0;
          return finish(responseTooLarge(origin, options.maxResponseBytes));
        }
        if (reader === undefined) return void chunks.push(chunk);
        try {
          reader.write(chunk);
        } catch (error) {
          finish(error);
        }
      });
      incoming.on('error', (error) => finish(error));
      incoming.on('end', () => {
        const retryAfter = incoming.headers['retry-after'];
        let read: PlainResponse['read'];
        try {
          read = reader === undefined ? undefined : { value: reader.end(), bytes: received };
        } catch (error) {
          return finish(error);
        }
        finish(undefined, {
          status,
          retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
          location: incoming.headers.location,
          contentType: incoming.headers['content-type'] ?? '',
          text: reader === undefined ? Buffer.concat(chunks).toString('utf8') : '',
          ...(read === undefined ? {} : { read }),
        });
      });
    });
    /** The open body goes to the caller; only the signal (or the body's own end) closes it now. */
    const handOver = (incoming: IncomingMessage, status: number) => {
      const destroy = () => incoming.destroy(options.signal.reason instanceof Error ? options.signal.reason : undefined);
      finish(undefined, { status, retryAfter: undefined, location: undefined, contentType: incoming.headers['content-type'] ?? '', text: '', body: incoming });
      if (options.signal.aborted) return destroy();
      options.signal.addEventListener('abort', destroy, { once: true });
      incoming.once('close', () => options.signal.removeEventListener('abort', destroy));
    };
    outgoing.end();
  });
}
