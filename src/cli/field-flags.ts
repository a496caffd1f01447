// `tokentui create`'s flags for the create fields adapters declare (core/create-fields.ts): one
// per field, plus one per field shortcut (--single-use), taken from the registry entries before
// connecting, so parsing, help and completion know them without an adapter. Which ones a backend
// really takes is decided after connecting (readFieldFlags), with one error naming the flag.
import type { TokenAdapter } from '../adapters/contract.ts';
import { adapterDefinitions } from '../adapters/registry.ts';
import { appliesWhenText, fieldApplies, parseFieldText, type CreateFieldSpec, type CreateFieldValue, type CreateFieldValues } from '../core/create-fields.ts';
import { usageError } from '../core/errors.ts';

export interface FieldFlag {
  /** Without dashes: `max-uses`, `single-use`. */
  readonly name: string;
  readonly type: 'string' | 'boolean';
  /** `--max-uses N` as help shows it. */
  readonly usage: string;
  readonly help: string;
  /** The adapters that may declare it. */
  readonly adapters: readonly string[];
}

const METAVARS: Readonly<Record<CreateFieldSpec['kind'], string>> = { text: 'TEXT', count: 'N', choice: 'VALUE', list: 'LIST' };

function flagsOf(spec: CreateFieldSpec, adapter: string): FieldFlag[] {
  // A choice shows its values (`--kind join|trust`); the others their kind of value.
  const metavar = spec.kind === 'choice' ? spec.choices.map((choice) => choice.value).join('|') : METAVARS[spec.kind];
  const own: FieldFlag = { name: spec.flag, type: 'string', usage: `--${spec.flag} ${metavar}`, help: spec.help, adapters: [adapter] };
  if (spec.kind !== 'count' || spec.shortcut === undefined) return [own];
  const { shortcut } = spec;
  return [own, { name: shortcut.flag, type: 'boolean', usage: `--${shortcut.flag}`, help: `the same as --${spec.flag} ${shortcut.value}`, adapters: [adapter] }];
}

/** Every registered adapter's field flags, once each (two adapters may share a flag of the same kind). */
export function collectFieldFlags(definitions: readonly { readonly id: string; readonly createFields?: readonly CreateFieldSpec[] }[]): readonly FieldFlag[] {
  const byName = new Map<string, FieldFlag>();
  for (const definition of definitions) {
    for (const flag of (definition.createFields ?? []).flatMap((spec) => flagsOf(spec, definition.id))) {
      const known = byName.get(flag.name);
      byName.set(flag.name, known === undefined ? flag : { ...known, adapters: [...known.adapters, definition.id] });
    }
  }
  return [...byName.values()];
}

export const createFieldFlags: readonly FieldFlag[] = collectFieldFlags(adapterDefinitions);

/** For util.parseArgs. */
export const fieldFlagOptionConfig: Readonly<Record<string, { readonly type: 'string' | 'boolean' }>> = Object.fromEntries(
  createFieldFlags.map((flag) => [flag.name, { type: flag.type }]),
);

/** The values the flags give: a flag's text, or true for a shortcut flag. */
export type FieldFlagValues = Readonly<Record<string, string | boolean>>;

function ownerWords(flag: FieldFlag | undefined): string {
  return flag === undefined ? '' : ` (${flag.adapters.join(', ')} only)`;
}

/**
 * The request's fields from the flags, for the connected adapter: a flag its backend does not
 * take, a value it does not accept, or a shortcut that contradicts its field is a usage error
 * (exit 2) naming the flag, before anything is sent. Fields without a flag are left to the backend.
 */
export function readFieldFlags(values: FieldFlagValues, adapter: Pick<TokenAdapter, 'id' | 'capabilities'>): CreateFieldValues {
  const fields: Record<string, CreateFieldValue> = {};
  const help = "run 'tokentui create --help'";
  for (const [name, given] of Object.entries(values)) {
    const spec = adapter.capabilities.createFields.find((field) => field.flag === name || (field.kind === 'count' && field.shortcut?.flag === name));
    if (spec === undefined) {
      throw usageError(`--${name}: tokens of the ${adapter.id} adapter have no such field${ownerWords(createFieldFlags.find((flag) => flag.name === name))}`, help);
    }
    const text = given === true && spec.kind === 'count' && spec.shortcut !== undefined ? String(spec.shortcut.value) : String(given);
    const parsed = parseFieldText(spec, text);
    if (!parsed.ok) throw usageError(`--${name}: ${parsed.error}`, parsed.hint ?? help);
    const earlier = fields[spec.key];
    if (earlier !== undefined && earlier !== parsed.value) {
      throw usageError(`--${name} contradicts another flag for ${spec.label}`, `give one of --${spec.flag}${spec.kind === 'count' && spec.shortcut !== undefined ? ` and --${spec.shortcut.flag}` : ''}`);
    }
    fields[spec.key] = parsed.value;
  }
  for (const spec of adapter.capabilities.createFields) {
    if (!Object.hasOwn(fields, spec.key) || spec.appliesWhen === undefined || fieldApplies(spec, adapter.capabilities.createFields, fields)) continue;
    const governing = adapter.capabilities.createFields.find((field) => field.key === spec.appliesWhen?.key);
    const fix = governing === undefined ? help : `add --${governing.flag} ${spec.appliesWhen.values[0] ?? ''}, or leave out --${spec.flag}`;
    throw usageError(`--${spec.flag}: ${spec.label} is ${appliesWhenText(spec, adapter.capabilities.createFields)}`, fix);
  }
  return fields;
}
