// Create fields an adapter declares beyond description, TTL, usages and groups: a REST token's
// scope and use limit, an LXD token's kind and projects. Declared as data (AdapterCapabilities
// .createFields), so the create wizard shows a step per field, `tokentui create` takes a flag per
// field, and a rotation copies each field's value from the old token, without any of them
// knowing which adapter declared it. Pure: parsing, validation and wording only.
import { parseList, redactSecrets } from './bootstrap-token.ts';

/** A field's value in a request or on a token: text, a count (null = unlimited), a choice, a list. */
export type CreateFieldValue = string | number | boolean | null | readonly string[];

export type CreateFieldValues = Readonly<Record<string, CreateFieldValue>>;

interface FieldBase {
  /** The key in CreateTokenRequest.fields and Token.fields, e.g. `maxUses`. */
  readonly key: string;
  /** How the wizard and the review name it, e.g. `max uses`. */
  readonly label: string;
  /** The `tokentui create` flag, without dashes, e.g. `max-uses`. */
  readonly flag: string;
  /** One sentence: what it means (the wizard's step help and the flag's help). */
  readonly help: string;
  /**
   * Only for tokens whose choice field `key` is one of `values` (an LXD token's projects: trust
   * tokens only). Otherwise the wizard skips its step and a request must leave it out.
   */
  readonly appliesWhen?: { readonly key: string; readonly values: readonly string[] };
}

export interface TextFieldSpec extends FieldBase {
  readonly kind: 'text';
  readonly default: string;
  readonly maxLength: number;
}

export interface CountFieldSpec extends FieldBase {
  readonly kind: 'count';
  /** null = unlimited. */
  readonly default: number | null;
  readonly min: number;
  readonly max: number;
  /** A named value with a flag of its own, e.g. single-use = 1 (`--single-use`, Space in the wizard). */
  readonly shortcut?: { readonly flag: string; readonly value: number; readonly label: string };
}

export interface ChoiceFieldSpec extends FieldBase {
  readonly kind: 'choice';
  readonly choices: readonly { readonly value: string; readonly help: string }[];
  readonly default: string;
}

export interface ListFieldSpec extends FieldBase {
  readonly kind: 'list';
  /** null only with `unset`. */
  readonly default: readonly string[] | null;
  /**
   * When no list at all (null) means something else than an empty one (LXD: all projects, not
   * restricted; versus restricted to none): empty text is null, described as `label`, and
   * `emptyWord` types the empty list.
   */
  readonly unset?: { readonly label: string; readonly emptyWord: string };
  /** Each item must match (regular expression source), e.g. a project name. */
  readonly itemPattern?: string;
  readonly itemHint?: string;
}

export type CreateFieldSpec = TextFieldSpec | CountFieldSpec | ChoiceFieldSpec | ListFieldSpec;

export type FieldParse = { readonly ok: true; readonly value: CreateFieldValue } | { readonly ok: false; readonly error: string; readonly hint?: string };

