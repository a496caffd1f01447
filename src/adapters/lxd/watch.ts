// Live updates from LXD's operation events. Each (re)connect: open the websocket, list, emit a
// snapshot, then apply the events that arrived meanwhile and after. LXD delivers one operation's
// events out of order at times (seen: Cancelled before Cancelling), so an operation seen ending
// is remembered and a late Running event for it is ignored. When the server refuses the
// websocket itself (an HTTP answer instead of the upgrade), the watch polls the list instead.
// Between reconnect attempts the list is polled too, so the data stays fresh. While polling, the
// state is 'polling' (fresh data, but no live channel), never 'live'. Never throws.
import { TokenTuiError } from '../../core/errors.ts';
import type { Token } from '../../core/token.ts';
import type { WatchListener } from '../contract.ts';
import { createWatchConnection, ListenerFailure, realSleep, type WatchConnectionOptions } from '../watch-connection.ts';
import type { OpenEventSocket } from './events-socket.ts';
import { isLiveTokenOperation, isTokenOperation, toLxdToken } from './mapping.ts';
import { LXD_SOURCE } from './scope.ts';
import type { LxdEvent, LxdOperation } from './wire.ts';

export const EVENTS_PATH = '/1.0/events?type=operation';
export const DEFAULT_POLL_INTERVAL_MS = 5_000;
/** Ended operations remembered against late events (ids only; far more than a burst). */
const TOMBSTONES_KEPT = 1_000;

export interface LxdWatchSource {
  readonly server: string;
  /** Live token operations. */
  readonly list: (signal: AbortSignal) => Promise<LxdOperation[]>;
  readonly openEvents: OpenEventSocket;
}

export interface LxdWatchOptions extends WatchConnectionOptions {
  readonly pollIntervalMs?: number;
}

interface StreamEnd {
  readonly error: TokenTuiError;
  readonly permanent: boolean;
}

export function watchLxdTokens(source: LxdWatchSource, listener: WatchListener, signal: AbortSignal, options: LxdWatchOptions): void {
  const connection = createWatchConnection(listener, signal, options);
  const sleep = options.sleep ?? realSleep;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const { emit, setState } = connection;
  /** id -> JSON of the token last emitted, so repeated events emit nothing. */
  const shown = new Map<string, string>();
  const ended = new Set<string>();

  function snapshot(operations: readonly LxdOperation[]): void {
    const tokens: Token[] = operations.filter((operation) => !ended.has(operation.id)).map(toLxdToken);
    shown.clear();
    for (const token of tokens) shown.set(token.id, JSON.stringify(token));
    emit({ type: 'snapshot', tokens });
  }

  function remember(id: string): void {
    ended.add(id);
    if (ended.size > TOMBSTONES_KEPT) ended.delete(ended.values().next().value!);
  }

  function apply(text: string): void {
    const event = JSON.parse(text) as LxdEvent;
    const operation = event.metadata;
    if (event.type !== 'operation' || typeof operation?.id !== 'string' || !isTokenOperation(operation)) return;
    if (!isLiveTokenOperation(operation)) {
      remember(operation.id);
      if (shown.delete(operation.id)) emit({ type: 'delete', id: operation.id });
      return;
    }
    if (ended.has(operation.id)) return;
    const token = toLxdToken(operation);
    const json = JSON.stringify(token);
    if (shown.get(token.id) === json) return;
    shown.set(token.id, json);
    emit({ type: 'upsert', token });
  }

  function streamOnce(): Promise<StreamEnd> {
    return new Promise<StreamEnd>((resolve, reject) => {
      const attempt = new AbortController();
      const abortAttempt = () => attempt.abort();
      signal.addEventListener('abort', abortAttempt, { once: true });
      const pending: string[] = [];
      let listed = false;
      const end = (outcome: StreamEnd | ListenerFailure) => {
        signal.removeEventListener('abort', abortAttempt);
        attempt.abort();
        if (outcome instanceof ListenerFailure) reject(outcome);
        else resolve(outcome);
      };
      const failUnlessListener = (error: unknown) => {
        if (error instanceof ListenerFailure) return end(error);
        const mapped = error instanceof SyntaxError ? new TokenTuiError('server', `malformed event from ${source.server}`, { source: LXD_SOURCE }) : error;
        end({ error: mapped instanceof TokenTuiError ? mapped : new TokenTuiError('transport', String(mapped), { source: LXD_SOURCE }), permanent: false });
      };
      source.openEvents(
        EVENTS_PATH,
        {
          onOpen: () => {
            source.list(attempt.signal).then(
              (operations) => {
                if (attempt.signal.aborted) return;
                try {
                  snapshot(operations);
                  for (const text of pending.splice(0)) apply(text);
                  listed = true;
                  connection.contact();
                  setState('live');
                } catch (error) {
                  failUnlessListener(error);
                }
              },
              (error: unknown) => {
                if (!signal.aborted) failUnlessListener(error);
              },
            );
          },
          onMessage: (text) => {
            if (!listed) {
              pending.push(text);
              return;
            }
            try {
              apply(text);
            } catch (error) {
              failUnlessListener(error);
            }
          },
          onClose: (error, permanent) => end({ error, permanent }),
        },
        attempt.signal,
      );
      if (signal.aborted) end({ error: new TokenTuiError('transport', 'stopped', { source: LXD_SOURCE }), permanent: false });
    });
  }

  /** One list as a snapshot; false (and nothing emitted) when it failed. */
  async function poll(): Promise<TokenTuiError | null> {
    try {
      snapshot(await source.list(signal));
      return null;
    } catch (error) {
      if (error instanceof ListenerFailure) throw error;
      return error instanceof TokenTuiError ? error : new TokenTuiError('transport', String(error), { source: LXD_SOURCE });
    }
  }

  async function run(): Promise<void> {
    setState('connecting');
    /** Why the event stream was refused, once polling: said with the first 'polling' after any other state. */
    let pollingBecause: TokenTuiError | null = null;
    let saidWhy = false;
    while (!signal.aborted) {
      if (pollingBecause !== null) {
        const failure = await poll();
        if (signal.aborted) return;
        if (failure === null) {
          connection.contact();
          setState('polling', saidWhy ? undefined : pollingBecause);
          saidWhy = true;
          await sleep(pollIntervalMs, signal);
        } else {
          saidWhy = false;
          await connection.failed(failure);
        }
        continue;
      }
      const outcome = await streamOnce();
      if (signal.aborted) return;
      if (outcome.permanent) {
        // No live channel on this server (or through this proxy): polling is the fallback.
        pollingBecause = outcome.error;
        continue;
      }
      const backoff = connection.failed(outcome.error);
      // While waiting to reconnect, keep the list fresh (data age in the header stays true).
      if ((await poll()) === null) connection.refreshed();
      await backoff;
    }
  }

  // A listener that throws is the caller's bug: surface it as an unhandled rejection.
  void run().catch((error: unknown) => {
    if (error instanceof ListenerFailure) throw error.error;
    throw error;
  });
}
