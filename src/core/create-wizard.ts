// The create wizard as a pure reducer: description -> TTL -> usages -> groups -> review, then
// creating -> created (the secret, once) -> closed. The UI renders a state and dispatches
// actions; it starts adapter.create() only when the state enters 'creating' (createIntent),
// so nothing is created before the review is confirmed. Results carry the attempt they answer:
// a late answer to an older attempt changes nothing. Leaving the result drops the secret.
// What each step accepts lives in create-wizard-rules.ts.
import type { ErrorKind } from './errors.ts';
import type { CreatedToken, CreateTokenRequest } from './token.ts';
import { formatTtlInput } from './ttl-input.ts';
import { parseFieldText } from './create-fields.ts';
import {
  buildCreateRequest,
  fieldOfStep,
  fieldTexts,
  stepForField,
  validateStep,
  wizardSteps,
  type CreateWizardCapabilities,
  type CreateWizardStep,
  type CreateWizardValues,
  type WizardProblem,
} from './create-wizard-rules.ts';

/** What a failed create() reports; a TokenTuiError fits. */
export interface BackendFailure {
  readonly kind: ErrorKind;
  readonly message: string;
  readonly hint?: string | undefined;
  readonly field?: string | undefined;
}

export interface CreateWizardResult {
  readonly created: CreatedToken;
  /** null when the adapter has none or it could not be built (joinCommandError says why). */
  readonly joinCommand: string | null;
  readonly joinCommandError: string | null;
}

interface WizardBase {
  readonly capabilities: CreateWizardCapabilities;
  readonly steps: readonly CreateWizardStep[];
  readonly values: CreateWizardValues;
  readonly usageCursor: number;
  /** Epoch ms the TTL preview is computed from (advanced by 'tick'). */
  readonly now: number;
  /** Counts submits; 'created'/'failed' must name the current one. */
  readonly attempt: number;
}

export type CreateWizardState =
  | (WizardBase & { readonly phase: 'editing'; readonly step: CreateWizardStep; readonly error: WizardProblem | null })
  | (WizardBase & { readonly phase: 'creating'; readonly request: CreateTokenRequest })
  | (WizardBase & { readonly phase: 'created'; readonly result: CreateWizardResult })
  | (WizardBase & { readonly phase: 'cancelled' })
  | (WizardBase & { readonly phase: 'closed' });

export type CreateWizardAction =
  /** The whole text of the current step's field (description, TTL or groups). */
  | { readonly type: 'input'; readonly text: string }
  | { readonly type: 'next' }
  /** Esc: the previous step, values kept; on the first step, cancel; on the result, dismiss. */
  | { readonly type: 'back' }
  | { readonly type: 'move-usage'; readonly delta: number }
  /** Toggles `usage`, or the one under the cursor. */
  | { readonly type: 'toggle-usage'; readonly usage?: string }
  /** On a choice field's step: the previous (-1) or next (+1) choice. */
  | { readonly type: 'choose'; readonly delta: number }
  /** On a count field's step: its shortcut (single-use = 1) on, or back to unlimited. */
  | { readonly type: 'toggle-shortcut' }
  /** The final confirmation, on the review step. */
  | { readonly type: 'submit' }
  | { readonly type: 'tick'; readonly now: number }
  | { readonly type: 'failed'; readonly attempt: number; readonly error: BackendFailure }
  | {
      readonly type: 'created';
      readonly attempt: number;
      readonly created: CreatedToken;
      readonly joinCommand: string | null;
      readonly joinCommandError?: string;
    }
  /** Leave the result screen: the secret is dropped from the state. */
  | { readonly type: 'dismiss' };

export interface CreateIntent {
  readonly type: 'create';
  readonly attempt: number;
  readonly request: CreateTokenRequest;
}

export function initCreateWizard(
  capabilities: CreateWizardCapabilities,
  now: number,
  initial: Partial<CreateWizardValues> = {},
): CreateWizardState {
  const values: CreateWizardValues = {
    description: '',
    ttlText: formatTtlInput(capabilities.ttl.defaultSeconds),
    usages: capabilities.usages.length > 0 ? capabilities.defaultUsages : [],
    groupsText: capabilities.groups ? capabilities.defaultGroups.join(', ') : '',
    fields: fieldTexts(capabilities),
    ...initial,
  };
  const base = { capabilities, steps: wizardSteps(capabilities, values), values, usageCursor: 0, now, attempt: 0 };
  return { ...base, phase: 'editing', step: 'description', error: null };
}

// Rebuilding the common part field by field (never `...state`) is what guarantees that a
// result's secret cannot ride along into the next state.
function baseOf(state: CreateWizardState): WizardBase {
  const { capabilities, steps, values, usageCursor, now, attempt } = state;
  return { capabilities, steps, values, usageCursor, now, attempt };
}

