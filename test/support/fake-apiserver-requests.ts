// What the fake apiserver does with a request before answering it: logs it, wakes whoever waits
// for it, holds it while a test needs it held, and picks the injected fault it answers with.
import type { FakeStatus } from './fake-apiserver-wire.ts';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export type RequestMatch = (request: RecordedRequest) => boolean;

/** Which requests a fault or hold applies to: the next `times` (default 1) that `match` (default all). */
export interface NextRequests {
  readonly times?: number;
  readonly match?: RequestMatch;
}

/** A fault's Status or a hold's promise, used up after `remaining` matching requests. */
interface Injection<T> {
  readonly value: T;
  remaining: number;
  readonly match: RequestMatch;
}

interface RequestWaiter {
  readonly match: RequestMatch;
  readonly resolve: (request: RecordedRequest) => void;
}

export class RequestLog {
  readonly requests: RecordedRequest[] = [];
  readonly #faults: Injection<FakeStatus>[] = [];
  readonly #holds: Injection<Promise<unknown>>[] = [];
  readonly #waiters = new Set<RequestWaiter>();

  failNext(status: FakeStatus, options: NextRequests = {}): void {
    this.#faults.push(injection(status, options));
  }

  holdNext(until: Promise<unknown>, options: NextRequests = {}): void {
    this.#holds.push(injection(until, options));
  }

  whenRequested(match: RequestMatch): Promise<RecordedRequest> {
    const logged = this.requests.find(match);
    if (logged !== undefined) return Promise.resolve(logged);
    return new Promise((resolve) => this.#waiters.add({ match, resolve }));
  }

  /** Logs `request` and wakes its waiters at once, waits out a matching hold, then returns the matching fault's Status, if any. */
  async admit(request: RecordedRequest): Promise<FakeStatus | undefined> {
    this.requests.push(request);
    for (const waiter of this.#waiters) {
      if (!waiter.match(request)) continue;
      this.#waiters.delete(waiter);
      waiter.resolve(request);
    }
    const hold = takeFirst(this.#holds, request);
    if (hold) await hold.catch(() => undefined);
    return takeFirst(this.#faults, request);
  }
}

function injection<T>(value: T, options: NextRequests): Injection<T> {
  return { value, remaining: options.times ?? 1, match: options.match ?? (() => true) };
}

/** The first injection still in force that matches `request`, used up once more. */
function takeFirst<T>(injections: readonly Injection<T>[], request: RecordedRequest): T | undefined {
  const found = injections.find((candidate) => candidate.remaining > 0 && candidate.match(request));
  if (found) found.remaining -= 1;
  return found?.value;
}
