// Polling for adapters without watch, speaking the same WatchEvents so the UI has one feed:
// a snapshot per successful list (which is also how it resyncs after an outage) and 'state'
// events for the header.
import type { TokenAdapter, WatchListener } from '../../adapters/contract.ts';
import { TokenTuiError, toTokenTuiError } from '../../core/errors.ts';

export const DEFAULT_POLL_INTERVAL_MS = 5_000;
/** Consecutive failed polls after which the data is called stale rather than reconnecting. */
export const STALE_AFTER_FAILURES = 3;

export interface PollingOptions {
  readonly intervalMs: number;
  /** A list() that hangs is abandoned after this long so the header can say so. */
  readonly requestTimeoutMs?: number;
}

// Long enough for a slow apiserver, short enough that an outage shows within ~10 s.
function defaultRequestTimeout(intervalMs: number): number {
  return Math.min(5_000, Math.max(2_000, intervalMs));
}

/** Runs until `signal` aborts. Never throws: failures become 'state' events. */
export function pollTokens(adapter: Pick<TokenAdapter, 'id' | 'list'>, listener: WatchListener, signal: AbortSignal, options: PollingOptions): void {
  const timeoutMs = options.requestTimeoutMs ?? defaultRequestTimeout(options.intervalMs);
  let failures = 0;
  let live = false;
  let nextPoll: ReturnType<typeof setTimeout> | undefined;

  const pollOnce = async (): Promise<void> => {
    const request = new AbortController();
    const abortRequest = (): void => request.abort();
    signal.addEventListener('abort', abortRequest, { once: true });
    const timeout = setTimeout(() => {
      request.abort(new TokenTuiError('timeout', `list did not answer within ${timeoutMs} ms`, { source: adapter.id }));
    }, timeoutMs);
    try {
      const tokens = await raceAbort(adapter.list(request.signal), request.signal);
      if (signal.aborted) return;
      failures = 0;
      listener({ type: 'snapshot', tokens });
      if (!live) listener({ type: 'state', state: 'live' });
      live = true;
    } catch (error) {
      if (signal.aborted) return;
      failures += 1;
      live = false;
      const state = failures >= STALE_AFTER_FAILURES ? 'stale' : 'reconnecting';
      listener({ type: 'state', state, error: toTokenTuiError(error, adapter.id) });
    } finally {
      clearTimeout(timeout);
      signal.removeEventListener('abort', abortRequest);
    }
  };

  const loop = async (): Promise<void> => {
    await pollOnce();
    if (!signal.aborted) nextPoll = setTimeout(() => void loop(), options.intervalMs);
  };
  signal.addEventListener('abort', () => clearTimeout(nextPoll), { once: true });
  void loop();
}

// An adapter that ignores its signal must not stall the loop: the timeout wins the race.
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