const UNLIMITED_WORDS = ['', 'unlimited', 'none', '∞'];
// What a terminal or the list would act on: control, line-break and bidirectional characters.
const UNSAFE_TEXT = /[\p{Cc}\p{Zl}\p{Zp}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

function parseText(spec: TextFieldSpec, text: string): FieldParse {
  const value = text.trim();
  if (UNSAFE_TEXT.test(value)) return { ok: false, error: `${spec.label} is one line of text (no control characters)` };
  if ([...value].length > spec.maxLength) return { ok: false, error: `${spec.label} is at most ${spec.maxLength} characters` };
  if (redactSecrets(value) !== value) return { ok: false, error: `${spec.label} looks like a join token: it is stored in plain text and listed to everyone` };
  return { ok: true, value };
}

function parseCount(spec: CountFieldSpec, text: string): FieldParse {
  const value = text.trim().toLowerCase();
  const range = `a whole number from ${spec.min} to ${spec.max}`;
  const hint = `${range}, or empty for unlimited${spec.shortcut === undefined ? '' : ` (${spec.shortcut.value} = ${spec.shortcut.label})`}`;
  if (UNLIMITED_WORDS.includes(value)) return { ok: true, value: null };
  if (!/^\d+$/.test(value)) return { ok: false, error: `${spec.label}: "${text.trim()}" is not ${range}`, hint };
  const count = Number(value);
  if (count < spec.min || count > spec.max) return { ok: false, error: `${spec.label} must be ${range}`, hint };
  return { ok: true, value: count };
}

function parseChoice(spec: ChoiceFieldSpec, text: string): FieldParse {
  const value = text.trim();
  if (spec.choices.some((choice) => choice.value === value)) return { ok: true, value };
  return { ok: false, error: `${spec.label} must be one of ${spec.choices.map((choice) => choice.value).join(', ')}` };
}

function parseListField(spec: ListFieldSpec, text: string): FieldParse {
  if (spec.unset !== undefined) {
    const whole = text.trim();
    if (whole === '') return { ok: true, value: null };
    if (whole.toLowerCase() === spec.unset.emptyWord) return { ok: true, value: [] };
  }
  return parseListItems(spec, text);
}

function parseListItems(spec: ListFieldSpec, text: string): FieldParse {
  const items = [...new Set(parseList(text))];
  const pattern = spec.itemPattern === undefined ? null : new RegExp(`^(?:${spec.itemPattern})$`, 'u');
  for (const item of items) {
    if (UNSAFE_TEXT.test(item) || (pattern !== null && !pattern.test(item))) {
      return { ok: false, error: `${spec.label}: "${item}" is not valid`, ...(spec.itemHint === undefined ? {} : { hint: spec.itemHint }) };
    }
  }
  return { ok: true, value: items };
}

/** A field's value from its text form (what the wizard's field holds, what a flag says). */
export function parseFieldText(spec: CreateFieldSpec, text: string): FieldParse {
  switch (spec.kind) {
    case 'text':
      return parseText(spec, text);
    case 'count':
      return parseCount(spec, text);
    case 'choice':
      return parseChoice(spec, text);
    case 'list':
      return parseListField(spec, text);
  }
}

/** The text form of a value: what the wizard's field starts with (parseFieldText reads it back). */
export function fieldValueText(spec: CreateFieldSpec, value: CreateFieldValue | undefined): string {
  const current = value === undefined ? spec.default : value;
  if (current === null) return '';
  if (Array.isArray(current)) return current.length === 0 && spec.kind === 'list' && spec.unset !== undefined ? spec.unset.emptyWord : current.join(', ');
  return String(current);
}

/** How the review, the plan and details say a value: `5`, `1 (single-use)`, `unlimited`, `(none)`. */
export function describeFieldValue(spec: CreateFieldSpec, value: CreateFieldValue | undefined): string {
  const current = value === undefined ? spec.default : value;
  if (spec.kind === 'count') {
    if (current === null) return 'unlimited';
    return spec.shortcut !== undefined && current === spec.shortcut.value ? `${current} (${spec.shortcut.label})` : String(current);
  }
  if (current === null) return spec.kind === 'list' && spec.unset !== undefined ? spec.unset.label : '(none)';
  if (Array.isArray(current)) return current.length === 0 ? '(none)' : current.join(', ');
  return current === '' ? '(none)' : String(current);
}

/** The default values of every declared field. */
export function defaultFieldValues(specs: readonly CreateFieldSpec[]): CreateFieldValues {
  return Object.fromEntries(specs.map((spec) => [spec.key, spec.default]));
}

/** Is `value` a valid value of `spec` (the operations layer checks requests with it)? Null = yes. */
export function fieldValueProblem(spec: CreateFieldSpec, value: CreateFieldValue): string | null {
  const typeOk =
    spec.kind === 'count'
      ? value === null || (typeof value === 'number' && Number.isInteger(value))
      : spec.kind === 'list'
        ? Array.isArray(value) || (value === null && spec.unset !== undefined)
        : typeof value === 'string';
  if (!typeOk) return `${spec.label} has a value of the wrong kind`;
  if (spec.kind === 'list' && Array.isArray(value)) {
    // Item by item: the text form would hide an empty item or one holding a comma.
    for (const item of value) {
      const parsed = typeof item === 'string' ? parseListItems(spec, item) : null;
      if (parsed === null || !parsed.ok || !Array.isArray(parsed.value) || parsed.value.length !== 1 || parsed.value[0] !== item) {
        return parsed !== null && !parsed.ok ? parsed.error : `${spec.label}: ${JSON.stringify(item)} is not valid`;
      }
    }
    return null;
  }
  const parsed = parseFieldText(spec, fieldValueText(spec, value));
  return parsed.ok ? null : parsed.error;
}

/** Does `spec` apply to a token with these values (its appliesWhen field's value, else that field's default)? */
export function fieldApplies(spec: CreateFieldSpec, specs: readonly CreateFieldSpec[], values: CreateFieldValues): boolean {
  if (spec.appliesWhen === undefined) return true;
  const { key, values: allowed } = spec.appliesWhen;
  const value = Object.hasOwn(values, key) ? values[key] : specs.find((candidate) => candidate.key === key)?.default;
  return typeof value === 'string' && allowed.includes(value);
}

/** "only for kind trust": why a field that does not apply was refused. */
export function appliesWhenText(spec: CreateFieldSpec, specs: readonly CreateFieldSpec[]): string {
  if (spec.appliesWhen === undefined) return '';
  const { key, values } = spec.appliesWhen;
  return `only for ${specs.find((candidate) => candidate.key === key)?.label ?? key} ${values.join(' or ')}`;
}

/** Keys of `values` that no declared field has, and the first invalid declared one. */
export function requestFieldsProblem(specs: readonly CreateFieldSpec[], values: CreateFieldValues): { readonly field: string; readonly message: string } | null {
  for (const [key, value] of Object.entries(values)) {
    const spec = specs.find((candidate) => candidate.key === key);
    if (spec === undefined) return { field: key, message: `this backend's tokens have no ${key}` };
    const problem = fieldValueProblem(spec, value);
    if (problem !== null) return { field: key, message: problem };
    if (!fieldApplies(spec, specs, values)) return { field: key, message: `${spec.label} is ${appliesWhenText(spec, specs)}` };
  }
  return null;
}

/** The declared fields' values from a token (absent ones left out): what a replacement copies. */
export function copyableFields(specs: readonly CreateFieldSpec[], values: CreateFieldValues | undefined): CreateFieldValues {
  if (values === undefined) return {};
  return Object.fromEntries(specs.filter((spec) => Object.hasOwn(values, spec.key)).map((spec) => [spec.key, values[spec.key] as CreateFieldValue]));
}
