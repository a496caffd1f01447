// The command line's flags, as parseArgs options: the one list args.ts parses with, completion
// offers, and the launcher reads to decide, before the program loads, whether the interactive UI
// is what will run (tui-heap.ts). It imports nothing at run time, so that the launcher (built for
// Node 14 syntax, loaded before anything else) can bundle it for the price of a few objects.
import type { CommandOptionName } from './command-table.ts';

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
  // Fleet commands (cli/fleet-contexts.ts): list, find, revoke --everywhere.
  'all-contexts': { type: 'boolean', short: 'A' },
  contexts: { type: 'string' },
  'context-glob': { type: 'string' },
  'context-timeout': { type: 'string' },
  everywhere: { type: 'boolean' },
} as const satisfies Record<CommandOptionName, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;
