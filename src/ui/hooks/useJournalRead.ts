// One read of this target's entries from a rotation-journal port when the UI starts (or the
// target changes): files are read here, not in the reducer. A failed read is reported with no
// entries, so the UI shows the problem and goes on. `read` and `found` must be stable (module-level).
import { useEffect, type Dispatch } from 'react';
import { toTokenTuiError } from '../../core/errors.ts';
import type { RotationTarget } from '../../journals/rotation-journal.ts';
import type { AppAction } from '../view-model/app-state.ts';

export function useJournalRead<Port, Entry>(
  port: Port | undefined,
  target: RotationTarget,
  read: (port: Port, target: RotationTarget) => readonly Entry[],
  found: (entries: readonly Entry[], error: string | null) => AppAction,
  dispatch: Dispatch<AppAction>,
): void {
  const { adapter, context, server } = target;
  useEffect(() => {
    if (port === undefined) return;
    try {
      dispatch(found(read(port, { adapter, context, server }), null));
    } catch (error) {
      dispatch(found([], toTokenTuiError(error, 'rotation journal').message));
    }
  }, [port, adapter, context, server, read, found, dispatch]);
}
