// Performs the rotation journal writes the reducer queued (state.journalOutbox), each once and
// in order, then reports how far it got. Declared in App before the runners, so a step's journal
// write happens before the request the same render starts (a confirmed revoke, say).
import { useEffect, useRef, type Dispatch } from 'react';
import { toTokenTuiError } from '../../core/errors.ts';
import type { RotationJournalPort } from '../rotation-port.ts';
import type { AppAction } from '../state/app-state.ts';
import type { JournalWrite } from '../state/mutation-events.ts';

export function useRotationJournal(outbox: readonly JournalWrite[], rotations: RotationJournalPort | undefined, dispatch: Dispatch<AppAction>): void {
  const done = useRef(0);
  useEffect(() => {
    const fresh = outbox.filter((write) => write.seq > done.current);
    if (fresh.length === 0) return;
    let failure: string | null = null;
    for (const write of fresh) {
      done.current = write.seq;
      try {
        if (rotations === undefined) throw new Error('no rotation journal is configured');
        if (write.kind === 'save') rotations.save(write.rotation);
        else rotations.complete(write.rotationId);
      } catch (error) {
        failure ??= `${toTokenTuiError(error, 'rotation journal').message}; if this rotation is interrupted it may not resume at the right step`;
      }
    }
    dispatch({ type: 'journal', done: done.current, failure });
  }, [outbox, rotations, dispatch]);
}
