// One GET over node:https, answered as text: the read path of the Kubernetes client (list, get,
// /version, impact reads). Why not ky like every other request: ky needs the WHATWG Request and
// Response classes, and the first use of either loads Node's bundled undici (~15 ms, plus
// http2 and garbage), which is a fifth of `kubeadm token list`'s whole run time and the main
// reason `tokentui list` was slower than it (bench/list-vs-kubeadm.mjs). Retries, timeouts
// and Status mapping stay in client.ts, shared with the ky path.
import type { Agent, OutgoingHttpHeaders } from 'node:http';
import { nodeHttp, nodeHttps } from './node-builtins.ts';
import { declaredOverLimit, responseTooLarge } from './response-limits.ts';

export interface PlainResponse {
  readonly status: number;
  /** The Retry-After header, when the server sent one. */
  readonly retryAfter: string | undefined;
  /** The Location header of a redirect. */
  readonly location: string | undefined;
  readonly contentType: string;
  readonly text: string;
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
      const chunks: Buffer[] = [];
      let received = 0;
      incoming.on('data', (chunk: Buffer) => {
        received += chunk.length;
        // Cut off here, before the rest arrives: what was read is dropped with the connection.
        if (received <= options.maxResponseBytes) return void chunks.push(chunk);
        chunks.length = 0;
        finish(responseTooLarge(origin, options.maxResponseBytes));
      });
      incoming.on('error', (error) => finish(error));
      incoming.on('end', () => {
        const retryAfter = incoming.headers['retry-after'];
        finish(undefined, {
          status: incoming.statusCode ?? 0,
          retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
          location: incoming.headers.location,
          contentType: incoming.headers['content-type'] ?? '',
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    outgoing.end();
  });
}
