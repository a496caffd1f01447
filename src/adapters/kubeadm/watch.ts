// List-then-watch of the bootstrap-token Secrets (token-backends.md §6.3): a snapshot after every
// (re)list, upserts and deletes from the watch, relist when the watch history expired, and
// backoff with honest connection states while the apiserver is away. Never throws.
import type { Clock } from '../../core/clock.ts';
import { toTokenTuiError, TokenTuiError } from '../../core/errors.ts';
import type { ConnectionState, WatchEvent, WatchListener } from '../contract.ts';
import type { KubeClient } from '../../kube/client.ts';
import { KUBEADM_SOURCE, secretToToken, tokenIdFromSecretName, type SecretObject } from './secret-mapping.ts';
import { SECRETS_PATH, TOKEN_FIELD_SELECTOR, type TokensApi } from './tokens-api.ts';

/** The watch's (re)list pages, so a TUI on 10,000 tokens never parses one 12 MB answer. */
export const WATCH_LIST_PAGE_SIZE = 500;
export const WATCH_TIMEOUT_SECONDS = 300;
export const BACKOFF_INITIAL_MS = 500;
export const BACKOFF_MAX_MS = 10_000;
/** Failed attempts in a row after which the data on screen is called stale. */
export const STALE_AFTER_FAILURES = 3;
/** Time without contact after which the data on screen is called stale. */
export const STALE_AFTER_MS = 10_000;
/** An empty watch that ends sooner than this counts as a failure, so it is retried with backoff. */
const QUICK_END_MS = 1000;

/** Waits `ms`, or less when `signal` aborts; never rejects. */
export type BackoffSleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface WatchOptions {
  readonly clock: Clock;
  readonly sleep?: BackoffSleep;
  /** 0 <= random() < 1, for jitter. */
  readonly random?: () => number;
}

const realSleep: BackoffSleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** Exponential backoff with +-25 % jitter: 500 ms, 1 s, 2 s, ... capped at 10 s. */
export function backoffDelayMs(failures: number, random: () => number): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

interface RawWatchEvent {
  readonly type?: string;
  readonly object?: SecretObject & { readonly code?: number; readonly message?: string };
}

/** A listener failure is the caller's bug, not a connection problem: it must not be retried. */
class ListenerFailure {
  readonly error: unknown;
  constructor(error: unknown) {
    this.error = error;
  }
}

class ResyncRequired extends Error {}

export function watchTokens(
  client: KubeClient,
  api: TokensApi,
  listener: WatchListener,
  signal: AbortSignal,
  options: WatchOptions,
): void {
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const { clock } = options;
  let state: ConnectionState | null = null;
  let resourceVersion: string | null = null;
  let failures = 0;
  let troubleSince: number | null = null;
  /** True between a list and the first sign of life of the watch that follows it. */
  let listedJustNow = false;

  const emit = (event: WatchEvent) => {
    if (signal.aborted) return;
    try {
      listener(event);
    } catch (error) {
      throw new ListenerFailure(error);
    }
  };
  const setState = (next: ConnectionState, error?: TokenTuiError) => {
    if (next === state && error === undefined) return;
    state = next;
    emit(error === undefined ? { type: 'state', state: next } : { type: 'state', state: next, error });
  };
  const contact = () => {
    failures = 0;
    troubleSince = null;
    listedJustNow = false;
  };

  async function relist(): Promise<void> {
    const listing = await api.list(signal, { pageSize: WATCH_LIST_PAGE_SIZE });
    resourceVersion = listing.resourceVersion;
    // Fresh data ends the outage clock, but only a working watch resets the backoff: a server
    // that lists but refuses to watch must not be hammered.
    troubleSince = null;
    listedJustNow = true;
    emit({ type: 'snapshot', tokens: listing.tokens });
    setState('live');
  }

  function handle(raw: unknown): void {
    const event = raw as RawWatchEvent;
    const object = event.object;
    if (event.type === 'ERROR') {
      throw new ResyncRequired(`watch error event: ${object?.message ?? `code ${object?.code ?? 'unknown'}`}`);
    }
    const eventVersion = object?.metadata?.resourceVersion;
    if (eventVersion !== undefined) resourceVersion = eventVersion;
    contact();
    setState('live');
    if (event.type === 'ADDED' || event.type === 'MODIFIED') emit({ type: 'upsert', token: secretToToken(object ?? {}) });
    else if (event.type === 'DELETED') emit({ type: 'delete', id: tokenIdFromSecretName(object?.metadata?.name ?? '') });
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

  async function failed(error: unknown): Promise<void> {
    failures += 1;
    troubleSince ??= clock.now();
    const stale = failures >= STALE_AFTER_FAILURES || clock.now() - troubleSince >= STALE_AFTER_MS;
    setState(stale ? 'stale' : 'reconnecting', toTokenTuiError(error, KUBEADM_SOURCE));
    await sleep(backoffDelayMs(failures, random), signal);
  }

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
