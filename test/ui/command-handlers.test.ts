// A command carries its handler: a command table entry without `run` does not compile. Proven by
// compiling a fixture with the project's own compiler settings, and a control that compiles once
// the handler is there (so the check can fail, and does not pass for some other reason).
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { COMMAND_IDS, COMMAND_TABLE } from '../../src/ui/view-model/commands.ts';

const root = join(import.meta.dirname, '../..');
const fixture = join(root, 'test/ui/__command-fixture__.ts');

function fixtureSource(handler: string): string {
  return [
    "import type { CommandTable } from '../../src/ui/commands/command-spec.ts';",
    "import type { AppState } from '../../src/ui/view-model/app-state.ts';",
    'export const commands = {',
    `  'fixture.thing': { keys: ['x'], description: 'A new command', category: 'app', modes: ['list'], dangerous: false, disabledReason: () => null${handler} },`,
    '} satisfies CommandTable<AppState>;',
    '',
  ].join('\n');
}

function typeErrors(source: string): string[] {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (path) => (path === fixture ? source : readFile(path));
  host.getSourceFile = (path, language, onError, fresh) =>
    path === fixture ? ts.createSourceFile(path, source, language) : getSourceFile(path, language, onError, fresh);
  host.fileExists = ((exists) => (path: string) => path === fixture || exists(path))(host.fileExists.bind(host));
  const program = ts.createProgram([fixture], { ...options, noEmit: true }, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(fixture)).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('commands carry their handler', () => {
  it('a command without a handler fails to compile', () => {
    const errors = typeErrors(fixtureSource(''));
    expect(errors.join('\n')).toMatch(/'run' is missing/);
  }, 60_000);

  it('the same command with its handler compiles (control)', () => {
    expect(typeErrors(fixtureSource(', run: (state) => state'))).toEqual([]);
  }, 60_000);

  it('every command of the table has one at run time too', () => {
    for (const id of COMMAND_IDS) expect(typeof COMMAND_TABLE[id].run, id).toBe('function');
  });
});
