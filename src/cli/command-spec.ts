// The command table's vocabulary: command and option names, the -o formats, and the shape of
// one command's entry. command-table.ts assembles the entries; args.ts, help.ts and docs read them.
export type CommandName =
  | 'list'
  | 'find'
  | 'get'
  | 'create'
  | 'impact'
  | 'revoke'
  | 'delete'
  | 'rotate'
  | 'make-default'
  | 'server-ttl'
  | 'contexts'
  | 'audit'
  | 'serve'
  | 'completion'
  | 'help'
  | 'version';

/**
 * `-o` formats. `table`/`wide`: columns; `text`: a command's own words; `name`: kind/id per
 * line; `jsonpath=TEMPLATE` and `custom-columns=SPEC` take their argument after the `=`.
 */
export type OutputFormat = 'table' | 'wide' | 'text' | 'json' | 'yaml' | 'name' | 'jsonpath' | 'custom-columns';

/** Formats whose `-o` value carries an argument after `=`. */
export const FORMATS_WITH_ARGUMENT: readonly OutputFormat[] = ['jsonpath', 'custom-columns'];

/** Commands that print items (tokens, contexts, records): kubectl's formats, as `kubectl get`. */
export const ITEM_FORMATS: readonly OutputFormat[] = ['table', 'wide', 'json', 'yaml', 'name', 'jsonpath', 'custom-columns'];
/** Commands that print one result: their own text, or the data behind it (`kubectl create -o`). */
export const RESULT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'yaml', 'name', 'jsonpath'];
/** The flags that shape an item listing. */
export const ITEM_VIEW_OPTIONS: readonly CommandOptionName[] = ['no-headers', 'sort-by', 'list-object'];
export const ITEM_VIEW_SYNOPSIS = '[-o table|wide|json|yaml|name|jsonpath=TEMPLATE|custom-columns=SPEC] [--no-headers] [--sort-by FIELD] [--list-object]';

/** Options that belong to one or more subcommands (global flags are in args.ts). */
export type CommandOptionName =
  | 'ttl'
  | 'description'
  | 'usages'
  | 'groups'
  | 'print-join-command'
  | 'dry-run'
  | 'confirm'
  | 'confirm-all'
  | 'abandon'
  | 'fingerprint'
  | 'max-severity'
  | 'ignore-not-found'
  | 'all-contexts'
  | 'contexts'
  | 'context-glob'
  | 'context-timeout'
  | 'everywhere'
  | 'server-token'
  | 'checklist'
  | 'done'
  | 'listen'
  | 'db'
  | 'database'
  | 'database-url-file'
  | 'max-connections'
  | 'migrate-only'
  | 'mode'
  | 'api-key-env'
  | 'reader-key-env'
  | 'redeem-rate'
  | 'allow-remote'
  | 'quiet'
  | 'api-key-command'
  | 'kube-context'
  | 'poll-interval'
  | 'force'
  | 'no-headers'
  | 'sort-by'
  | 'list-object'
  | 'watch'
  | 'watch-timeout';

export interface CommandSpec {
  readonly name: CommandName;
  /** Arguments and options as shown in the usage line. */
  readonly synopsis: string;
  readonly summary: string;
  /** Positional argument names, e.g. ['ID']; all are required. */
  readonly positionals: readonly string[];
  /** Positionals that may follow the required ones (e.g. `contexts use NAME`). */
  readonly optionalPositionals?: readonly string[];
  /** The last positional repeats (`get ID ID ...`, `revoke ID ID ...`: --confirm may be given for each). */
  readonly variadic?: boolean;
  /** An option that makes the required positionals unnecessary (`rotate --server-token`). */
  readonly positionalsWaivedBy?: CommandOptionName;
  readonly options: readonly CommandOptionName[];
  /** Flags of the adapters' create fields (field-flags.ts) this command takes, without dashes. */
  readonly fieldFlags?: readonly string[];
  /** Accepted `-o` values; the first is the default. Empty = the command takes no `-o`. */
  readonly outputs: readonly OutputFormat[];
  readonly implemented: boolean;
  /** Extra paragraphs for `tokentui COMMAND --help` (behaviour a script relies on). */
  readonly notes?: readonly string[];
}

