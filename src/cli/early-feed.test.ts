// startFeedEarly: the feed runs before the UI claims it, nothing is lost or doubled, and the
// UI's signal (or close) ends it. A recording fake adapter: the calls it logs are the proof.
import { describe, expect, it } from 'vitest';
import type { TokenAdapter, WatchEvent, WatchListener } from '../adapters/contract.ts';
import type { Token } from '../core/token.ts';
import { startFeedEarly, takeArrivedEvents } from './early-feed.ts';

function fakeAdapter(withWatch: boolean) {
  const calls: string[] = [];
  const watches: { listener: WatchListener; signal: AbortSignal }[] = [];
  const lists: { resolve: (tokens: readonly Token[]) => void; signal: AbortSignal | undefined }[] = [];
  const adapter = {
    id: 'rest',
    capabilities: { watch: withWatch },
    list: (signal?: AbortSignal) => {
      calls.push('list');
      return new Promise<readonly Token[]>((resolve) => lists.push({ resolve, signal }));
    },
    get: () => Promise.reject(new Error('unused')),
    close: async () => {
      calls.push('close');
    },
    ...(withWatch
      ? {
          watch: (listener: WatchListener, signal: AbortSignal) => {
            calls.push('watch');
            watches.push({ listener, signal });
          },
        }
      : {}),
  } as unknown as TokenAdapter;
  return { adapter, calls, watches, lists };
}

const state = (s: 'connecting' | 'live'): WatchEvent => ({ type: 'state', state: s });
const snapshot: WatchEvent = { type: 'snapshot', tokens: [] };

describe('startFeedEarly', () => {
  it('starts the watch at once and replays what arrived before the UI claims it, then forwards', () => {
    const { adapter, calls, watches } = fakeAdapter(true);
    const early = startFeedEarly(adapter);
    expect(calls).toEqual(['watch']);
    watches[0]!.listener(state('connecting'));
    watches[0]!.listener(snapshot);
    const seen: WatchEvent[] = [];
    const ui = new AbortController();
    early.watch!((event) => seen.push(event), ui.signal);
    expect(seen).toEqual([state('connecting'), snapshot]);
    watches[0]!.listener(state('live'));
    expect(seen).toEqual([state('connecting'), snapshot, state('live')]);
    // No second watch for the first claim: the early one is the UI's.
    expect(calls).toEqual(['watch']);
    ui.abort();
    expect(watches[0]!.signal.aborted).toBe(true);
  });

  it('hands what has arrived to takeArrivedEvents once, and the claim replays only what came after', () => {
    const { adapter, watches } = fakeAdapter(true);
    const early = startFeedEarly(adapter);
    watches[0]!.listener(state('connecting'));
    watches[0]!.listener(snapshot);
    expect(takeArrivedEvents(early)).toEqual([state('connecting'), snapshot]);
    expect(takeArrivedEvents(early)).toEqual([]);
    watches[0]!.listener(state('live'));
    const seen: WatchEvent[] = [];
    early.watch!((event) => seen.push(event), new AbortController().signal);
    expect(seen).toEqual([state('live')]);
    // Claimed: from now on every event is the listener's, none is held to be taken.
    watches[0]!.listener(snapshot);
    expect(takeArrivedEvents(early)).toEqual([]);
    expect(seen).toEqual([state('live'), snapshot]);
  });

  it('takeArrivedEvents has nothing for an adapter without an early watch', () => {
    expect(takeArrivedEvents(fakeAdapter(true).adapter)).toEqual([]);
    expect(takeArrivedEvents(startFeedEarly(fakeAdapter(false).adapter))).toEqual([]);
  });

  it('hands a later watch to the adapter itself', () => {
    const { adapter, calls, watches } = fakeAdapter(true);
    const early = startFeedEarly(adapter);
    early.watch!(() => undefined, new AbortController().signal);
    const second = new AbortController();
    early.watch!(() => undefined, second.signal);
    expect(calls).toEqual(['watch', 'watch']);
    expect(watches[1]!.signal).toBe(second.signal);
  });

  it('stops an unclaimed feed on close, and closes the adapter', async () => {
    const { adapter, calls, watches } = fakeAdapter(true);
    await startFeedEarly(adapter).close!();
    expect(watches[0]!.signal.aborted).toBe(true);
    expect(calls).toEqual(['watch', 'close']);
  });

  it('without watch, sends the first list at once and gives it to the first list() call only', async () => {
    const { adapter, calls, lists } = fakeAdapter(false);
    const early = startFeedEarly(adapter);
    expect(calls).toEqual(['list']);
    const first = early.list();
    expect(calls).toEqual(['list']);
    const tokens = [{ id: 'abcdef' }] as unknown as readonly Token[];
    lists[0]!.resolve(tokens);
    await expect(first).resolves.toBe(tokens);
    void early.list();
    expect(calls).toEqual(['list', 'list']);
  });

  it('a first list that fails unclaimed is no unhandled rejection; the claim sees the failure', async () => {
    const failing = { id: 'rest', capabilities: { watch: false }, list: () => Promise.reject(new Error('refused')), get: () => Promise.reject(new Error('unused')) } as unknown as TokenAdapter;
    const early = startFeedEarly(failing);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(early.list()).rejects.toThrow('refused');
  });
});
