// The touch points of adding an adapter (docs/adding-an-adapter.md), enforced: a folder
// src/adapters/<id>/ with index.ts (the factory) and definition.ts (the registry entry), one line in
// src/adapters/registry.ts, and test/adapters/<id>.conformance.test.ts. Everything else derives
// from the registry, and this test proves there is nothing else to edit: no other file in src/
// names an adapter id or imports from an adapter's folder.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { AdapterDefinition } from '../../src/adapters/definition.ts';
import { adapterDefinitions, adapterIds, createAdapter, definitionOf, isAdapterId, type RegisteredSettings } from '../../src/adapters/registry.ts';
import { commandOptionConfig, globalOptionConfig, parseCommandLine } from '../../src/cli/args.ts';
import { findCommand } from '../../src/cli/command-table.ts';
import { createFieldFlags } from '../../src/cli/field-flags.ts';
import { contextFromFlags } from '../../src/cli/commands/context-from-flags.ts';
import { generalHelp } from '../../src/cli/help.ts';
import { savedContextProblem } from '../../src/config/contexts-store.ts';
import { systemClock } from '../../src/core/clock.ts';
import { startTestRestServer } from '../support/rest-server.ts';

const srcDir = join(import.meta.dirname, '../../src');
const adaptersDir = join(srcDir, 'adapters');
// Beside the adapters: the operations layer every front end calls (not an adapter).
const SHARED_FOLDERS = new Set(['operations']);
const adapterFolders = readdirSync(adaptersDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !SHARED_FOLDERS.has(entry.name))
  .map((entry) => entry.name);

describe('adding an adapter: the touch points', () => {
  it('registers every adapter folder, and every registered id has a folder', () => {
    expect([...adapterFolders].sort()).toEqual([...adapterIds].sort());
  });

  it.each(adapterFolders)('%s has its factory (index.ts) and its registry entry (definition.ts)', (id) => {
    expect(existsSync(join(adaptersDir, id, 'index.ts')), `src/adapters/${id}/index.ts`).toBe(true);
    const definitionFile = join(adaptersDir, id, 'definition.ts');
    expect(existsSync(definitionFile), `src/adapters/${id}/definition.ts`).toBe(true);
    expect(readFileSync(definitionFile, 'utf8')).toContain(`id: '${id}'`);
  });

  it.each(adapterFolders)('%s has a conformance test that runs the shared suite', (id) => {
    const file = join(import.meta.dirname, `${id}.conformance.test.ts`);
    expect(existsSync(file), `missing ${file}`).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('describeAdapterConformance(');
  });

  it('has a complete entry for every adapter: title, target kind, settings, a way to open it', () => {
    for (const definition of adapterDefinitions as readonly AdapterDefinition[]) {
      expect(definition.title, definition.id).not.toBe('');
      expect(typeof definition.open, definition.id).toBe('function');
      expect(typeof definition.settings, definition.id).toBe('function');
      const { target } = definition;
      expect(target.flags.length, `${definition.id}: the flags that name its target`).toBeGreaterThan(0);
      expect(target.contextFlags.length, `${definition.id}: its contexts add flags`).toBeGreaterThan(0);
      for (const field of Object.keys(target.savedContext.required)) expect(Object.keys(target.savedContext.properties)).toContain(field);
      expect(definition.settings(undefined as never).adapter, `${definition.id}: its settings name it`).toBe(definition.id);
    }
  });

  it('recognises only registered ids', () => {
    for (const id of adapterIds) expect(isAdapterId(id)).toBe(true);
    expect(isAdapterId('toString')).toBe(false);
    expect(isAdapterId('nope')).toBe(false);
    expect(() => definitionOf('nope')).toThrow(/no adapter 'nope'/);
  });
});

