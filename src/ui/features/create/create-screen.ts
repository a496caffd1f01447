// The create screen's own state (its slice of the app state): the core wizard (core/create-wizard.ts),
// the result view around a created token (the secret, once), the one create in flight, and what the
// create runner reports back. Pure; create-host.ts applies it to the app state.
import { createIntent, initCreateWizard, type BackendFailure, type CreateWizardAction, type CreateWizardState } from '../../../core/create-wizard.ts';
import type { AdapterCapabilities } from '../../../adapters/contract.ts';
import type { CreatedToken, CreateTokenRequest } from '../../../core/token.ts';
import type { BackTarget } from '../../shared/back-target.ts';
import { initialResultView, type ResultView } from './result-view.ts';

export interface CreateScreenState {
  readonly wizard: CreateWizardState;
  readonly view: ResultView;
  /** The create in flight: useCreateRunner sends it once, the answer must name it. */
  readonly ticket: number | null;
  /** Audit writes that failed: shown until the screen closes. */
  readonly problems: readonly string[];
  readonly back: BackTarget;
}

export interface CreateScreen {
  readonly kind: 'create';
  readonly create: CreateScreenState;
}

/** What the create runner answers (also the rotate screen's, for the replacement). */
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

/** The one create to send, as data: the runner performs it once per ticket. */
export interface CreateEffect {
  readonly ticket: number;
  readonly request: CreateTokenRequest;
}

export function startCreate(capabilities: AdapterCapabilities, now: number, back: BackTarget): CreateScreenState {
  return { wizard: initCreateWizard(capabilities, now), view: initialResultView, ticket: null, problems: [], back };
}

export function createEffect(create: CreateScreenState): CreateEffect | null {
  const intent = createIntent(create.wizard);
  return create.ticket === null || intent === null ? null : { ticket: create.ticket, request: intent.request };
}

/** The wizard's action for a runner's answer to the create it is waiting for. */
export function outcomeAction(wizard: CreateWizardState, outcome: CreateOutcome): CreateWizardAction {
  if (outcome.kind === 'failed') return { type: 'failed', attempt: wizard.attempt, error: outcome.error };
  const { created, joinCommand, joinCommandError } = outcome;
  return { type: 'created', attempt: wizard.attempt, created, joinCommand, ...(joinCommandError === null ? {} : { joinCommandError }) };
}
