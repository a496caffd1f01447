// Connects the adapter to the reducer: watch where the adapter declares it, polling
// otherwise. Every event is stamped with our clock (the data age and clock-skew evidence).
import { useEffect, type Dispatch } from 'react';
import type { TokenAdapter, WatchListener } from '../../adapters/contract.ts';
import { supports } from '../../adapters/operations/capabilities.ts';
import type { Clock } from '../../core/clock.ts';
import { toTokenTuiError } from '../../core/errors.ts';
import { pollTokens } from '../feed/poller.ts';
import type { AppAction } from '../view-model/app-state.ts';

export function useTokenFeed(adapter: TokenAdapter, dispatch: Dispatch<AppAction>, clock: Clock, pollIntervalMs: number): void {
  useEffect(() => {
    const controller = new AbortController();
    const listener: WatchListener = (event) => {
      if (!controller.signal.aborted) dispatch({ type: 'feed', event, at: clock.now() });
    };
    try {
      if (supports(adapter, 'watch')) {
        // The watch starts with a snapshot (contract.ts) and relists after reconnecting.
        adapter.watch(listener, controller.signal);
      } else {
        pollTokens(adapter, listener, controller.signal, { intervalMs: pollIntervalMs });
      }
    } catch (error) {
      // watch() must not throw; if one does, the header shows it instead of a crash.
      listener({ type: 'state', state: 'stale', error: toTokenTuiError(error, adapter.id) });
    }
    return () => controller.abort();
  }, [adapter, dispatch, clock, pollIntervalMs]);
}
