// Keeps the TUI's resident memory near its live data. Scrolling at key-repeat speed promotes
// garbage into the old generation faster than V8's own heuristics return it: with 10,000 tokens
// RSS climbed from ~140 MB to 165-196 MB while the live heap stayed ~25 MB (issue 3's budget is
// 150 MB). A full collection whenever the old generation has grown by GROWTH_BUDGET since the
// last one holds it down (with the young generation capped, young-generation-cap.ts: 125-130 MB
// loaded, 128-140 MB after 300 keys). Checked on a slow unref'd timer: microseconds when nothing
// happens, and it never keeps the process alive.
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
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

// Young-generation garbage is what every tick makes, and scavenges return it cheaply; a full
// collection is worth its pause only when garbage got promoted, so only the old generation
// (with large objects) counts. Counting the whole heap made the idle TTL tick cost 55 ms of CPU
// instead of 18 ms at 1,000 tokens (bench/tui-tick-cpu.mjs): a full GC every second or so.
const OLD_GENERATION_SPACES = new Set(['old_space', 'large_object_space', 'code_space']);

function oldGenerationUsed(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (OLD_GENERATION_SPACES.has(space.space_name)) used += space.space_used_size;
  return used;
}

/** Starts the trimmer; returns its stop function. */
export function startHeapTrim(options: HeapTrimOptions = {}): () => void {
  const collect = options.collect ?? fullCollector();
  const heapUsed = options.heapUsed ?? oldGenerationUsed;
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
