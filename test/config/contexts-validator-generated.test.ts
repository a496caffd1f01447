// The checked-in validator (src/config/contexts-validator.generated.ts) is what ajv's standalone
// code makes of config.json's schema today: an adapter whose saved-context fields change fails here
// until `node scripts/generate-contexts-validator.mjs` is run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextsValidatorSource, generatedValidatorPath } from '../../scripts/lib/contexts-validator-source.mjs';
import { compiledStoreAjvOptions, compiledStoreSchema } from '../../src/config/contexts-schema.ts';

const root = join(import.meta.dirname, '../..');

describe('the generated config.json validator', () => {
  it('is the one the schema makes (else run: node scripts/generate-contexts-validator.mjs)', () => {
    const checkedIn = readFileSync(join(root, generatedValidatorPath), 'utf8');
    expect(checkedIn === contextsValidatorSource(compiledStoreSchema, compiledStoreAjvOptions), 'stale: run node scripts/generate-contexts-validator.mjs').toBe(true);
  });

  it('differs for a schema with one field more (control: the comparison can fail)', () => {
    const items = compiledStoreSchema.properties.contexts.items;
    const widened = {
      ...compiledStoreSchema,
      properties: { ...compiledStoreSchema.properties, contexts: { ...compiledStoreSchema.properties.contexts, items: { ...items, properties: { ...items.properties, extra: { type: 'string' } } } } },
    };
    expect(contextsValidatorSource(widened, compiledStoreAjvOptions)).not.toBe(readFileSync(join(root, generatedValidatorPath), 'utf8'));
  });

  it('imports and requires nothing (it is on the start-up path, bundled into dist/)', () => {
    const checkedIn = readFileSync(join(root, generatedValidatorPath), 'utf8');
    expect(checkedIn).not.toMatch(/\brequire\(|^import /m);
  });
});
