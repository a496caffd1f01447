// Caps V8's young generation at 8 MB semi-spaces while the TUI runs. Under key-repeat scrolling
// V8 doubles the semi-spaces up to 16 MB each (32 MB with 64 MB reserved), most of the difference
// between 130 and 180 MB resident after scrolling 10,000 tokens (bench/tui-keypress.mjs; the
// budget is 150 MB). `--max-semi-space-size` can only be given at start-up, which took a second
// Node process (a re-exec, ~18 ms of the first frame: bench/ab-first-frame.mjs). V8 reads its
// growth factor each time it grows the space, though: once the young generation has reached the
// cap, after a collection, growing stops. Measured the same run: 135.7 MB after scrolling, key
// to frame p95 19.5 ms; a factor of 1 from the start kept it at 4 MB and doubled the scavenges on
// the key path (p95 43.8 ms).
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { PerformanceObserver } from 'node:perf_hooks';

/** The new space's size (both semi-spaces) at which growing stops: 8 MB semi-spaces. */
export const NEW_SPACE_CAP_BYTES = 16 * 2 ** 20;

export interface YoungGenerationCapOptions {
  readonly capBytes?: number;
  /** Tests: the new space's size, the flag setter, and when to look (a collection happened). */
  readonly newSpaceBytes?: () => number;
  readonly setFlags?: (flags: string) => void;
  readonly onCollection?: (check: () => void) => () => void;
}

function newSpaceSize(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

/** After every collection, until the cap is reached: V8's 'gc' performance entries. */
function afterEachCollection(check: () => void): () => void {
  const observer = new PerformanceObserver(check);
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}

/** Starts watching; returns the stop function (a no-op once the cap is set). */
export function capYoungGeneration(options: YoungGenerationCapOptions = {}): () => void {
  const cap = options.capBytes ?? NEW_SPACE_CAP_BYTES;
  const size = options.newSpaceBytes ?? newSpaceSize;
  const setFlags = options.setFlags ?? setFlagsFromString;
  let stop = (): void => undefined;
  let capped = false;
  const check = () => {
    if (capped || size() < cap) return;
    capped = true;
    setFlags('--semi-space-growth-factor=1');
    stop();
  };
  stop = (options.onCollection ?? afterEachCollection)(check);
  // Already there (a big start-up): no collection needs to come first.
  check();
  return () => stop();
}
