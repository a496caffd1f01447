// The open server-token checklists of this target, read at start-up, and every tick written
// back to the rotation journal once, in order (state.serverToken.outbox), then confirmed.
import { useEffect, useRef, type Dispatch } from 'react';
import { toTokenTuiError } from '../../core/errors.ts';
import type { RotationTarget } from '../../state/rotation-journal.ts';
import type { ServerTokenChecklistPort } from '../server-token-port.ts';
import type { AppAction } from '../state/app-state.ts';
import type { ChecklistWrite } from '../state/server-token-support.ts';

export function useServerTokenChecklists(
  store: ServerTokenChecklistPort | undefined,
  target: RotationTarget,
  outbox: readonly ChecklistWrite[],
  dispatch: Dispatch<AppAction>,
): void {
  const { adapter, context, server } = target;
  useEffect(() => {
    if (store === undefined) return;
    try {
      dispatch({ type: 'checklists-found', checklists: store.listOpen({ adapter, context, server }), error: null });
    } catch (error) {
      dispatch({ type: 'checklists-found', checklists: [], error: toTokenTuiError(error, 'rotation journal').message });
    }
  }, [store, adapter, context, server, dispatch]);

  const done = useRef(0);
  useEffect(() => {
    const fresh = outbox.filter((write) => write.seq > done.current);
    if (fresh.length === 0) return;
    let failure: string | null = null;
    for (const write of fresh) {
      done.current = write.seq;
      try {
        if (store === undefined) throw new Error('no rotation journal is configured');
        store.save(write.checklist);
      } catch (error) {
        failure ??= toTokenTuiError(error, 'rotation journal').message;
      }
    }
    dispatch({ type: 'checklist-saved', done: done.current, failure });
  }, [outbox, store, dispatch]);
}
