// Every flag the command line knows, as node:util parseArgs reads them: the global ones and the
// ones that belong to subcommands (command-table.ts says which command takes which).
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

export const commandOptionConfig = {
  ttl: { type: 'string' },
  description: { type: 'string' },
  usages: { type: 'string' },
  groups: { type: 'string' },
  'print-join-command': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  confirm: { type: 'string' },
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

