// At start-up: the journal's unfinished rotations of this backend (it reads files: not in the
// reducer). The reducer decides whether to show them (not in read-only mode).
import { useEffect, type Dispatch } from 'react';
import { toTokenTuiError } from '../../core/errors.ts';
import type { RotationTarget } from '../../state/rotation-journal.ts';
import type { RotationJournalPort } from '../rotation-port.ts';
import type { AppAction } from '../state/app-state.ts';

export function useInterruptedRotations(rotations: RotationJournalPort | undefined, target: RotationTarget, dispatch: Dispatch<AppAction>): void {
  const { adapter, context, server } = target;
  useEffect(() => {
    if (rotations === undefined) return;
    try {
      dispatch({ type: 'rotations-found', rotations: rotations.listInterrupted({ adapter, context, server }), error: null });
    } catch (error) {
      dispatch({ type: 'rotations-found', rotations: [], error: toTokenTuiError(error, 'rotation journal').message });
    }
  }, [rotations, adapter, context, server, dispatch]);
}
