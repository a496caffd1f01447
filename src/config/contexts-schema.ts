// The JSON schema of config.json, from the adapter registry. conf checks it on every write;
// reads check it with a validator ajv generated from it ahead of time
// (contexts-validator.generated.ts, `node scripts/generate-contexts-validator.mjs`), because
// compiling it costs every `--context NAME` command ~45 ms (README: Dependencies).
import type { JsonSchema } from '../adapters/definition.ts';
import { adapterDefinitions } from '../adapters/registry.ts';

const nonEmpty = { type: 'string', minLength: 1 } as const;

/** Every adapter's own fields, from the registry (adapters sharing a kind share them). */
function adapterFieldSchemas(): Record<string, JsonSchema> {
  return Object.assign({}, ...adapterDefinitions.map((definition) => definition.target.savedContext.properties)) as Record<string, JsonSchema>;
}

const savedContextSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'adapter'],
  properties: {
    name: nonEmpty,
    adapter: { enum: adapterDefinitions.map((definition) => definition.id) },
    ...adapterFieldSchemas(),
    readonly: { type: 'boolean' },
    pollIntervalSeconds: { type: 'number', minimum: 1, maximum: 3600 },
  },
} as const;

/** conf's `schema` option: the properties of the store. */
export const storeSchema = {
  contexts: { type: 'array', items: savedContextSchema },
  currentContext: nonEmpty,
} as const;

/** conf's `defaults` option. */
export const storeDefaults = { contexts: [] } as const;

/**
 * The schema conf 16 compiles from the two options above (conf's #setupValidator and
 * #propertiesWithOverriddenDefaults: the store is an object, and a default becomes the property's
 * `default`), with the ajv options it compiles it with. The generated validator is made from
 * these; test/config/contexts-read-differential.test.ts proves the two agree on what they accept
 * and on the error text.
 */
export const compiledStoreSchema = {
  type: 'object',
  properties: { ...storeSchema, contexts: { ...storeSchema.contexts, default: storeDefaults.contexts } },
} as const;
export const compiledStoreAjvOptions = { allErrors: true, useDefaults: true } as const;
