// GET /api/v1/ready: can this replica do its job, i.e. write to its database? Answered by a
// real committed write (store.probeWrite), at most one per second however often it is asked,
// so a load balancer or a hostile client probing it cannot turn it into a write load.
import { StoreUnavailableError } from './store/sql.ts';
import type { TokenStore } from './store/token-store.ts';

const PROBE_EVERY_MS = 1000;

export class Readiness {
  readonly #store: TokenStore;
  #checkedAt = Number.NEGATIVE_INFINITY;
  #problem: StoreUnavailableError | null = null;
  #inFlight: Promise<StoreUnavailableError | null> | null = null;

  constructor(store: TokenStore) {
    this.#store = store;
  }

  /** null when the database takes writes; otherwise why not. */
  check(): Promise<StoreUnavailableError | null> {
    if (performance.now() - this.#checkedAt < PROBE_EVERY_MS) return Promise.resolve(this.#problem);
    this.#inFlight ??= this.#store
      .probeWrite()
      .then(
        () => null,
        (error: unknown) => (error instanceof StoreUnavailableError ? error : new StoreUnavailableError('database-unreachable', String(error))),
      )
      .then((problem) => {
        this.#problem = problem;
        this.#checkedAt = performance.now();
        this.#inFlight = null;
        return problem;
      });
    return this.#inFlight;
  }
}
