// What the rotate runner reports back to the reducer, and the journal writes the rotation queues.
// Each answer carries the ticket of the step that asked for it: an answer for a step that is no
// longer current changes nothing.
import type { RotationState } from '../../../core/rotation-plan.ts';
import type { CreateOutcome } from '../create/create-screen.ts';

export type RotateEvent =
  | {
      readonly kind: 'replacement';
      readonly ticket: number;
      readonly outcome: CreateOutcome;
      /** After a create: the rotation advanced past it, already journaled by the runner. */
      readonly rotation: RotationState | null;
      /** The first journal write failed, so nothing was sent. */
      readonly journalRefused: boolean;
    }
  | { readonly kind: 'made-default'; readonly ticket: number; readonly error: string | null; readonly problems: readonly string[] };

/** One write to the rotation journal, in order; useRotationJournal performs each seq once. */
export type JournalWrite =
  | { readonly seq: number; readonly kind: 'save'; readonly rotation: RotationState }
  /** The rotation ended (done, stopped, or cancelled before anything was created). */
  | { readonly seq: number; readonly kind: 'remove'; readonly rotationId: string };
