// A preview's confirmation opens by itself once its dwell ends (shared/preview-gate.ts); nothing
// else happens then, so nothing would redraw the prompt. This calls `onDeadline` at that moment
// (and at each tick while it waits, which is how tests with a fake clock move it): the App moves
// its reducer's clock, fleet mode's sweep redraws. `onDeadline` must be stable (useCallback).
import { useEffect } from 'react';
import type { Clock } from '../../core/clock.ts';
import type { TickSource } from '../clock-ticker.ts';

export function usePreviewDeadline(deadline: number | null, clock: Clock, ticks: TickSource, onDeadline: () => void): void {
  useEffect(() => {
    if (deadline === null) return undefined;
    // A few ms late rather than early: at the deadline itself the gate is still shut.
    const timer = setTimeout(onDeadline, Math.max(0, deadline - clock.now()) + 5);
    const unsubscribe = ticks.subscribe(onDeadline);
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [deadline, clock, ticks, onDeadline]);
}
