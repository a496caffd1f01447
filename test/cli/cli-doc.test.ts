// docs/cli.md is the command table's help, generated (src/cli/cli-doc.ts): this fails when a
// command, flag or format was added, changed or removed without regenerating the doc.
// UPDATE_CLI_DOC=1 rewrites the file instead (then review the diff).
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCliDoc } from '../../src/cli/cli-doc.ts';
import { commandTable } from '../../src/cli/command-table.ts';
import { commandOptionConfig, globalOptionConfig } from '../../src/cli/option-config.ts';

const DOC = new URL('../../docs/cli.md', import.meta.url);

describe('docs/cli.md', () => {
  it('is what the command table generates', () => {
    const generated = renderCliDoc();
    if (process.env['UPDATE_CLI_DOC'] === '1') writeFileSync(DOC, generated);
    expect(readFileSync(DOC, 'utf8'), 'docs/cli.md is stale: UPDATE_CLI_DOC=1 npx vitest run --project fast test/cli/cli-doc.test.ts').toBe(generated);
  });

  it('names every command, every flag and every -o format', () => {
    const doc = readFileSync(DOC, 'utf8');
    for (const command of commandTable) {
      expect(doc).toContain(`## tokentui ${command.name}\n`);
      for (const format of command.outputs) expect(doc).toMatch(new RegExp(`\\b${format}\\b`));
    }
    for (const flag of [...Object.keys(commandOptionConfig), ...Object.keys(globalOptionConfig)]) expect(doc, flag).toContain(`--${flag}`);
  });
});
