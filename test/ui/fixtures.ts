// Tokens and time for UI tests. Times are whole seconds, like Kubernetes expirations.
import type { TickSource } from '../../src/ui/clock-ticker.ts';
import { ManualClock } from '../../src/core/clock.ts';
import type { Token } from '../../src/core/token.ts';

export const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

export function token(id: string, fields: Partial<Token> = {}): Token {
  return {
    id,
    description: '',
    expiresAt: null,
    usages: ['authentication', 'signing'],
    groups: ['system:bootstrappers:kubeadm:default-node-token'],
    invalidReason: null,
    ...fields,
  };
}

/** A ManualClock whose ticks the test fires by hand: `advance()` moves time and ticks once. */
export class FakeTime {
  readonly clock: ManualClock;
  readonly #listeners = new Set<() => void>();
  readonly ticks: TickSource = {
    subscribe: (onTick) => {
      this.#listeners.add(onTick);
      return () => this.#listeners.delete(onTick);
    },
  };
  constructor(startMs: number = T0) {
    this.clock = new ManualClock(startMs);
  }
  advance(ms: number): void {
    this.clock.advance(ms);
    this.#listeners.forEach((listener) => listener());
  }
  get now(): number {
    return this.clock.now();
  }
  get subscribers(): number {
    return this.#listeners.size;
  }
}
