// Turns argv into a typed Invocation, or a 'usage' TokenTuiError (exit 2) that names the
// offending argument in one line. Nothing here touches the network or the file system.
import { parseArgs } from 'node:util';
import { adapterIds, isAdapterId } from '../adapters/registry.ts';
import type { AdapterId } from '../adapters/contract.ts';
import { HELP_HINT, usageError, type TokenTuiError } from '../core/errors.ts';
import { findCommand } from './command-table.ts';
import { describeParseFailure } from './parse-failure.ts';
import { fieldFlagOptionConfig } from './field-flags.ts';
import { suggestOption, unknownCommand } from './unknown-words.ts';
import { checkIdShape, withoutKindPrefix } from './id-args.ts';
import { checkViewOptions, readOutput } from './output-flags.ts';
import { commandOptionConfig, globalOptionConfig, type CommandOptions } from './option-config.ts';
import type { CommandName, CommandOptionName, CommandSpec, OutputFormat } from './command-table.ts';

export { HELP_HINT, usageError, withoutKindPrefix, commandOptionConfig, globalOptionConfig };
export type { CommandOptions };

const commandOptionNames = Object.keys(commandOptionConfig) as CommandOptionName[];
const fieldFlagNames = Object.keys(fieldFlagOptionConfig);

export interface GlobalOptions {
  readonly context?: string;
  readonly kubeconfig?: string;
  readonly adapter?: AdapterId;
  readonly server?: string;
  readonly readonly: boolean;
  readonly demo: boolean;
  /** With --demo: start the demo over (a fresh seed, empty demo journals). */
  readonly reset?: boolean;
  /** The TUI's EXPIRES column in local time (default UTC). */
  readonly localTime?: boolean;
  readonly noColor: boolean;
}


export type Invocation =
  | { readonly kind: 'help'; readonly command?: CommandSpec }
  | { readonly kind: 'version' }
  | { readonly kind: 'tui'; readonly globals: GlobalOptions }
  | {
      readonly kind: 'command';
      readonly command: CommandSpec;
      readonly globals: GlobalOptions;
      readonly output: OutputFormat;
      /** `-o jsonpath=TEMPLATE`, `-o custom-columns=SPEC`: what follows the `=`. */
      readonly outputArgument?: string;
      readonly positionals: readonly string[];
      readonly options: CommandOptions;
    };

export function notAvailableError(command: CommandName): TokenTuiError {
  return usageError(`\`tokentui ${command}\` is not available in this build yet`);
}

type ParsedValues = ReturnType<typeof parseRaw>['values'] & Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

function parseRaw(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: { ...fieldFlagOptionConfig, ...globalOptionConfig, ...commandOptionConfig },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    const failure = describeParseFailure(error);
    const suggestion = failure.unknownOption === undefined ? '' : suggestOption(failure.unknownOption, argv);
    throw usageError(failure.message, suggestion === '' ? HELP_HINT : suggestion);
  }
}

export function parseCommandLine(argv: readonly string[]): Invocation {
  const { values, positionals } = parseRaw(argv);
  const [commandName, ...rest] = positionals;
  const command = commandName === undefined ? undefined : findCommand(commandName);
  if (commandName !== undefined && command === undefined) throw unknownCommand(commandName);
  if (values.help) return { kind: 'help', command };
  if (values.version) return { kind: 'version' };
  // `tokentui help [COMMAND]` is --help said as a verb.
  if (command?.name === 'help') {
    const [topic, extra] = rest;
    if (extra !== undefined) throw usageError(`unexpected argument '${extra}' for \`tokentui help\``);
    if (topic === undefined) return { kind: 'help' };
    const about = findCommand(topic);
    if (about === undefined) throw unknownCommand(topic);
    return { kind: 'help', command: about };
  }
  const globals = readGlobals(values);
  if (command === undefined) {
    rejectCommandOnlyFlags(values);
    return { kind: 'tui', globals };
  }
  if (!command.implemented) throw notAvailableError(command.name);
  rejectForeignOptions(command, values);
  if (command.variadic !== true && (values.confirm?.length ?? 0) > 1) {
    throw usageError(`--confirm is given more than once; \`tokentui ${command.name}\` takes one`, `run 'tokentui ${command.name} --help'`);
  }
  checkPositionals(command, rest, command.positionalsWaivedBy !== undefined && values[command.positionalsWaivedBy] !== undefined);
  const { format, argument } = readOutput(command, values.output);
  const options = readCommandOptions(values);
  if (command.positionals[0] === 'ID') for (const id of rest) checkIdShape(id, 'ID');
  checkViewOptions(command, format, options);
  return {
    kind: 'command',
    command,
    globals,
    output: format,
    ...(argument === undefined ? {} : { outputArgument: argument }),
    positionals: command.positionals[0] === 'ID' ? rest.map(withoutKindPrefix) : rest,
    options: withoutKindPrefixes(options),
  };
}

