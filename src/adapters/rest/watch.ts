// Live updates from GET /api/v1/events (server-sent events). On every (re)connect: wait for
// `ready`, list, emit a snapshot, then apply events newer than the list (`eventSeq`), so
// nothing is missed or applied twice. A missing heartbeat counts as a dead connection.
// Failures back off with jitter and are reported as 'reconnecting', then 'stale'. Never throws.
import type { KyInstance } from 'ky';
import type { Clock } from '../../core/clock.ts';
import { TokenTuiError } from '../../core/errors.ts';
import type { ConnectionState, WatchEvent, WatchListener } from '../contract.ts';
import { REST_SOURCE, toRestError } from './http.ts';
import { toToken } from './mapping.ts';
import { readSse, type SseMessage } from './sse.ts';
import type { WireReadyEventData, WireTokenEventData, WireTokenList } from './wire.ts';

export const BACKOFF_INITIAL_MS = 500;
export const BACKOFF_MAX_MS = 10_000;
export const STALE_AFTER_FAILURES = 3;
export const STALE_AFTER_MS = 10_000;
/** Silence allowed before `ready`, and in heartbeat periods after it. */
const CONNECT_TIMEOUT_MS = 15_000;
const HEARTBEATS_MISSED_BEFORE_DEAD = 2.5;

/** Waits `ms`, or less when `signal` aborts; never rejects. */
export type BackoffSleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface RestWatchOptions {
  readonly clock: Clock;
  readonly sleep?: BackoffSleep;
  readonly random?: () => number;
}

export interface RestWatchSource {
  readonly http: KyInstance;
  readonly server: string;
  readonly list: (signal: AbortSignal) => Promise<WireTokenList>;
}

const realSleep: BackoffSleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/** 500 ms, 1 s, 2 s, ... capped at 10 s, +-25 % jitter so clients do not reconnect in step. */
export function backoffDelayMs(failures: number, random: () => number): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

class ListenerFailure {
  readonly error: unknown;
  constructor(error: unknown) {
    this.error = error;
  }
}

class SilentStream extends Error {}

export function watchRestTokens(source: RestWatchSource, listener: WatchListener, signal: AbortSignal, options: RestWatchOptions): void {
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  let state: ConnectionState | null = null;
  let failures = 0;
  let troubleSince: number | null = null;

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

  function apply(message: SseMessage): void {
    if (message.event === 'token.created' || message.event === 'token.updated') {
      const data = JSON.parse(message.data) as WireTokenEventData;
      if (data.token) emit({ type: 'upsert', token: toToken(data.token) });
    } else if (message.event === 'token.revoked') {
      emit({ type: 'delete', id: (JSON.parse(message.data) as WireTokenEventData).tokenId });
    }
    // machine.enrolled changes no token field by itself: the token.updated that follows does.
  }

  async function streamOnce(): Promise<void> {
    const attempt = new AbortController();
    const abortAttempt = () => attempt.abort(signal.reason);
    signal.addEventListener('abort', abortAttempt, { once: true });
    let watchdog: NodeJS.Timeout | undefined;
    const arm = (ms: number) => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => attempt.abort(new SilentStream(`no data from the event stream for ${(ms / 1000).toFixed(1)}s`)), ms);
    };
    try {
      arm(CONNECT_TIMEOUT_MS);
      const response = await source.http.get('events', {
        timeout: false,
        retry: 0,
        signal: attempt.signal,
        headers: { accept: 'text/event-stream' },
      });
      let silenceMs = CONNECT_TIMEOUT_MS;
      let listedSeq: number | null = null;
      for await (const item of readSse(cancellable(response.body, attempt.signal))) {
        arm(silenceMs);
        if (item.type === 'comment') continue;
        const message = item.message;
        if (message.event === 'ready') {
          const ready = JSON.parse(message.data) as WireReadyEventData;
          silenceMs = Math.max(1000, ready.heartbeatSeconds * 1000 * HEARTBEATS_MISSED_BEFORE_DEAD);
          clearTimeout(watchdog); // a long list is not a silent stream
          const listing = await source.list(attempt.signal);
          arm(silenceMs);
          listedSeq = listing.eventSeq;
          emit({ type: 'snapshot', tokens: listing.items.map(toToken) });
          failures = 0;
          troubleSince = null;
          setState('live');
        } else if (listedSeq !== null && Number(message.id) > listedSeq) {
          apply(message);
        }
      }
      if (attempt.signal.aborted) throw attempt.signal.reason;
      throw new TokenTuiError('transport', `${source.server} closed the event stream`, { source: REST_SOURCE });
    } catch (error) {
      const reason: unknown = attempt.signal.reason;
      if (reason instanceof SilentStream) throw new TokenTuiError('timeout', reason.message, { source: REST_SOURCE });
      throw error;
    } finally {
      clearTimeout(watchdog);
      signal.removeEventListener('abort', abortAttempt);
      attempt.abort();
    }
  }

  async function failed(error: unknown): Promise<void> {
    failures += 1;
    troubleSince ??= options.clock.now();
    const stale = failures >= STALE_AFTER_FAILURES || options.clock.now() - troubleSince >= STALE_AFTER_MS;
    const mapped = toRestError(error, source.server);
    const problem =
      mapped instanceof TokenTuiError
        ? mapped
        : new TokenTuiError('transport', 'event stream failed', { source: REST_SOURCE });
    setState(stale ? 'stale' : 'reconnecting', problem);
    await sleep(backoffDelayMs(failures, random), signal);
  }

  async function run(): Promise<void> {
    setState('connecting');
    while (!signal.aborted) {
      try {
        await streamOnce();
      } catch (error) {
        if (error instanceof ListenerFailure) throw error.error;
        if (signal.aborted) return;
        await failed(error instanceof SyntaxError ? new TokenTuiError('server', 'malformed event data', { source: REST_SOURCE }) : error);
      }
    }
  }

  // A listener that throws is a programming error: surface it as an unhandled rejection.
  void run();
}

/** The body's chunks until it ends or `signal` aborts (a transport may not tie the two together). */
async function* cancellable(body: ReadableStream<Uint8Array> | null, signal: AbortSignal): AsyncGenerator<Uint8Array> {
  if (body === null) return;
  const reader = body.getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal.aborted) return;
      yield value;
    }
  } finally {
    signal.removeEventListener('abort', cancel);
    reader.releaseLock();
  }
}
