// List-then-watch of the bootstrap-token Secrets: a snapshot after every
// (re)list, upserts and deletes from the watch, relist when the watch history expired, and
// backoff with honest connection states while the apiserver is away. Never throws.
import { toTokenTuiError, TokenTuiError } from '../../core/errors.ts';
import type { WatchListener } from '../contract.ts';
import { backoffDelayMs, createWatchConnection, ListenerFailure, type BackoffSleep, type WatchConnectionOptions } from '../watch-connection.ts';
import type { KubeClient } from '../../kube/client.ts';
import { KUBEADM_SOURCE, secretToToken, tokenIdFromSecretName, type SecretObject } from './secret-mapping.ts';
import { SECRETS_PATH, TOKEN_FIELD_SELECTOR, type TokensApi } from './tokens-api.ts';

export const WATCH_TIMEOUT_SECONDS = 300;
/** An empty watch that ends sooner than this counts as a failure, so it is retried with backoff. */
const QUICK_END_MS = 1000;

export type { BackoffSleep };
export { backoffDelayMs };

export type WatchOptions = WatchConnectionOptions;

interface RawWatchEvent {
  readonly type?: string;
  readonly object?: SecretObject & { readonly code?: number; readonly message?: string };
}

class ResyncRequired extends Error {}

export function watchTokens(
  client: KubeClient,
  api: TokensApi,
  listener: WatchListener,
  signal: AbortSignal,
  options: WatchOptions,
): void {
  const { clock } = options;
  const connection = createWatchConnection(listener, signal, options);
  const { emit, setState } = connection;
  let resourceVersion: string | null = null;
  /** True between a list and the first sign of life of the watch that follows it. */
  let listedJustNow = false;
  const contact = () => {
    connection.contact();
    listedJustNow = false;
  };

  async function relist(): Promise<void> {
    // list()'s own query, one answer up to 15,000 tokens: a TUI opened with listSoon 'watch' finds
    // the first one sent already (kube/early-get.ts). Its items are mapped as they arrive, so a
    // 12 MB answer is never held whole (pages of 500 kept the memory down before that, each page
    // a round trip). The first list comes from the watch cache, as client-go's reflector does;
    // a relist once something was listed (after a failure or an expired watch) reads etcd, so the
    // view never goes back in time.
    const listing = await api.list(signal, { fromCache: resourceVersion === null });
    resourceVersion = listing.resourceVersion;
    // Fresh data ends the outage clock, but only a working watch resets the backoff: a server
    // that lists but refuses to watch must not be hammered.
    connection.refreshed();
    listedJustNow = true;
    emit({ type: 'snapshot', tokens: listing.tokens });
    setState('live');
  }

  function handle(raw: unknown): void {
    if (typeof raw !== 'object' || raw === null || typeof (raw as RawWatchEvent).type !== 'string' || typeof (raw as RawWatchEvent).object !== 'object') {
      throw new TokenTuiError('server', `${client.connection.server} sent a watch event that is not {type, object}`, { source: KUBEADM_SOURCE });
    }
    const event = raw as RawWatchEvent;
    const object = event.object;
    if (event.type === 'ERROR') {
      throw new ResyncRequired(`watch error event: ${object?.message ?? `code ${object?.code ?? 'unknown'}`}`);
    }
    const eventVersion = object?.metadata?.resourceVersion;
    if (typeof eventVersion === 'string') resourceVersion = eventVersion;
    contact();
    setState('live');
    if (event.type === 'ADDED' || event.type === 'MODIFIED') emit({ type: 'upsert', token: secretToToken(object ?? {}) });
    else if (event.type === 'DELETED') {
      const name = object?.metadata?.name;
      emit({ type: 'delete', id: tokenIdFromSecretName(typeof name === 'string' ? name : '') });
    }
    // BOOKMARK carries only a resourceVersion, remembered above.
  }

  async function watchOnce(): Promise<void> {
    const stream = client.stream(SECRETS_PATH, {
      searchParams: {
        watch: '1',
        allowWatchBookmarks: 'true',
        fieldSelector: TOKEN_FIELD_SELECTOR,
        resourceVersion: resourceVersion ?? '',
        timeoutSeconds: String(WATCH_TIMEOUT_SECONDS),
      },
      // The client's timeout bounds only the wait for the response head; the server ends the
      // body after timeoutSeconds, and we re-watch.
      signal,
    });
    const openedAt = clock.now();
    let received = 0;
    for await (const raw of stream) {
      received += 1;
      handle(raw);
    }
    // A stream that ends at once with nothing in it (a proxy cutting watches) must not spin.
    if (received === 0 && clock.now() - openedAt < QUICK_END_MS) {
      throw new TokenTuiError('transport', 'the watch stream ended as soon as it opened', { source: KUBEADM_SOURCE });
    }
    // A clean end (the server's timeoutSeconds) is contact too: re-watch from the last version at once.
    contact();
  }

  const failed = (error: unknown) => connection.failed(toTokenTuiError(error, KUBEADM_SOURCE));

  async function run(): Promise<void> {
    setState('connecting');
    let needList = true;
    while (!signal.aborted) {
      try {
        if (needList) await relist();
        needList = false;
        await watchOnce();
      } catch (error) {
        if (error instanceof ListenerFailure) throw error.error;
        if (signal.aborted) return;
        // Every retry relists: the snapshot repairs anything missed and proves the server is back.
        needList = true;
        const expired = error instanceof ResyncRequired || (error instanceof TokenTuiError && error.httpStatus === 410);
        // An expired history is routine after a long watch, a fault right after a fresh list.
        if (!expired || listedJustNow) await failed(error);
      }
    }
  }

  // A listener that throws is a programming error: surface it as an unhandled rejection.
  void run();
}
