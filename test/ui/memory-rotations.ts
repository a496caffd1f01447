// An in-memory rotation journal for TUI tests. Every write is appended to a shared log (pass the
// memory adapter's `requests`), so a test reads one timeline: which step was journaled before
// which backend request. Writes can be made to fail like a full disk.
import { isUnfinished, type RotationState } from '../../src/core/rotation-plan.ts';
import { TokenTuiError } from '../../src/core/errors.ts';
import type { RotationJournalPort } from '../../src/ui/features/rotate/rotation-port.ts';

export interface MemoryRotations extends RotationJournalPort {
  /** The current record of each rotation still in the journal. */
  readonly records: ReadonlyMap<string, RotationState>;
  setWriteFailure(message: string | null): void;
}

export function createMemoryRotations(log: string[], initial: readonly RotationState[] = []): MemoryRotations {
  const records = new Map<string, RotationState>(initial.map((state) => [state.rotationId, state]));
  let writeFailure: string | null = null;
  const fail = (): never => {
    throw new TokenTuiError('server', `cannot write the rotation journal /state/tokentui/rotations: ${writeFailure}`);
  };
  return {
    records,
    save(state) {
      if (writeFailure !== null) fail();
      records.set(state.rotationId, state);
      log.push(`journal ${state.status} ${state.step}${state.newTokenId === undefined ? '' : ` new=${state.newTokenId}`}`);
    },
    complete(rotationId) {
      if (writeFailure !== null) fail();
      records.delete(rotationId);
      log.push('journal removed');
    },
    listUnfinished(target) {
      return [...records.values()].filter(
        (state) =>
          isUnfinished(state) &&
          (target === undefined || (state.adapter === target.adapter && state.context === target.context && state.server === target.server)),
      );
    },
    setWriteFailure(message) {
      writeFailure = message;
    },
  };
}
