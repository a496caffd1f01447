// A GET sent before anyone asks for it. `tokentui list` knows from the start that it will LIST
// the token Secrets, and the apiserver takes tens of milliseconds to answer a large list: sending
// it at once, instead of after the GET /version that picks the adapter and after the adapter's
// code has loaded, lets all of that happen while the server works
// (bench/list-vs-kubeadm.mjs measures the difference).
import type { KubeClient, KubeRequestOptions } from './client.ts';

function requestKey(path: string, searchParams: KubeRequestOptions['searchParams']): string {
  const query = Object.entries(searchParams ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
  return `${path}?${query}`;
}

/** The caller's abort still wins over an answer that was sent for it earlier. */
function untilAborted<T>(answer: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return answer;
  return new Promise<T>((resolve, reject) => {
    // Rejected, never thrown, like every request of the client this one stands in for.
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A caller that wants the whole answer gets the items that were held for it back in place. */
function withHeldItems(body: unknown, held: readonly unknown[]): unknown {
  if (held.length === 0 || typeof body !== 'object' || body === null) return body;
  return { ...body, items: held };
}

/**
 * Sends `GET path` now. The returned client answers the first GET of the same path and query
 * with it (its answer or its error, mapped as any request's), and sends everything else,
 * including later identical GETs, as usual: the early answer is used once, never cached.
 * The answer's items are read as they arrive (client.ts `onItem`): held until that first GET
 * comes, then handed to its `onItem`, or put back into the answer when it has none.
 */
export function withEarlyGet(client: KubeClient, path: string, searchParams: Readonly<Record<string, string>> = {}): KubeClient {
  const key = requestKey(path, searchParams);
  const held: unknown[] = [];
  let consumer: ((item: unknown) => void) | undefined;
  const onItem = (item: unknown) => (consumer === undefined ? void held.push(item) : consumer(item));
  let early: Promise<unknown> | undefined = client.request('GET', path, { searchParams, onItem });
  // Not unhandled while nobody has asked yet: the first matching request receives the error.
  early.catch(() => undefined);
  return {
    ...client,
    request<T>(method: Parameters<KubeClient['request']>[0], requestPath: string, options?: KubeRequestOptions): Promise<T> {
      if (early !== undefined && method === 'GET' && requestKey(requestPath, options?.searchParams) === key) {
        const answer = early;
        early = undefined;
        const callerOnItem = options?.onItem;
        if (callerOnItem === undefined) return untilAborted(answer.then((body) => withHeldItems(body, held) as T), options?.signal);
        try {
          // What arrived before the question, then the rest as it comes.
          for (const item of held.splice(0)) callerOnItem(item);
        } catch (error) {
          return Promise.reject(error);
        }
        consumer = callerOnItem;
        return untilAborted(answer as Promise<T>, options?.signal);
      }
      return client.request<T>(method, requestPath, options);
    },
  };
}
