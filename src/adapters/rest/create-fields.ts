// The rest adapter's create fields (core/create-fields.ts): what a REST token carries beyond a
// description and a TTL. Plain data, so the registry entry can name them for the command line's
// flags without loading the adapter; the server's capabilities decide which of them it offers.
import type { CountFieldSpec, CreateFieldSpec, TextFieldSpec } from '../../core/create-fields.ts';

export const SCOPE_FIELD: TextFieldSpec = {
  kind: 'text',
  key: 'scope',
  label: 'scope',
  flag: 'scope',
  help: 'What machines joining with this token may join as, e.g. workers or pool:a (free text, optional).',
  default: '',
  maxLength: 200,
};

export const MAX_USES_FIELD: CountFieldSpec = {
  kind: 'count',
  key: 'maxUses',
  label: 'max uses',
  flag: 'max-uses',
  help: 'How many machines can join with this token before it is used up (default: unlimited).',
  default: null,
  min: 1,
  max: 1_000_000,
  shortcut: { flag: 'single-use', value: 1, label: 'single-use' },
};

/** Every field a REST server may offer (the command line's flags come from this list). */
export const REST_CREATE_FIELDS: readonly CreateFieldSpec[] = [SCOPE_FIELD, MAX_USES_FIELD];

/** The fields this server offers: scope always, max uses when its capabilities say so. */
export function restCreateFields(maxUses: boolean): readonly CreateFieldSpec[] {
  return maxUses ? REST_CREATE_FIELDS : [SCOPE_FIELD];
}
