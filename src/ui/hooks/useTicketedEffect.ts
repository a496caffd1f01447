// The runners' one pattern: the reducer hands out an effect with a ticket, and the I/O for it
// starts once per ticket, with the effect and deps current at that moment. Answers carry the
// ticket, so the reducer ignores one that arrives after Esc or after a newer step.
import { useEffect, useRef } from 'react';

export function useTicketedEffect<E extends { readonly ticket: number }, D>(effect: E | null, deps: D | null, perform: (effect: E, deps: D, ticket: number) => void): void {
  const ticket = effect?.ticket ?? null;
  const latest = useRef({ effect, deps, perform });
  latest.current = { effect, deps, perform };

  useEffect(() => {
    const { effect: current, deps: currentDeps, perform: start } = latest.current;
    if (ticket === null || current === null || currentDeps === null) return;
    start(current, currentDeps, ticket);
  }, [ticket]);
}
