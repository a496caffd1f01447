// The one timer behind every countdown on screen. A timer per row would render twice per
// second and write up to twice the bytes; one aligned tick renders once.
import type { Clock } from '../core/clock.ts';

export interface TickSource {
  /** Calls `onTick` once per tick until the returned function is called. */
  subscribe(onTick: () => void): () => void;
}

// Fire just after the boundary so floor()-based countdowns have already changed.
const BOUNDARY_SLACK_MS = 2;

/** Ticks on each whole second of `clock`, re-aligning every time so it never drifts. */
export function secondTicker(clock: Clock): TickSource {
  return {
    subscribe(onTick) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const schedule = (): void => {
        const delay = 1000 - (clock.now() % 1000) + BOUNDARY_SLACK_MS;
        timer = setTimeout(() => {
          onTick();
          schedule();
        }, delay);
      };
      schedule();
      return () => clearTimeout(timer);
    },
  };
}
