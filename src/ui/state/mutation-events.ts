// What the create and rotate runners report back to the reducer. Each answer carries the ticket
// of the step that asked for it: an answer for a step that is no longer current changes nothing.
import type { BackendFailure } from '../../core/create-wizard.ts';
import type { RotationState } from '../../core/rotation-plan.ts';
import type { CreatedToken } from '../../core/token.ts';

export type CreateOutcome =
  | {
      readonly kind: 'created';
      readonly created: CreatedToken;
      readonly joinCommand: string | null;
      readonly joinCommandError: string | null;
      /** Audit or journal writes that failed: shown, never swallowed. */
      readonly problems: readonly string[];
    }
  | {
      readonly kind: 'failed';
      readonly error: BackendFailure;
      /** The request may have reached the backend (timeout, transport): a token may exist. */
      readonly uncertain: boolean;
      readonly problems: readonly string[];
    };

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
