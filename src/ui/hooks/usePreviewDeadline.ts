// A preview's confirmation opens by itself once its dwell ends (shared/preview-gate.ts); nothing
// else happens then, so nothing would redraw the prompt. This moves the reducer's clock at that
// moment (and at each tick while it waits, which is how tests with a fake clock move it).
import { useEffect, type Dispatch } from 'react';
import type { Clock } from '../../core/clock.ts';
import type { TickSource } from '../clock-ticker.ts';
import type { AppAction } from '../view-model/app-state.ts';

export function usePreviewDeadline(deadline: number | null, clock: Clock, ticks: TickSource, dispatch: Dispatch<AppAction>): void {
  useEffect(() => {
    if (deadline === null) return undefined;
    const moveClock = (): void => dispatch({ type: 'clock', at: clock.now() });
    // A few ms late rather than early: at the deadline itself the gate is still shut.
    const timer = setTimeout(moveClock, Math.max(0, deadline - clock.now()) + 5);
    const unsubscribe = ticks.subscribe(moveClock);
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [deadline, clock, ticks, dispatch]);
}
