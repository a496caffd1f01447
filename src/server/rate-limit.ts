// A token bucket per client address for redemption attempts, so a join token cannot be
// guessed or hammered from one place. Time comes from the injected clock.
import type { Clock } from '../core/clock.ts';
import type { RateLimitOptions } from './options.ts';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

// Past this many tracked clients, full (idle) buckets are dropped: they hold no state worth keeping.
const MAX_TRACKED_CLIENTS = 10_000;

export class RateLimiter {
  readonly #options: RateLimitOptions;
  readonly #clock: Clock;
  readonly #buckets = new Map<string, Bucket>();

  constructor(options: RateLimitOptions, clock: Clock) {
    this.#options = options;
    this.#clock = clock;
  }

  take(client: string): RateDecision {
    const now = this.#clock.now();
    const bucket = this.#refilled(client, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const secondsUntilOne = (1 - bucket.tokens) / this.#options.perSecond;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(secondsUntilOne)) };
  }

  #refilled(client: string, now: number): Bucket {
    let bucket = this.#buckets.get(client);
    if (bucket === undefined) {
      if (this.#buckets.size >= MAX_TRACKED_CLIENTS) this.#dropIdle(now);
      bucket = { tokens: this.#options.burst, updatedAt: now };
      this.#buckets.set(client, bucket);
      return bucket;
    }
    const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(this.#options.burst, bucket.tokens + elapsedSeconds * this.#options.perSecond);
    bucket.updatedAt = now;
    return bucket;
  }

  #dropIdle(now: number): void {
    for (const [client, bucket] of this.#buckets) {
      const refilled = bucket.tokens + (Math.max(0, now - bucket.updatedAt) / 1000) * this.#options.perSecond;
      if (refilled >= this.#options.burst) this.#buckets.delete(client);
    }
  }
}
