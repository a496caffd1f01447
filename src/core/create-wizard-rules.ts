// The create wizard's rules, apart from its state machine (create-wizard.ts): which steps an
// adapter gets, what each step accepts, the request the review sends, which step a backend
// error belongs to, and what the screens show beside the fields (TTL preview, warnings).
import { parseList, redactSecrets, validateGroup, validateUsages } from './bootstrap-token.ts';
import { fieldApplies, fieldValueText, parseFieldText, type CreateFieldSpec, type CreateFieldValue } from './create-fields.ts';
import type { CreateTokenRequest, TokenFieldNames } from './token.ts';
import { checkTtlInput, formatTtlInput, ttlSuggestions, type TtlLimits, type TtlSuggestion } from './ttl-input.ts';

/** A declared create field's step (core/create-fields.ts), named by the field's key. */
export type FieldStep = `field:${string}`;

export type CreateWizardStep = 'description' | 'ttl' | 'usages' | 'groups' | FieldStep | 'review';

/** The part of AdapterCapabilities the wizard reads (core cannot import the adapter contract). */
export interface CreateWizardCapabilities {
  readonly ttl: TtlLimits;
  /** Empty = the backend has no usages: the step is skipped. */
  readonly usages: readonly string[];
  readonly defaultUsages: readonly string[];
  /** false = no extra groups: the step is skipped. */
  readonly groups: boolean;
  readonly defaultGroups: readonly string[];
  /** One step each, after groups (a REST token's scope and max uses, an LXD token's kind and projects). */
  readonly createFields: readonly CreateFieldSpec[];
  /** What the adapter calls the description (lxd: the member's or client's name). */
  readonly fieldNames?: TokenFieldNames;
}

export interface CreateWizardValues {
  readonly description: string;
  readonly ttlText: string;
  readonly usages: readonly string[];
  /** Comma-separated, as typed. */
  readonly groupsText: string;
  /** Each declared field's text, as typed (a choice holds its value), by key. */
  readonly fields: Readonly<Record<string, string>>;
}

export function fieldStep(spec: CreateFieldSpec): FieldStep {
  return `field:${spec.key}`;
}

/** The declared field a step edits; undefined for the fixed steps. */
export function fieldOfStep(step: CreateWizardStep, capabilities: CreateWizardCapabilities): CreateFieldSpec | undefined {
  return step.startsWith('field:') ? capabilities.createFields.find((spec) => fieldStep(spec) === step) : undefined;
}

/** Every declared field's text from its value (the spec's default when the request has none). */
export function fieldTexts(capabilities: CreateWizardCapabilities, values: Readonly<Record<string, CreateFieldValue>> = {}): Readonly<Record<string, string>> {
  return Object.fromEntries(capabilities.createFields.map((spec) => [spec.key, fieldValueText(spec, values[spec.key])]));
}

export interface WizardProblem {
  readonly message: string;
  readonly hint?: string;
  /** true when the backend refused the create (shown on the step it concerns). */
  readonly fromBackend: boolean;
}

/** The declared fields' values as typed so far (a field whose text does not parse is left out). */
function typedFieldValues(values: CreateWizardValues, capabilities: CreateWizardCapabilities): Readonly<Record<string, CreateFieldValue>> {
  const typed: Record<string, CreateFieldValue> = {};
  for (const spec of capabilities.createFields) {
    const parsed = parseFieldText(spec, values.fields[spec.key] ?? '');
    if (parsed.ok) typed[spec.key] = parsed.value;
  }
  return typed;
}

/** The declared fields that apply to the token as typed (an LXD join token has no projects). */
export function applicableFields(capabilities: CreateWizardCapabilities, values?: CreateWizardValues): readonly CreateFieldSpec[] {
  const typed = values === undefined ? {} : typedFieldValues(values, capabilities);
  return capabilities.createFields.filter((spec) => fieldApplies(spec, capabilities.createFields, typed));
}

/** The steps for the token as typed: a field that does not apply (appliesWhen) has none. */
export function wizardSteps(capabilities: CreateWizardCapabilities, values?: CreateWizardValues): readonly CreateWizardStep[] {
  return [
    'description',
    'ttl',
    ...(capabilities.usages.length > 0 ? (['usages'] as const) : []),
    ...(capabilities.groups ? (['groups'] as const) : []),
    ...applicableFields(capabilities, values).map(fieldStep),
    'review',
  ];
}

/** Field values for a request, e.g. a rotation's replacement, to start the wizard from (its create fields included). */
export function valuesFromRequest(request: CreateTokenRequest, capabilities: CreateWizardCapabilities): CreateWizardValues {
  return {
    description: request.description,
    ttlText: formatTtlInput(request.ttlSeconds),
    usages: request.usages ?? [],
    groupsText: (request.groups ?? []).join(', '),
    fields: fieldTexts(capabilities, request.fields),
  };
}

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/u;

function problem(message: string, hint?: string): WizardProblem {
  return hint === undefined ? { message, fromBackend: false } : { message, hint, fromBackend: false };
}