function editing(state: CreateWizardState, step: CreateWizardStep, error: WizardProblem | null = null, patch: Partial<WizardBase> = {}): CreateWizardState {
  return { ...baseOf(state), ...patch, phase: 'editing', step, error };
}

function move(state: CreateWizardState & { phase: 'editing' }, offset: 1 | -1): CreateWizardState {
  const next = state.steps[state.steps.indexOf(state.step) + offset];
  if (next === undefined) return offset === -1 ? { ...baseOf(state), phase: 'cancelled' } : state;
  return editing(state, next);
}

function submit(state: CreateWizardState & { phase: 'editing' }): CreateWizardState {
  const built = buildCreateRequest(state.values, state.capabilities);
  if (!built.ok) return editing(state, built.step, built.problem);
  return { ...baseOf(state), attempt: state.attempt + 1, phase: 'creating', request: built.request };
}

/** A field's new text; the steps follow it (a choice can bring in or drop a field that applies only to some choices). */
function withFieldText(state: CreateWizardState & { phase: 'editing' }, key: string, text: string): CreateWizardState {
  const values = { ...state.values, fields: { ...state.values.fields, [key]: text } };
  return editing(state, state.step, null, { values, steps: wizardSteps(state.capabilities, values) });
}

function reduceEditing(state: CreateWizardState & { phase: 'editing' }, action: CreateWizardAction): CreateWizardState {
  const { values, step } = state;
  switch (action.type) {
    case 'input': {
      const field = step === 'description' ? 'description' : step === 'ttl' ? 'ttlText' : step === 'groups' ? 'groupsText' : null;
      if (field !== null) return editing(state, step, null, { values: { ...values, [field]: action.text } });
      const spec = fieldOfStep(step, state.capabilities);
      // A choice is picked, never typed.
      return spec === undefined || spec.kind === 'choice' ? state : withFieldText(state, spec.key, action.text);
    }
    case 'choose': {
      const spec = fieldOfStep(step, state.capabilities);
      if (spec?.kind !== 'choice' || spec.choices.length === 0) return state;
      const count = spec.choices.length;
      const index = spec.choices.findIndex((choice) => choice.value === values.fields[spec.key]);
      const next = spec.choices[(Math.max(0, index) + action.delta + count * 8) % count]?.value ?? spec.default;
      return withFieldText(state, spec.key, next);
    }
    case 'toggle-shortcut': {
      const spec = fieldOfStep(step, state.capabilities);
      if (spec?.kind !== 'count' || spec.shortcut === undefined) return state;
      const parsed = parseFieldText(spec, values.fields[spec.key] ?? '');
      const on = parsed.ok && parsed.value === spec.shortcut.value;
      return withFieldText(state, spec.key, on ? '' : String(spec.shortcut.value));
    }
    case 'next': {
      if (step === 'review') return submit(state);
      const found = validateStep(step, values, state.capabilities);
      return found === null ? move(state, 1) : editing(state, step, found);
    }
    case 'back':
      return move(state, -1);
    case 'move-usage': {
      const count = state.capabilities.usages.length;
      return count === 0 ? state : editing(state, step, state.error, { usageCursor: (state.usageCursor + action.delta + count * 8) % count });
    }
    case 'toggle-usage': {
      const usage = action.usage ?? state.capabilities.usages[state.usageCursor];
      if (step !== 'usages' || usage === undefined || !state.capabilities.usages.includes(usage)) return state;
      const usages = values.usages.includes(usage) ? values.usages.filter((item) => item !== usage) : [...values.usages, usage];
      return editing(state, step, null, { values: { ...values, usages } });
    }
    case 'submit':
      return step === 'review' ? submit(state) : state;
    default:
      return state;
  }
}

export function createWizardReducer(state: CreateWizardState, action: CreateWizardAction): CreateWizardState {
  if (action.type === 'tick') return { ...state, now: action.now };
  switch (state.phase) {
    case 'editing':
      return reduceEditing(state, action);
    case 'creating':
      if (action.type === 'created' && action.attempt === state.attempt) {
        const result = { created: action.created, joinCommand: action.joinCommand, joinCommandError: action.joinCommandError ?? null };
        return { ...baseOf(state), phase: 'created', result };
      }
      if (action.type === 'failed' && action.attempt === state.attempt) {
        const { message, hint } = action.error;
        return editing(state, stepForField(action.error.field, state.steps), { message, ...(hint === undefined ? {} : { hint }), fromBackend: true });
      }
      // Esc while the request is in flight does nothing: its answer (maybe a secret) must land.
      return state;
    case 'created':
      return action.type === 'dismiss' || action.type === 'back' ? { ...baseOf(state), phase: 'closed' } : state;
    case 'cancelled':
    case 'closed':
      return state;
  }
}

/** The one effect the wizard asks for: create this request (only in 'creating'). */
export function createIntent(state: CreateWizardState): CreateIntent | null {
  return state.phase === 'creating' ? { type: 'create', attempt: state.attempt, request: state.request } : null;
}
