// Live updates from GET /api/v1/events (server-sent events). On every (re)connect: wait for
// `ready`, list, emit a snapshot, then apply events newer than the list (`eventSeq`), so
// nothing is missed or applied twice. A missing heartbeat counts as a dead connection.
// `resync` (the server dropped this subscriber: too slow, or its place in the log is gone) means
// list again now and reconnect, not a failure. Every event's data is checked against the
// contract, and each event is capped in size. Failures back off with jitter and are reported as
// 'reconnecting', then 'stale'. Never throws.
import type { KyInstance } from 'ky';
import { TokenTuiError } from '../../core/errors.ts';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../kube/response-limits.ts';
import type { WatchListener } from '../contract.ts';
import { backoffDelayMs, createWatchConnection, ListenerFailure, realSleep, type BackoffSleep, type WatchConnectionOptions } from '../watch-connection.ts';
import { REST_SOURCE, toRestError } from './http.ts';
import { toToken } from './mapping.ts';
import { readSse, type SseMessage } from './sse.ts';
import { readReadyEvent, readResyncEvent, readTokenEvent, readWire, type Reader } from './wire-check.ts';
import type { WireTokenList } from '../../rest-contract/wire.ts';

/** Silence allowed before `ready`, and in heartbeat periods after it. */
const CONNECT_TIMEOUT_MS = 15_000;
const HEARTBEATS_MISSED_BEFORE_DEAD = 2.5;

export type { BackoffSleep };
export { backoffDelayMs };

export type RestWatchOptions = WatchConnectionOptions;

export interface RestWatchSource {
  readonly http: KyInstance;
  readonly server: string;
  readonly list: (signal: AbortSignal) => Promise<WireTokenList>;
  /** The cap on one event (default DEFAULT_MAX_RESPONSE_BYTES). */
  readonly maxEventBytes?: number;
}

class SilentStream extends Error {}
/** The stream ended with `resync`: list again and reconnect at once. */
class Resync extends Error {}

export function watchRestTokens(source: RestWatchSource, listener: WatchListener, signal: AbortSignal, options: RestWatchOptions): void {
  const connection = createWatchConnection(listener, signal, options);
  const { emit, setState } = connection;

  /** An event's data, parsed and checked against the contract (a violation names the event and field). */
  function eventData<T>(read: Reader<T>, message: SseMessage): T {
    return readWire(read, JSON.parse(message.data), source.server, `the event stream (${message.event} event)`);
  }

  async function relist(signal: AbortSignal): Promise<number> {
    const listing = await source.list(signal);
    emit({ type: 'snapshot', tokens: listing.items.map(toToken) });
    return listing.eventSeq;
  }

  function apply(message: SseMessage): void {
    if (message.event === 'token.created' || message.event === 'token.updated') {
      const data = eventData(readTokenEvent, message);
      if (data.token) emit({ type: 'upsert', token: toToken(data.token) });
    } else if (message.event === 'token.revoked') {
      emit({ type: 'delete', id: eventData(readTokenEvent, message).tokenId });
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
      const maxEventBytes = source.maxEventBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
      for await (const item of readSse(cancellable(response.body, attempt.signal), maxEventBytes)) {
        arm(silenceMs);
        if (item.type === 'comment') continue;
        const message = item.message;
        if (message.event === 'ready') {
          const ready = eventData(readReadyEvent, message);
          silenceMs = Math.max(1000, ready.heartbeatSeconds * 1000 * HEARTBEATS_MISSED_BEFORE_DEAD);
          clearTimeout(watchdog); // a long list is not a silent stream
          listedSeq = await relist(attempt.signal);
          arm(silenceMs);
          connection.contact();
          setState('live');
        } else if (message.event === 'resync') {
          eventData(readResyncEvent, message);
          // The events after this one are lost to this subscriber: a fresh list repairs that now.
          clearTimeout(watchdog);
          await relist(attempt.signal);
          connection.contact();
          throw new Resync();
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

  function failed(error: unknown): Promise<void> {
    const mapped = toRestError(error, source.server);
    return connection.failed(
      mapped instanceof TokenTuiError ? mapped : new TokenTuiError('transport', 'event stream failed', { source: REST_SOURCE }),
    );
  }

  async function run(): Promise<void> {
    setState('connecting');
    while (!signal.aborted) {
      try {
        await streamOnce();
      } catch (error) {
        if (error instanceof ListenerFailure) throw error.error;
        if (signal.aborted) return;
        // Dropped with `resync` and listed again: no failure to report; reconnect after the
        // first backoff step, so a server that keeps dropping us is not hammered.
        if (error instanceof Resync) {
          await (options.sleep ?? realSleep)(backoffDelayMs(1, options.random ?? Math.random), signal);
          continue;
        }
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
