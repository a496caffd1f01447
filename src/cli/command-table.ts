// Every subcommand, as data: the parser, the help text, docs/cli.md and the dispatcher all read
// this one table, so a command cannot be parsed but missing from help or the docs.
// Commands not built yet are listed with `implemented: false` and refuse to run (exit 2).
import type { CommandSpec } from './command-spec.ts';
import { localCommandSpecs } from './command-specs-local.ts';
import { tokenCommandSpecs } from './command-specs-token.ts';

export type { CommandName, CommandOptionName, CommandSpec, OutputFormat } from './command-spec.ts';
export { FORMATS_WITH_ARGUMENT } from './command-spec.ts';

export const commandTable: readonly CommandSpec[] = [...tokenCommandSpecs, ...localCommandSpecs];

export function findCommand(name: string): CommandSpec | undefined {
  return commandTable.find((command) => command.name === name);
}
