// Writes src/config/contexts-validator.generated.ts from config.json's schema (which the adapter
// registry makes, so it is bundled with esbuild first: Node cannot strip the types of all of src/).
// Run it when an adapter's saved-context fields change; test/config/contexts-validator-generated.test.ts
// fails until then.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contextsValidatorSource, generatedValidatorPath } from './lib/contexts-validator-source.mjs';

const dir = mkdtempSync(join('node_modules', '.tmp-contexts-schema-'));
try {
  const outfile = join(dir, 'schema.mjs');
  await build({ entryPoints: ['src/config/contexts-schema.ts'], outfile, bundle: true, format: 'esm', platform: 'node', packages: 'external', logLevel: 'warning' });
  const { compiledStoreSchema, compiledStoreAjvOptions } = await import(pathToFileURL(join(process.cwd(), outfile)).href);
  writeFileSync(generatedValidatorPath, contextsValidatorSource(compiledStoreSchema, compiledStoreAjvOptions));
  console.log(`wrote ${generatedValidatorPath}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
