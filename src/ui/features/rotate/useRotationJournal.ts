// Performs the rotation journal writes the reducer queued (state.journalOutbox), each once and
// in order, then reports how far it got. Declared in App before the runners, so a step's journal
// write happens before the request the same render starts (a confirmed revoke, say).
import { useCallback, type Dispatch } from 'react';
import { toTokenTuiError } from '../../../core/errors.ts';
import type { RotationJournalPort } from './rotation-port.ts';
import type { AppAction } from '../../view-model/app-state.ts';
import type { JournalWrite } from './rotate-messages.ts';
import { useOutbox } from '../../hooks/useOutbox.ts';

export function useRotationJournal(outbox: readonly JournalWrite[], rotations: RotationJournalPort | undefined, dispatch: Dispatch<AppAction>): void {
  const perform = useCallback(
    (write: JournalWrite) => {
      if (rotations === undefined) throw new Error('no rotation journal is configured');
      if (write.kind === 'save') rotations.save(write.rotation);
      else rotations.complete(write.rotationId);
    },
    [rotations],
  );
  const report = useCallback(
    (done: number, failure: { readonly error: unknown } | null) => {
      const message =
        failure === null
          ? null
          : `${toTokenTuiError(failure.error, 'rotation journal').message}; if this rotation is interrupted it may not resume at the right step`;
      dispatch({ type: 'journal', done, failure: message });
    },
    [dispatch],
  );
  useOutbox(outbox, perform, report);
}