/** --confirm token/ID (what -o name prints) confirms ID. */
function withoutKindPrefixes(options: CommandOptions): CommandOptions {
  return {
    ...options,
    ...(options.confirm === undefined ? {} : { confirm: withoutKindPrefix(options.confirm) }),
    ...(options.confirms === undefined ? {} : { confirms: options.confirms.map(withoutKindPrefix) }),
  };
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw usageError(`--${flag} needs a non-empty value`);
  return value;
}

function readGlobals(values: ParsedValues): GlobalOptions {
  if (values.reset === true && values.demo !== true) throw usageError('--reset starts the demo over: it needs --demo', 'tokentui --demo --reset');
  return {
    context: nonEmpty('context', values.context),
    kubeconfig: nonEmpty('kubeconfig', values.kubeconfig),
    adapter: readAdapter(values.adapter),
    server: nonEmpty('server', values.server),
    readonly: values.readonly ?? false,
    demo: values.demo ?? false,
    ...(values.reset === true ? { reset: true } : {}),
    ...(values['local-time'] === true ? { localTime: true } : {}),
    noColor: values['no-color'] ?? false,
  };
}

function readAdapter(value: string | undefined): AdapterId | undefined {
  if (value === undefined) return undefined;
  if (!isAdapterId(value)) throw usageError(`unknown adapter '${value}' (use ${adapterIds.join(', ')})`);
  return value;
}

function rejectCommandOnlyFlags(values: ParsedValues): void {
  const used = [...commandOptionNames, ...fieldFlagNames].find((name) => values[name] !== undefined);
  if (used !== undefined) throw usageError(`--${used} needs a subcommand`);
  if (values.output !== undefined) throw usageError('-o/--output needs a subcommand (e.g. tokentui list -o json)');
}

function rejectForeignOptions(command: CommandSpec, values: ParsedValues): void {
  for (const name of commandOptionNames) {
    if (values[name] !== undefined && !command.options.includes(name)) {
      throw usageError(`--${name} is not an option of \`tokentui ${command.name}\``, `run 'tokentui ${command.name} --help'`);
    }
  }
  for (const name of fieldFlagNames) {
    if (values[name] !== undefined && command.fieldFlags?.includes(name) !== true) {
      throw usageError(`--${name} is not an option of \`tokentui ${command.name}\``, `run 'tokentui ${command.name} --help'`);
    }
  }
}

function checkPositionals(command: CommandSpec, given: readonly string[], waived: boolean): void {
  const missing = waived ? undefined : command.positionals[given.length];
  if (missing !== undefined) throw usageError(`\`tokentui ${command.name}\` needs ${missing}`, `run 'tokentui ${command.name} --help'`);
  const extra = command.variadic === true ? undefined : given[command.positionals.length + (command.optionalPositionals?.length ?? 0)];
  if (extra !== undefined) throw usageError(`unexpected argument '${extra}' for \`tokentui ${command.name}\``, `run 'tokentui ${command.name} --help'`);
}

function readCommandOptions(values: ParsedValues): CommandOptions {
  return {
    ttl: values.ttl,
    description: values.description,
    usages: values.usages,
    groups: values.groups,
    printJoinCommand: values['print-join-command'] ?? false,
    dryRun: values['dry-run'] ?? false,
    confirm: values.confirm?.at(-1),
    confirms: (values.confirm ?? []).flatMap((value) => value.split(',')).filter((value) => value !== ''),
    confirmAll: values['confirm-all'],
    abandon: values.abandon ?? false,
    fingerprint: values.fingerprint,
    maxSeverity: values['max-severity'],
    ignoreNotFound: values['ignore-not-found'] ?? false,
    allContexts: values['all-contexts'],
    contexts: values.contexts,
    contextGlob: values['context-glob'],
    contextTimeout: values['context-timeout'],
    everywhere: values.everywhere,
    serverToken: values['server-token'] ?? false,
    checklist: values.checklist ?? false,
    done: values.done,
    listen: values.listen,
    db: values.db,
    database: values.database,
    databaseUrlFile: values['database-url-file'],
    maxConnections: values['max-connections'],
    migrateOnly: values['migrate-only'],
    mode: values.mode,
    apiKeyEnv: values['api-key-env'],
    readerKeyEnv: values['reader-key-env'],
    redeemRate: values['redeem-rate'],
    allowRemote: values['allow-remote'],
    quiet: values.quiet,
    apiKeyCommand: values['api-key-command'],
    kubeContext: values['kube-context'],
    pollInterval: values['poll-interval'],
    force: values.force,
    noHeaders: values['no-headers'] ?? false,
    sortBy: values['sort-by'],
    listObject: values['list-object'] ?? false,
    watch: values.watch ?? false,
    watchTimeout: values['watch-timeout'],
    fieldFlags: Object.fromEntries(fieldFlagNames.flatMap((name) => {
      const value = values[name];
      return typeof value === 'string' || typeof value === 'boolean' ? [[name, value]] : [];
    })),
  };
}
