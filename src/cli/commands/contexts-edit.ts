// `tokentui contexts add NAME ...` and `tokentui contexts remove NAME`: config.json changed through
// the contexts store (conf's atomic write, mode 0600), one line saying what was saved where.
import { addSavedContext, removeSavedContext } from '../../config/contexts-store.ts';
import { ExitCode } from '../../core/errors.ts';
import { usageError } from '../args.ts';
import type { CommandOptions } from '../args.ts';
import { cliStoreOptions } from '../context-selection.ts';
import { warn } from '../exit.ts';
import type { CommandContext } from './command-run.ts';
import { contextFromFlags } from './context-from-flags.ts';

const ADD_ONLY_OPTIONS = [
  ['api-key-env', (options: CommandOptions) => options.apiKeyEnv],
  ['api-key-command', (options: CommandOptions) => options.apiKeyCommand],
  ['kube-context', (options: CommandOptions) => options.kubeContext],
  ['poll-interval', (options: CommandOptions) => options.pollInterval],
  ['force', (options: CommandOptions) => options.force],
] as const;

/** The flags that describe a new context mean nothing to listing, `use` or `remove`. */
export function rejectAddOnlyOptions(options: CommandOptions): void {
  const used = ADD_ONLY_OPTIONS.find(([, read]) => read(options) !== undefined);
  if (used !== undefined) throw usageError(`--${used[0]} is only for \`tokentui contexts add NAME\``, "run 'tokentui contexts --help'");
}

function needsName(verb: string, name: string | undefined): string {
  if (name === undefined) throw usageError(`\`tokentui contexts ${verb}\` needs NAME`, "run 'tokentui contexts --help'");
  return name;
}

export async function addContext({ invocation, io }: CommandContext): Promise<number> {
  const name = needsName('add', invocation.positionals[1]);
  const { context, warnings } = contextFromFlags({ name, globals: invocation.globals, options: invocation.options, env: io.env, cwd: io.cwd });
  const { path, replaced } = await addSavedContext(context, invocation.options.force === true, cliStoreOptions(io.env));
  for (const warning of warnings) warn(io.stderr, warning);
  io.stdout.write(`${replaced ? 'replaced' : 'saved'} context "${name}" (${context.adapter}) in ${path}\n`);
  return ExitCode.ok;
}

export async function removeContext({ invocation, io }: CommandContext): Promise<number> {
  rejectAddOnlyOptions(invocation.options);
  const name = needsName('remove', invocation.positionals[1]);
  const { path, wasCurrent } = await removeSavedContext(name, cliStoreOptions(io.env));
  io.stdout.write(`removed context "${name}" from ${path}${wasCurrent ? '; it was the current context, now none is remembered' : ''}\n`);
  return ExitCode.ok;
}
