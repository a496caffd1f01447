// The command line's flags, as parseArgs options: the one list args.ts parses with and
// completion offers. It imports nothing at run time (a few objects in the start-up bundle).
// It also says what args.ts hands the commands (CommandOptions).
import type { CommandOptionName } from './command-table.ts';
import type { FieldFlagValues } from './field-flags.ts';

export const globalOptionConfig = {
  context: { type: 'string' },
  kubeconfig: { type: 'string' },
  adapter: { type: 'string' },
  server: { type: 'string' },
  readonly: { type: 'boolean' },
  demo: { type: 'boolean' },
  reset: { type: 'boolean' },
  'local-time': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

// A create field's flags (--scope, --max-uses, --kind, ...) are not here: they come from the
// adapters' registry (field-flags.ts), and are never on the interactive UI's command line.
export const commandOptionConfig = {
  ttl: { type: 'string' },
  description: { type: 'string' },
  usages: { type: 'string' },
  groups: { type: 'string' },
  'print-join-command': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  confirm: { type: 'string', multiple: true },
  'confirm-all': { type: 'string' },
  abandon: { type: 'boolean' },
  fingerprint: { type: 'string' },
  'max-severity': { type: 'string' },
  'ignore-not-found': { type: 'boolean' },
  // Fleet commands (cli/fleet-contexts.ts): list, find, revoke --everywhere.
  'all-contexts': { type: 'boolean', short: 'A' },
  contexts: { type: 'string' },
  'context-glob': { type: 'string' },
  'context-timeout': { type: 'string' },
  everywhere: { type: 'boolean' },
  'server-token': { type: 'boolean' },
  checklist: { type: 'boolean' },
  done: { type: 'string' },
  listen: { type: 'string' },
  db: { type: 'string' },
  database: { type: 'string' },
  'database-url-file': { type: 'string' },
  'max-connections': { type: 'string' },
  'migrate-only': { type: 'boolean' },
  mode: { type: 'string' },
  'api-key-env': { type: 'string', multiple: true },
  'reader-key-env': { type: 'string', multiple: true },
  'redeem-rate': { type: 'string' },
  'allow-remote': { type: 'boolean' },
  quiet: { type: 'boolean' },
  'api-key-command': { type: 'string' },
  'kube-context': { type: 'string' },
  'poll-interval': { type: 'string' },
  force: { type: 'boolean' },
  'no-headers': { type: 'boolean' },
  'sort-by': { type: 'string' },
  'list-object': { type: 'boolean' },
  watch: { type: 'boolean', short: 'w' },
  'watch-timeout': { type: 'string' },
} as const satisfies Record<CommandOptionName, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

/** The subcommand flags as args.ts reads them (absent = not given). */
export interface CommandOptions {
  readonly ttl?: string;
  readonly description?: string;
  readonly usages?: string;
  readonly groups?: string;
  readonly printJoinCommand: boolean;
  readonly dryRun: boolean;
  /** The one --confirm value (commands that take one; the parser refuses several there). */
  readonly confirm?: string;
  /** Every --confirm value, comma lists split (`revoke ID ID ...`). */
  readonly confirms?: readonly string[];
  /** revoke: the count of ids a batch confirms (`--confirm-all N`), as typed. */
  readonly confirmAll?: string;
  /** rotate: give up the unfinished rotation of ID. */
  readonly abandon?: boolean;
  /** revoke: the impactFingerprint of the preview the script reviewed (impact -o json). */
  readonly fingerprint?: string;
  /** revoke: the highest impact severity to revoke at, as typed (none|low|high). */
  readonly maxSeverity?: string;
  /** revoke: a token that does not exist is nothing to do (exit 0). */
  readonly ignoreNotFound?: boolean;
  readonly serverToken: boolean;
  /** rotate --server-token: list (and --done N: tick) the post-rotation checklists. */
  readonly checklist: boolean;
  readonly done?: string;
  readonly listen?: string;
  readonly db?: string;
  /** serve only, handed to src/server/serve-command.ts as flags. */
  readonly database?: string;
  readonly databaseUrlFile?: string;
  readonly maxConnections?: string;
  readonly migrateOnly?: boolean;
  readonly mode?: string;
  readonly apiKeyEnv?: readonly string[];
  readonly readerKeyEnv?: readonly string[];
  readonly redeemRate?: string;
  readonly allowRemote?: boolean;
  readonly quiet?: boolean;
  /** contexts add only: the new context's fields (--api-key-env above is shared with serve). */
  readonly apiKeyCommand?: string;
  readonly kubeContext?: string;
  readonly pollInterval?: string;
  readonly force?: boolean;
  /** Fleet selection (cli/fleet-contexts.ts) and revoke --everywhere. */
  readonly allContexts?: boolean;
  readonly contexts?: string;
  readonly contextGlob?: string;
  readonly contextTimeout?: string;
  readonly everywhere?: boolean;
  /** create: the adapters' create-field flags that were given (field-flags.ts), by flag name. */
  readonly fieldFlags: FieldFlagValues;
  /** Item listings (list, get, contexts, audit): no header line, the field to sort by (`-` first: reversed), the List envelope. */
  readonly noHeaders?: boolean;
  readonly sortBy?: string;
  readonly listObject?: boolean;
  /** list -w: follow changes, for at most --watch-timeout. */
  readonly watch?: boolean;
  readonly watchTimeout?: string;
}
