// A fetch with the client's limits around another fetch (ky's requests: the REST adapter, and the
// Kubernetes API's writes and watches): redirects followed only within the origin asked, each
// answer's body capped in size (from Content-Length, then per chunk) and, for a request that is
// not a stream, in time. Streams (watches, server-sent events) have no end by design; their
// readers cap each event instead (json-lines.ts, rest/sse.ts).
import type { FetchFunction } from './https-fetch.ts';
import { declaredOverLimit, isRedirect, limitedBody, responseTooLarge, sameOriginRedirect } from './response-limits.ts';

export interface BoundedFetchOptions {
  /** The adapter id errors carry. */
  readonly source: string;
  readonly maxResponseBytes: number;
  /** A body not finished this long after the request was sent fails (streams excepted). */
  readonly deadlineMs: number;
  /** Requests whose answer is a stream without an end: no total size or time cap. */
  readonly isStream: (request: Request) => boolean;
}

export function boundedFetch(inner: FetchFunction, options: BoundedFetchOptions): FetchFunction {
  return async (input, init) => {
    let request = input instanceof Request ? input : new Request(input, init);
    const stream = options.isStream(request);
    const sentAt = Date.now();
    for (let hops = 0; ; hops += 1) {
      // 'manual': a redirect comes back here (Node's own fetch would follow it to any host).
      const response = await inner(new Request(request, { redirect: 'manual' }), init);
      const origin = { source: options.source, method: request.method, url: request.url };
      if (isRedirect(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        const target = sameOriginRedirect(origin, response.headers.get('location'), hops);
        request = new Request(target, { method: request.method, headers: request.headers, signal: request.signal });
        continue;
      }
      if (stream || response.body === null) return response;
      const declared = declaredOverLimit(response.headers.get('content-length'), options.maxResponseBytes);
      if (declared !== undefined) {
        await response.body.cancel().catch(() => undefined);
        throw responseTooLarge(origin, options.maxResponseBytes, declared);
      }
      const remainingMs = Math.max(1, options.deadlineMs - (Date.now() - sentAt));
      const body = limitedBody(response.body, options.maxResponseBytes, origin, remainingMs);
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    }
  };
}
