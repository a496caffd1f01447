// docs/cli.md, generated from the command table through the same help text the command line
// prints (help.ts), so the reference cannot drift from the parser: test/cli/cli-doc.test.ts fails
// when the file and this output differ; `UPDATE_CLI_DOC=1 npx vitest run --project fast test/cli/cli-doc.test.ts` rewrites it.
import { commandTable } from './command-table.ts';
import { commandHelp, generalHelp } from './help.ts';

const fence = (text: string): string[] => ['```text', text.trimEnd(), '```'];

export function renderCliDoc(): string {
  return [
    '# tokentui command line',
    '',
    '<!-- Generated from src/cli/command-table.ts by test/cli/cli-doc.test.ts (UPDATE_CLI_DOC=1); do not edit by hand. -->',
    '',
    'Every command and flag, as `tokentui --help` and `tokentui help COMMAND` print them. The JSON',
    'each command prints is described by the schemas in [docs/schemas/](schemas/).',
    '',
    ...fence(generalHelp()),
    '',
    ...commandTable.flatMap((command) => [`## tokentui ${command.name}`, '', ...fence(commandHelp(command)), '']),
  ].join('\n');
}
