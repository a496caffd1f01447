// A fetch for ky over node:http(s). Node's global fetch cannot take a per-client CA or client
// certificate without an npm undici Agent, and importing undici costs ~90 ms of start-up
// (measured: `import('undici')` 124 ms vs `node -e 0` 33 ms), most of `tokentui list`'s
// budget against `kubeadm token list`. node:https is already loaded by Node.
import type { Agent } from 'node:http';
import { Readable } from 'node:stream';
import { nodeHttp, nodeHttps } from './node-builtins.ts';

export type FetchFunction = (input: Request | URL | string, init?: RequestInit) => Promise<Response>;

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function toHeaders(raw: NodeJS.Dict<string | string[]>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

function agentProtocol(agent: Agent): string {
  return (agent as { protocol?: string }).protocol ?? 'http:';
}

/** fetch wraps network failures in TypeError('fetch failed', {cause}); callers look for the cause. */
function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

/**
 * `extraHeaders` are sent as given, an array as one line per item: a WHATWG Headers object would
 * join repeated headers with ", ", and the apiserver would read `Impersonate-Group: a, b` as one group.
 */
export function createHttpsFetch(agentFor: () => Agent, extraHeaders: Readonly<Record<string, string | readonly string[]>> = {}): FetchFunction {
  return async (input, init) => {
    const requestObject = input instanceof Request ? input : new Request(input, init);
    const url = new URL(requestObject.url);
    const signal = init?.signal ?? requestObject.signal;
    signal?.throwIfAborted();
    const body = requestObject.body === null ? undefined : Buffer.from(await requestObject.arrayBuffer());
    const headers: Record<string, string | string[]> = {};
    requestObject.headers.forEach((value, name) => {
      headers[name] = value;
    });
    if (body !== undefined) headers['content-length'] = String(body.length);
    for (const [name, value] of Object.entries(extraHeaders)) headers[name] = typeof value === 'string' ? value : [...value];
    const send = url.protocol === 'http:' ? nodeHttp().request : nodeHttps().request;
    const agent = agentFor();

    return new Promise<Response>((resolve, reject) => {
      const outgoing = send(url, {
        method: requestObject.method,
        headers,
        // An https agent cannot carry an http: request (the k3s supervisor may be plain HTTP).
        ...(agentProtocol(agent) === url.protocol ? { agent } : {}),
      });
      const onAbort = () => {
        const reason: unknown = signal?.reason ?? new DOMException('This operation was aborted', 'AbortError');
        outgoing.destroy(reason instanceof Error ? reason : undefined);
        reject(reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      outgoing.on('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(signal?.aborted === true ? signal.reason : fetchFailed(error));
      });
      outgoing.on('response', (incoming) => {
        const status = incoming.statusCode ?? 0;
        const nullBody = NULL_BODY_STATUSES.has(status) || requestObject.method === 'HEAD';
        if (nullBody) incoming.resume();
        // The body streams (watches never end): an abort after the headers ends the stream.
        incoming.on('close', () => signal?.removeEventListener('abort', onAbort));
        const stream = nullBody ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>);
        resolve(new Response(stream, { status, statusText: incoming.statusMessage ?? '', headers: toHeaders(incoming.headers) }));
      });
      outgoing.end(body);
    });
  };
}
