// The open server-token checklists of this target, read at start-up, and every tick written
// back to the rotation journal once, in order (state.serverToken.outbox), then confirmed.
import { useCallback, type Dispatch } from 'react';
import { toTokenTuiError } from '../../../core/errors.ts';
import type { ServerTokenChecklist } from '../../../core/server-token-checklist.ts';
import type { RotationTarget } from '../../../journals/rotation-journal.ts';
import type { ServerTokenChecklistPort } from '../server-token/server-token-port.ts';
import type { AppAction } from '../../view-model/app-state.ts';
import type { ChecklistWrite } from '../server-token/server-token-support.ts';
import { useJournalRead } from '../../hooks/useJournalRead.ts';
import { useOutbox } from '../../hooks/useOutbox.ts';

const readOpenChecklists = (store: ServerTokenChecklistPort, target: RotationTarget) => store.listOpen(target);
const checklistsFound = (checklists: readonly ServerTokenChecklist[], error: string | null): AppAction => ({ type: 'checklists-found', checklists, error });

export function useServerTokenChecklists(
  store: ServerTokenChecklistPort | undefined,
  target: RotationTarget,
  outbox: readonly ChecklistWrite[],
  dispatch: Dispatch<AppAction>,
): void {
  useJournalRead(store, target, readOpenChecklists, checklistsFound, dispatch);

  const perform = useCallback(
    (write: ChecklistWrite) => {
      if (store === undefined) throw new Error('no rotation journal is configured');
      store.save(write.checklist);
    },
    [store],
  );
  const report = useCallback(
    (done: number, failure: { readonly error: unknown } | null) => {
      dispatch({ type: 'checklist-saved', done, failure: failure === null ? null : toTokenTuiError(failure.error, 'rotation journal').message });
    },
    [dispatch],
  );
  useOutbox(outbox, perform, report);
}
