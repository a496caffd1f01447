// Keeps the TUI's resident memory near its live data. Scrolling at key-repeat speed makes
// garbage faster than V8's own heuristics return it: with 10,000 tokens RSS climbed from
// ~140 MB to ~165-196 MB while the live heap stayed ~25 MB (issue 3's budget is 150 MB).
// A full collection whenever the heap has grown by GROWTH_BUDGET since the last one holds it
// down (bench/tui-keypress.mjs prints RSS and key-to-frame time with this on). Checked on a
// slow unref'd timer: costs microseconds when nothing happens, never keeps the process alive.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface HeapTrimOptions {
  readonly checkEveryMs?: number;
  readonly growthBudgetBytes?: number;
  /** Tests: the heap reading and the collector. */
  readonly heapUsed?: () => number;
  readonly collect?: () => void;
}

const DEFAULT_CHECK_EVERY_MS = 500;
const DEFAULT_GROWTH_BUDGET_BYTES = 8 * 2 ** 20;

/** A full-GC function: V8 exposes one to a new context once --expose-gc is set at run time. */
export function fullCollector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Starts the trimmer; returns its stop function. */
export function startHeapTrim(options: HeapTrimOptions = {}): () => void {
  const collect = options.collect ?? fullCollector();
  const heapUsed = options.heapUsed ?? (() => getHeapStatistics().used_heap_size);
  const budget = options.growthBudgetBytes ?? DEFAULT_GROWTH_BUDGET_BYTES;
  let live = heapUsed();
  const timer = setInterval(() => {
    if (heapUsed() - live < budget) return;
    collect();
    live = heapUsed();
  }, options.checkEveryMs ?? DEFAULT_CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
