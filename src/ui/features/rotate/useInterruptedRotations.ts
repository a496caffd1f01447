// At start-up: the journal's unfinished rotations of this backend (it reads files: not in the
// reducer). The reducer decides whether to show them (not in read-only mode).
import type { Dispatch } from 'react';
import type { RotationState } from '../../../core/rotation-plan.ts';
import type { RotationTarget } from '../../../journals/rotation-journal.ts';
import type { RotationJournalPort } from './rotation-port.ts';
import type { AppAction } from '../../view-model/app-state.ts';
import { useJournalRead } from '../../hooks/useJournalRead.ts';

const readInterrupted = (rotations: RotationJournalPort, target: RotationTarget) => rotations.listUnfinished(target);
const rotationsFound = (rotations: readonly RotationState[], error: string | null): AppAction => ({ type: 'rotations-found', rotations, error });

export function useInterruptedRotations(rotations: RotationJournalPort | undefined, target: RotationTarget, dispatch: Dispatch<AppAction>): void {
  useJournalRead(rotations, target, readInterrupted, rotationsFound, dispatch);
}
