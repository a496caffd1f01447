// Performs the writes a reducer queued in an outbox, each once and in order of `seq`, then
// reports how far it got and the first failure. The reducer drops what is reported done, so a
// write is never repeated by a re-render. Pass stable callbacks (useCallback).
import { useEffect, useRef } from 'react';

export function useOutbox<W extends { readonly seq: number }>(
  outbox: readonly W[],
  perform: (write: W) => void,
  report: (done: number, failure: { readonly error: unknown } | null) => void,
): void {
  const done = useRef(0);
  useEffect(() => {
    const fresh = outbox.filter((write) => write.seq > done.current);
    if (fresh.length === 0) return;
    let failure: { readonly error: unknown } | null = null;
    for (const write of fresh) {
      done.current = write.seq;
      try {
        perform(write);
      } catch (error) {
        failure ??= { error };
      }
    }
    report(done.current, failure);
  }, [outbox, perform, report]);
}
