// What every adapter's live-update loop shares (kubeadm's list+watch, rest's event stream):
// event delivery that tells a listener bug from a connection problem, connection states
// reported only on change, and backoff with jitter that turns 'reconnecting' into 'stale'.
import type { Clock } from '../core/clock.ts';
import type { TokenTuiError } from '../core/errors.ts';
import type { ConnectionState, WatchEvent, WatchListener } from './contract.ts';

export const BACKOFF_INITIAL_MS = 500;
export const BACKOFF_MAX_MS = 10_000;
/** Failed attempts in a row after which the data on screen is called stale. */
export const STALE_AFTER_FAILURES = 3;
/** Time without contact after which the data on screen is called stale. */
export const STALE_AFTER_MS = 10_000;

/** Waits `ms`, or less when `signal` aborts; never rejects. */
export type BackoffSleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const realSleep: BackoffSleep = (ms, signal) =>
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

/** A listener failure is the caller's bug, not a connection problem: it must not be retried. */
export class ListenerFailure {
  readonly error: unknown;
  constructor(error: unknown) {
    this.error = error;
  }
}

export interface WatchConnectionOptions {
  readonly clock: Clock;
  readonly sleep?: BackoffSleep;
  /** 0 <= random() < 1, for jitter. */
  readonly random?: () => number;
}

export interface WatchConnection {
  /** Delivers an event unless aborted; a throwing listener surfaces as ListenerFailure. */
  emit(event: WatchEvent): void;
  /** Emits a state event when the state changes, or whenever an error comes with it. */
  setState(next: ConnectionState, error?: TokenTuiError): void;
  /** The server answered: the next failure starts a fresh backoff and outage clock. */
  contact(): void;
  /** Data arrived without proof the live channel works: ends the outage clock, keeps the backoff. */
  refreshed(): void;
  /** Counts a failure, reports reconnecting or stale with `error`, and waits the backoff. */
  failed(error: TokenTuiError): Promise<void>;
}

export function createWatchConnection(listener: WatchListener, signal: AbortSignal, options: WatchConnectionOptions): WatchConnection {
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const { clock } = options;
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
  return {
    emit,
    setState,
    contact() {
      failures = 0;
      troubleSince = null;
    },
    refreshed() {
      troubleSince = null;
    },
    async failed(error) {
      failures += 1;
      troubleSince ??= clock.now();
      const stale = failures >= STALE_AFTER_FAILURES || clock.now() - troubleSince >= STALE_AFTER_MS;
      setState(stale ? 'stale' : 'reconnecting', error);
      await sleep(backoffDelayMs(failures, random), signal);
    },
  };
}
