// Live updates from GET /api/v1/events (server-sent events). On every (re)connect: wait for
// `ready`, list, emit a snapshot, then apply events newer than the list (`eventSeq`), so
// nothing is missed or applied twice. A missing heartbeat counts as a dead connection.
// Failures back off with jitter and are reported as 'reconnecting', then 'stale'. Never throws.
import type { KyInstance } from 'ky';
import { TokenTuiError } from '../../core/errors.ts';
import type { WatchListener } from '../contract.ts';
import { backoffDelayMs, createWatchConnection, ListenerFailure, type BackoffSleep, type WatchConnectionOptions } from '../watch-connection.ts';
import { REST_SOURCE, toRestError } from './http.ts';
import { toToken } from './mapping.ts';
import { readSse, type SseMessage } from './sse.ts';
import type { WireReadyEventData, WireTokenEventData, WireTokenList } from '../../rest-contract/wire.ts';

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
}

class SilentStream extends Error {}

export function watchRestTokens(source: RestWatchSource, listener: WatchListener, signal: AbortSignal, options: RestWatchOptions): void {
  const connection = createWatchConnection(listener, signal, options);
  const { emit, setState } = connection;

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
          connection.contact();
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
