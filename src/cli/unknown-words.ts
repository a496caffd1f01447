// "Did you mean" for what the parser did not know: a command, or a flag (among the flags of the
// command on the line, and the global ones).
import { parseArgs } from 'node:util';
import { HELP_HINT, usageError, type TokenTuiError } from '../core/errors.ts';
import { commandTable, findCommand, type CommandOptionName } from './command-table.ts';
import { fieldFlagOptionConfig } from './field-flags.ts';
import { commandOptionConfig, globalOptionConfig } from './option-config.ts';
import { didYouMean } from './suggest.ts';

const commandOptionNames = Object.keys(commandOptionConfig) as CommandOptionName[];
const fieldFlagNames = Object.keys(fieldFlagOptionConfig);

/** The flags the command on the line takes (all of them when there is none), for "did you mean". */
export function suggestOption(typed: string, argv: readonly string[]): string {
  const loose = parseArgs({ args: [...argv], options: { ...fieldFlagOptionConfig, ...globalOptionConfig, ...commandOptionConfig }, strict: false, allowPositionals: true });
  const command = findCommand(loose.positionals[0] ?? '');
  const own = command === undefined ? [...commandOptionNames, ...fieldFlagNames] : [...command.options, ...(command.fieldFlags ?? [])];
  const candidates = [...own, ...Object.keys(globalOptionConfig)].map((name) => `--${name}`);
  return didYouMean(typed.split('=')[0]!, candidates);
}

export function unknownCommand(name: string): TokenTuiError {
  const names = commandTable.map((entry) => entry.name);
  const suggestion = didYouMean(name, names);
  return usageError(`unknown command '${name}'`, suggestion === '' ? `commands: ${names.join(', ')}; ${HELP_HINT}` : `${suggestion} (${HELP_HINT})`);
}

