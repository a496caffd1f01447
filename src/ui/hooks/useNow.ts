// The shared "now" for the whole screen: one provider owns the tick, every TTL cell and
// the header's data age read the same value in the same render.
import { createContext, createElement, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Clock } from '../../core/clock.ts';
import type { TickSource } from '../clock-ticker.ts';

const NowContext = createContext<number | null>(null);

export interface ClockProviderProps {
  readonly clock: Clock;
  readonly ticks: TickSource;
  readonly children?: ReactNode;
}

export function ClockProvider({ clock, ticks, children }: ClockProviderProps): ReactNode {
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => ticks.subscribe(() => setNow(clock.now())), [clock, ticks]);
  return createElement(NowContext.Provider, { value: now }, children);
}

/** Epoch ms of the current tick. Throws outside a ClockProvider rather than guessing a clock. */
export function useNow(): number {
  const now = useContext(NowContext);
  if (now === null) throw new Error('useNow() needs a <ClockProvider> above it');
  return now;
}
