// What the TUI needs from the rotation journal (src/journals/rotation-journal.ts), injected like
// the audit journal: run.tsx opens the real one under the XDG state directory, tests pass an
// in-memory one that logs every write. Writes throw when they fail; the TUI shows that.
import type { RotationJournal } from '../../../journals/rotation-journal.ts';

export type RotationJournalPort = Pick<RotationJournal, 'save' | 'complete' | 'listUnfinished'>;
