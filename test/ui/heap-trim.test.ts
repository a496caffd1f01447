import { afterEach, describe, expect, it, vi } from 'vitest';
import { getHeapStatistics } from 'node:v8';
import { fullCollector, startHeapTrim } from '../../src/ui/heap-trim.ts';

describe('startHeapTrim', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('collects only once the heap has grown by the budget since the last collection', () => {
    vi.useFakeTimers();
    let used = 100;
    const collections: number[] = [];
    const stop = startHeapTrim({
      checkEveryMs: 500,
      growthBudgetBytes: 50,
      heapUsed: () => used,
      collect: () => {
        collections.push(used);
        used = 110; // what survives
      },
    });
    used = 149;
    vi.advanceTimersByTime(500);
    expect(collections).toEqual([]);
    used = 150;
    vi.advanceTimersByTime(500);
    expect(collections).toEqual([150]);
    used = 159; // 49 over the new live size of 110
    vi.advanceTimersByTime(1000);
    expect(collections).toEqual([150]);
    stop();
    used = 1000;
    vi.advanceTimersByTime(5000);
    expect(collections).toEqual([150]);
  });

  it('the default collector is V8\'s full collection: garbage is gone after it', () => {
    const collect = fullCollector();
    collect();
    const before = getHeapStatistics().used_heap_size;
    let garbage: unknown[] | null = Array.from({ length: 200_000 }, (_, index) => ({ index, text: `row ${index}` }));
    expect(getHeapStatistics().used_heap_size - before).toBeGreaterThan(8 * 2 ** 20);
    garbage = null;
    collect();
    expect(garbage).toBeNull();
    expect(getHeapStatistics().used_heap_size - before).toBeLessThan(2 * 2 ** 20);
  });
});