/** The wizard's own check of one step; null = fine. */
export function validateStep(step: CreateWizardStep, values: CreateWizardValues, capabilities: CreateWizardCapabilities): WizardProblem | null {
  switch (step) {
    case 'description':
      if (CONTROL_CHARACTERS.test(values.description)) return problem('a description is one line of text (no control characters)');
      if (redactSecrets(values.description) !== values.description) {
        return problem('this looks like a join token: descriptions are stored in plain text and listed to everyone', 'describe the token instead, e.g. "rack 7 workers"');
      }
      return null;
    case 'ttl': {
      const ttl = checkTtlInput(values.ttlText, capabilities.ttl);
      return ttl.ok ? null : problem(ttl.error, 'e.g. 1h, 24h, 7d' + (capabilities.ttl.allowNever ? ' or never' : ''));
    }
    case 'usages': {
      const unknown = values.usages.filter((usage) => !capabilities.usages.includes(usage));
      const message = validateUsages(values.usages) ?? (unknown.length > 0 ? `unknown usage "${unknown[0]}"` : null);
      return message === null ? null : problem(message);
    }
    case 'groups': {
      for (const group of parseList(values.groupsText)) {
        const message = validateGroup(group);
        if (message !== null) return problem(message);
      }
      return null;
    }
    case 'review':
      return null;
    default: {
      const spec = fieldOfStep(step, capabilities);
      if (spec === undefined) return null;
      const parsed = parseFieldText(spec, values.fields[spec.key] ?? '');
      return parsed.ok ? null : problem(parsed.error, parsed.hint);
    }
  }
}

/** The declared fields' values as the request carries them (every step already passed; fields that do not apply left out). */
function requestFields(values: CreateWizardValues, capabilities: CreateWizardCapabilities): Readonly<Record<string, CreateFieldValue>> {
  const typed = typedFieldValues(values, capabilities);
  return Object.fromEntries(applicableFields(capabilities, values).filter((spec) => Object.hasOwn(typed, spec.key)).map((spec) => [spec.key, typed[spec.key] as CreateFieldValue]));
}

/** Everything the review shows must pass; the first failing step and its problem otherwise. */
export function buildCreateRequest(
  values: CreateWizardValues,
  capabilities: CreateWizardCapabilities,
): { readonly ok: true; readonly request: CreateTokenRequest } | { readonly ok: false; readonly step: CreateWizardStep; readonly problem: WizardProblem } {
  for (const step of wizardSteps(capabilities, values)) {
    const found = validateStep(step, values, capabilities);
    if (found !== null) return { ok: false, step, problem: found };
  }
  const ttl = checkTtlInput(values.ttlText, capabilities.ttl);
  return {
    ok: true,
    request: {
      description: values.description.trim(),
      ttlSeconds: ttl.ok ? ttl.seconds : null,
      ...(capabilities.usages.length > 0 ? { usages: [...values.usages].sort() } : {}),
      ...(capabilities.groups ? { groups: [...new Set(parseList(values.groupsText))] } : {}),
      ...(capabilities.createFields.length > 0 ? { fields: requestFields(values, capabilities) } : {}),
    },
  };
}

const FIELD_STEPS: Readonly<Record<string, CreateWizardStep>> = {
  description: 'description',
  ttl: 'ttl',
  ttlSeconds: 'ttl',
  usages: 'usages',
  groups: 'groups',
};

/** The step a backend error concerns (by its field); anything else is shown on the review. */
export function stepForField(field: string | undefined, steps: readonly CreateWizardStep[]): CreateWizardStep {
  const step = field === undefined ? undefined : (FIELD_STEPS[field] ?? (`field:${field}` as const));
  return step !== undefined && steps.includes(step) ? step : 'review';
}


export type TtlPreview =
  | { readonly kind: 'expires'; readonly ttlSeconds: number; readonly expiresAt: number }
  | { readonly kind: 'never' }
  | { readonly kind: 'invalid'; readonly error: string };

/** The live preview under the TTL field: when a token created at `now` would expire. */
export function ttlPreview(values: CreateWizardValues, capabilities: CreateWizardCapabilities, now: number): TtlPreview {
  const ttl = checkTtlInput(values.ttlText, capabilities.ttl);
  if (!ttl.ok) return { kind: 'invalid', error: ttl.error };
  return ttl.seconds === null ? { kind: 'never' } : { kind: 'expires', ttlSeconds: ttl.seconds, expiresAt: now + ttl.seconds * 1000 };
}

export function wizardTtlSuggestions(capabilities: CreateWizardCapabilities): readonly TtlSuggestion[] {
  return ttlSuggestions(capabilities.ttl);
}

/** Allowed but worth a second look (shown on the step and on the review); never blocking. */
export function wizardWarnings(values: CreateWizardValues, capabilities: CreateWizardCapabilities): readonly string[] {
  const warnings: string[] = [];
  const ttl = checkTtlInput(values.ttlText, capabilities.ttl);
  if (ttl.ok && ttl.seconds === null) warnings.push('this token never expires: it stays valid until it is revoked');
  // kubeadm allows a token without usages (its upload-certs token is one), so the wizard does too.
  if (capabilities.usages.length > 0 && values.usages.length === 0) {
    warnings.push('no usages: nothing can authenticate or verify cluster-info with this token, so no node can join with it');
  }
  return warnings;
}