describe('what derives from the registry', () => {
  it.each(adapterIds)('--adapter %s is accepted, and listed in the help and in the refusal of an unknown one', (id) => {
    const invocation = parseCommandLine(['list', '--adapter', id]);
    expect(invocation.kind === 'command' && invocation.globals.adapter).toBe(id);
    expect(generalHelp()).toContain(`--adapter ${adapterIds.join('|')}`);
    expect(() => parseCommandLine(['list', '--adapter', 'docker'])).toThrow(new RegExp(`use ${adapterIds.join(', ')}\\)`));
  });

  it.each(adapterIds)("contexts add --adapter %s builds the context from the entry's own fields", (id) => {
    const add = (options: Record<string, unknown>) =>
      contextFromFlags({ name: 'x', globals: { readonly: false, demo: false, noColor: false, adapter: id, ...options }, options: { printJoinCommand: false, dryRun: false, serverToken: false, checklist: false, fieldFlags: {}, ...options }, env: { HOME: '/nonexistent', KEY: 'k' }, cwd: '/' });
    // Fill every field the adapter needs, with the flags its kind takes, and nothing else.
    const { target } = definitionOf(id);
    const flags: Record<string, unknown> = {};
    if (target.contextFlags.includes('server')) flags['server'] = 'https://tokens.example';
    if (target.contextFlags.includes('api-key-env')) flags['apiKeyEnv'] = ['KEY'];
    const { context } = add(flags);
    expect(context.adapter).toBe(id);
    expect(savedContextProblem(context)).toBeNull();
    for (const field of Object.keys(context)) expect(['name', 'adapter', ...Object.keys(target.savedContext.properties)]).toContain(field);
  });

  it("create takes a flag per create field the entries declare (and per shortcut), none clashing with another flag", () => {
    const declared = adapterDefinitions.flatMap((definition) => (definition.createFields ?? []).flatMap((field) => [field.flag, ...(field.kind === 'count' && field.shortcut !== undefined ? [field.shortcut.flag] : [])]));
    expect(createFieldFlags.map((flag) => flag.name).sort()).toEqual([...new Set(declared)].sort());
    for (const name of declared) {
      expect(Object.keys({ ...globalOptionConfig, ...commandOptionConfig }), `--${name}`).not.toContain(name);
      expect(findCommand('create')?.fieldFlags).toContain(name);
    }
    // One flag, one meaning: adapters that share a flag declare the same kind of field behind it.
    for (const name of new Set(declared)) {
      const kinds = new Set(adapterDefinitions.flatMap((definition) => (definition.createFields ?? []).filter((field) => field.flag === name).map((field) => field.kind)));
      expect(kinds.size, `--${name}`).toBeLessThanOrEqual(1);
    }
  });

  it('opens an adapter through its entry, loading its module on demand', async () => {
    const server = await startTestRestServer({ clock: systemClock });
    try {
      const settings = definitionOf('rest').settings({ context: 'c', server: server.url, apiKey: server.apiKey });
      const adapter = await createAdapter(settings as RegisteredSettings, { clock: systemClock });
      expect(adapter.id).toBe('rest');
      expect(await adapter.list()).toEqual([]);
      await adapter.close?.();
    } finally {
      await server.close();
    }
  });
});

// ---- nothing outside an adapter's folder names one -------------------------------------------

/** Files allowed to name adapters: their own folders, the registry's list (and the validator generated from it), and the demo (it runs one). */
function exempt(file: string): string | null {
  const path = relative(srcDir, file).split('\\').join('/');
  if (path === 'adapters/registry.ts') return 'the registry lists the adapters';
  // Written by scripts/generate-contexts-validator.mjs from the registry's schema; a stale copy fails test/config/contexts-validator-generated.test.ts.
  if (path === 'config/contexts-validator.generated.ts') return "ajv's code generated from the registry's config.json schema";
  if (path.startsWith('demo/')) return 'the demo runs the reference server and its adapter';
  const [top, folder] = path.split('/');
  if (top === 'adapters' && folder !== undefined && adapterIds.includes(folder)) return 'its own folder';
  return null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every string in the code (literals, types, imports, template parts): comments and prose in JSX excluded. */
function codeStrings(file: string): { readonly text: string; readonly line: number }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: { text: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      found.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no file in src/ outside an adapter folder (and the demo) names an adapter', () => {
  const files = sourceFiles(srcDir).filter((file) => exempt(file) === null);
  const folderImport = new RegExp(`(^|/)adapters/(${adapterIds.join('|')})/`);

  it('finds the files it scans (a broken walk would prove nothing)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((file) => file.endsWith('cli/target.ts'))).toBe(true);
    expect(files.some((file) => file.endsWith('ui/app/App.tsx'))).toBe(true);
  });

  it('no string in the code is an adapter id, and no import reaches into an adapter folder', () => {
    const offences: string[] = [];
    for (const file of files) {
      for (const { text, line } of codeStrings(file)) {
        if (adapterIds.includes(text) || folderImport.test(text)) offences.push(`${relative(srcDir, file)}:${line}: '${text}'`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('would catch one: a file that compares against an id or imports an adapter module', () => {
    const probe = join(srcDir, 'cli', 'target.ts');
    const strings = codeStrings(probe).map(({ text }) => text);
    expect(strings.length).toBeGreaterThan(0);
    // The same check, on a made-up line of the kind the old code had.
    const offending = ts.createSourceFile('x.ts', `import { x } from '../adapters/${adapterIds[0]}/index.ts'; if (a === '${adapterIds[1]}') {}`, ts.ScriptTarget.Latest, true);
    const texts: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node)) texts.push(node.text);
      ts.forEachChild(node, visit);
    };
    visit(offending);
    expect(texts.filter((text) => adapterIds.includes(text) || folderImport.test(text))).toHaveLength(2);
  });
});
