// The flags that choose and shape output, read and checked against the command: `-o FORMAT` or
// `-o FORMAT=ARGUMENT` (jsonpath, custom-columns), and --no-headers, --list-object, --sort-by and
// --watch-timeout against the format they shape.
import { usageError } from '../core/errors.ts';
import { FORMATS_WITH_ARGUMENT, type CommandSpec, type OutputFormat } from './command-table.ts';
import { didYouMean } from './suggest.ts';

/** The output-shaping flags of a command line (args.ts's CommandOptions has them). */
export interface ViewOptions {
  readonly noHeaders?: boolean;
  readonly listObject?: boolean;
  readonly sortBy?: string;
  readonly watch?: boolean;
  readonly watchTimeout?: string;
}

/** The flags that shape output, checked against the format they shape. */
export function checkViewOptions(command: CommandSpec, format: OutputFormat, options: ViewOptions): void {
  const help = `run 'tokentui ${command.name} --help'`;
  if (options.noHeaders === true && format !== 'table' && format !== 'wide' && format !== 'custom-columns') {
    throw usageError(`--no-headers goes with -o table, wide or custom-columns, not -o ${format}`, help);
  }
  if (options.listObject === true && format !== 'json' && format !== 'yaml') throw usageError(`--list-object goes with -o json or yaml, not -o ${format}`, help);
  if (options.sortBy !== undefined && options.sortBy.replace(/^-/, '').trim() === '') throw usageError('--sort-by needs a field, e.g. --sort-by expiresAt (or =-expiresAt to reverse)', help);
  if (options.watchTimeout !== undefined && options.watch !== true) throw usageError('--watch-timeout goes with -w/--watch', help);
}


const FORMAT_EXAMPLES: Partial<Record<OutputFormat, string>> = {
  jsonpath: "-o jsonpath='{.items[*].id}'",
  'custom-columns': '-o custom-columns=ID:.id,EXPIRES:.expiresAt',
};

/** `-o FORMAT` or `-o FORMAT=ARGUMENT` (jsonpath, custom-columns), checked against the command's formats. */
export function readOutput(command: CommandSpec, value: string | undefined): { format: OutputFormat; argument?: string } {
  const [defaultFormat] = command.outputs;
  if (value === undefined) return { format: defaultFormat ?? 'text' };
  if (defaultFormat === undefined) throw usageError(`\`tokentui ${command.name}\` has no -o option`);
  const equals = value.indexOf('=');
  const name = equals < 0 ? value : value.slice(0, equals);
  const format = command.outputs.find((candidate) => candidate === name);
  const accepted = command.outputs.map((candidate) => (FORMATS_WITH_ARGUMENT.includes(candidate) ? `${candidate}=...` : candidate)).join(', ');
  if (format === undefined) {
    const suggestion = didYouMean(name, command.outputs);
    throw usageError(`-o ${name} is not supported by \`tokentui ${command.name}\` (use ${accepted})`, suggestion === '' ? `run 'tokentui ${command.name} --help'` : suggestion);
  }
  const takesArgument = FORMATS_WITH_ARGUMENT.includes(format);
  if (!takesArgument && equals >= 0) throw usageError(`-o ${format} takes nothing after '='`);
  if (!takesArgument) return { format };
  const argument = equals < 0 ? '' : value.slice(equals + 1);
  if (argument.trim() === '') throw usageError(`-o ${format} needs its argument after '='`, `e.g. ${FORMAT_EXAMPLES[format] ?? ''}`);
  return { format, argument };
}

