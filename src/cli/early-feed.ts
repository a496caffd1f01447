// The TUI's data without waiting for the UI's code: the feed (watch, or the first list for an
// adapter without one) starts as soon as the adapter is open, while Ink, React and the screens
// load, and the UI's first watch()/list() takes over what has arrived so far. Loading the UI is
// most of the time to the first frame (bench/tui-first-frame.mjs), so the LIST's round trip
// and the apiserver's work no longer come after it. Events are replayed in order; the UI stamps
// them when it receives them (its data age starts at most the load time late). What has
// arrived by the time the UI mounts can be taken at once (takeArrivedEvents) and folded into its
// first state, so the first frame already shows the tokens instead of a "connecting" frame
// followed by a second full render.
import type { TokenAdapter, WatchEvent, WatchListener } from '../adapters/contract.ts';
import type { Token } from '../core/token.ts';
import { supports } from '../adapters/operations/capabilities.ts';

const arrivedOf = new WeakMap<TokenAdapter, () => WatchEvent[]>();

/**
 * The events the early feed of `adapter` (startFeedEarly's result) has received and nobody has
 * claimed yet, removed from its replay: the caller applies them itself. [] for any other adapter,
 * for one without a watch, and once the watch is claimed.
 */
export function takeArrivedEvents(adapter: TokenAdapter): WatchEvent[] {
  return arrivedOf.get(adapter)?.() ?? [];
}

/** `adapter` with its feed already running; close() also stops a feed the UI never claimed. */
export function startFeedEarly(adapter: TokenAdapter): TokenAdapter {
  const early = new AbortController();
  let claimed = false;
  const close = async (): Promise<void> => {
    early.abort();
    await adapter.close?.();
  };

  if (supports(adapter, 'watch')) {
    let pending: WatchEvent[] = [];
    let forward: WatchListener | null = null;
    adapter.watch((event) => (forward === null ? pending.push(event) : forward(event)), early.signal);
    const fed: TokenAdapter = {
      ...adapter,
      watch: (listener, signal) => {
        // Later watches (the UI remounting its feed) are the adapter's own.
        if (claimed) return adapter.watch(listener, signal);
        claimed = true;
        const replay = pending;
        pending = [];
        for (const event of replay) listener(event);
        forward = listener;
        if (signal.aborted) early.abort();
        else signal.addEventListener('abort', () => early.abort(), { once: true });
      },
      close,
    };
    arrivedOf.set(fed, () => {
      const arrived = pending;
      pending = [];
      return arrived;
    });
    return fed;
  }

  const firstList: Promise<readonly Token[]> = adapter.list(early.signal);
  // Observed here so a failure the UI never claims is not an unhandled rejection; the UI's
  // poller sees the same failure when it claims the promise.
  firstList.catch(() => undefined);
  return {
    ...adapter,
    list: (signal) => {
      if (claimed) return adapter.list(signal);
      claimed = true;
      return firstList;
    },
    close,
  };
}
