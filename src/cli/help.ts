// Help text generated from the command table: usage, the commands, the global flags.
import { adapterIds } from '../adapters/registry.ts';
import { commandTable } from './command-table.ts';
import { createFieldFlags } from './field-flags.ts';
import type { CommandName, CommandOptionName, CommandSpec, OutputFormat } from './command-table.ts';

const globalFlags: readonly (readonly [string, string])[] = [
  ['--context NAME', 'saved or discovered context to use (`tokentui contexts`; default: the current one)'],
  ['--kubeconfig PATH', 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)'],
  [`--adapter ${adapterIds.join('|')}`, 'backend adapter (default: kubeadm from the kubeconfig; rest with --server https://…; lxd with unix://…)'],
  ['--server URL', 'a REST token service (API key from $TOKENTUI_API_KEY), or with --adapter lxd an LXD/Incus daemon:'],
  ['', 'unix:///path/to/unix.socket, unix:// (the local one) or https://HOST[:8443] (lxc\'s client certificate)'],
  ['--readonly', 'refuse every mutation'],
  ['--demo', 'the embedded demo backend (its state persists in $XDG_STATE_HOME/tokentui/demo)'],
  ['--reset', 'with --demo: start the demo over (fresh tokens, empty demo audit and rotation journals)'],
  ['--no-color', 'no colours (NO_COLOR is honoured too)'],
  ['--local-time', 'TUI: the list\'s EXPIRES in local time (default UTC; z switches)'],
  ['-o, --output FORMAT', 'output format of a subcommand'],
  ['-h, --help', 'this help; `tokentui COMMAND --help` for one command'],
  ['--version', 'print the version'],
];

const optionHelp: Readonly<Record<CommandOptionName, readonly [string, string]>> = {
  ttl: ['--ttl DUR', 'time to live (default: the backend\'s, 24h for kubeadm); 0 or never = no expiry'],
  description: ['--description TEXT', 'human-friendly description'],
  usages: ['--usages LIST', 'comma-separated usages (kubeadm: signing,authentication)'],
  groups: ['--groups LIST', 'comma-separated extra groups (system:bootstrappers:...)'],
  'print-join-command': ['--print-join-command', 'print the ready `kubeadm join` command instead of the token'],
  'dry-run': ['--dry-run', 'print the impact preview and change nothing'],
  confirm: ['--confirm ID', 'the token id, to confirm the change (revoke: every id of the batch, repeated or ID,ID)'],
  'confirm-all': ['--confirm-all N', 'revoke several: confirm all N ids of the batch (N must be their count)'],
  fingerprint: ['--fingerprint F', 'revoke only if the impact is still the one reviewed: F is impactFingerprint from impact -o json (else exit 3)'],
  'max-severity': ['--max-severity S', 'revoke only at impact severity S or below: none, low or high (unknown counts as high; else exit 3)'],
  'ignore-not-found': ['--ignore-not-found', 'a token that does not exist is nothing to do (exit 0 instead of 4)'],
  abandon: ['--abandon', 'give up the unfinished rotation of ID (--confirm NEW_ID also revokes its replacement)'],
  'server-token': ['--server-token', 'k3s: rotate the server token (--confirm HOST:PORT of the supervisor)'],
  checklist: ['--checklist', 'with --server-token: list the open post-rotation checklists, change nothing'],
  done: ['--done N', 'with --server-token: tick off item N of the open checklists (as --checklist numbers them)'],
  listen: ['--listen HOST:PORT', 'address to listen on (default 127.0.0.1:7480; port 0 = any free port)'],
  db: ['--db PATH', 'database file (default $XDG_DATA_HOME/tokentui/server.db)'],
  database: ['--database URL', 'PostgreSQL shared by replicas: postgres://USER@HOST/DB, no password (PGPASSWORD, ~/.pgpass)'],
  'database-url-file': ['--database-url-file PATH', 'a file holding the whole postgres:// URL (or set TOKENTUI_DATABASE_URL)'],
  'migrate-only': ['--migrate-only', 'apply the database schema migrations, then exit'],
  'max-connections': ['--max-connections N', 'open connections at most (default 1024, kept below the open-file limit)'],
  mode: ['--mode unique|legacy', 'legacy: no per-machine credentials, every machine depends on its join token'],
  'api-key-env': ['--api-key-env [NAME=]VAR', 'admin API key from environment variable VAR (repeatable)'],
  'reader-key-env': ['--reader-key-env [NAME=]VAR', 'read-only API key from environment variable VAR (repeatable)'],
  'redeem-rate': ['--redeem-rate PER_SECOND/BURST', 'redemption attempts allowed per client (default 2/20)'],
  'allow-remote': ['--allow-remote', 'allow listening beyond loopback'],
  quiet: ['--quiet', 'no request log'],
  'api-key-command': ['--api-key-command \'CMD ARGS\'', 'add, rest: the command that prints the API key (run without a shell)'],
  'kube-context': ['--kube-context CTX', 'add, kubeadm/k3s: the kubeconfig context (default: its current one)'],
  'poll-interval': ['--poll-interval DUR', 'add: how often the TUI re-lists a backend without live updates (1s..1h)'],
  force: ['--force', 'add: replace a saved context of the same name'],
  'no-headers': ['--no-headers', 'tables without their header line'],
  'sort-by': ['--sort-by FIELD', 'sort by a field of -o json (id, expiresAt, ...; kubectl paths too: .expiresAt); -FIELD reverses'],
  'list-object': ['--list-object', 'with -o json or yaml: {"kind": "List", "items": [...]} instead of a bare array'],
  watch: ['-w, --watch', 'after the list, one line per change (added, changed, expired, removed) until Ctrl-C'],
  'watch-timeout': ['--watch-timeout DUR', 'with -w: stop watching after DUR (exit 0)'],
  'all-contexts': ['-A, --all-contexts', 'every saved and discovered context at once (a CONTEXT column first)'],
  contexts: ['--contexts A,B', 'these contexts at once'],
  'context-glob': ['--context-glob PATTERN', 'the contexts whose names match, e.g. \'prod-*\''],
  'context-timeout': ['--context-timeout DUR', 'how long each context may take (default 5s); late ones cost a line, not the others'],
  everywhere: ['--everywhere', 'revoke: in every context where the token read from stdin is live'],
};

/** What each -o format prints, for a command's help. */
const formatHelp: Readonly<Record<OutputFormat, string>> = {
  table: 'table: columns, as kubeadm token list',
  wide: 'wide: the table with more columns',
  text: 'text: the command\'s own words',
  json: 'json: the data (docs/schemas/ has its JSON schema)',
  yaml: 'yaml: the same data as YAML',
  name: 'name: KIND/ID per line (token/abcdef), which ID arguments accept',
  jsonpath: "jsonpath=TEMPLATE: kubectl's JSONPath template, e.g. '{.items[*].id}'",
  'custom-columns': 'custom-columns=HEADER:PATH,...: your own columns, e.g. ID:.id,EXPIRES:.expiresAt',
};

/** Where one flag means something else for one command (serve's --api-key-env is a server key). */
const commandOptionHelp: Partial<Record<CommandName, Partial<Record<CommandOptionName, readonly [string, string]>>>> = {
  contexts: { 'api-key-env': ['--api-key-env VAR', 'add, rest: the variable holding the API key (its name is saved, never the key)'] },
  'server-ttl': { confirm: ['--confirm NAME', 'the server\'s name as the plan prints it, to confirm the change'] },
};

const footer = [
  'Exit codes: 0 success, 1 backend or network failure, 2 invalid input,',
  '            3 confirmation required or refused (nothing changed), 4 not found.',
  'Durations: Go syntax (90s, 1h30m, 24h) plus d and w; 0 or never means no expiry where allowed.',
  'Secrets are printed only by create and rotate (the new token), once; list shows token ids, never secrets.',
  'Every create, revoke, rotate, make-default and server-ttl change is recorded in the local audit',
  'journal (tokentui audit); when the journal cannot be written the command says so on stderr and exits',
  'non-zero.',
];

function table(rows: readonly (readonly [string, string])[], indent: string): string[] {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}${right}`);
}

export function generalHelp(): string {
  const commands = commandTable.map((command) => {
    const note = command.implemented ? '' : ' (not in this build yet)';
    return [command.name, `${command.summary}${note}`] as const;
  });
  return [
    'tokentui: join tokens for kubeadm and k3s clusters, LXD and Incus clusters, and REST token services',
    '',
    'Usage:',
    '  tokentui                       interactive TUI: the current context; the embedded demo backend when none exists',
    ...commandTable.map((command) => `  tokentui ${command.name.padEnd(9)} ${command.synopsis}`),
    '',
    'Commands:',
    ...table(commands, '  '),
    '',
    'Global flags:',
    ...table(globalFlags, '  '),
    '',
    ...footer,
    '',
  ].join('\n');
}

export function commandHelp(command: CommandSpec): string {
  const options = command.options.map((name) => commandOptionHelp[command.name]?.[name] ?? optionHelp[name]);
  for (const flag of createFieldFlags.filter((candidate) => command.fieldFlags?.includes(candidate.name) === true)) {
    options.push([flag.usage, `${flag.adapters.join(', ')}: ${flag.help}`]);
  }
  const output = command.outputs.map((format, index) => [index === 0 ? '-o, --output FORMAT' : '', `${formatHelp[format]}${index === 0 ? ' (the default)' : ''}`] as const);
  const rows = [...options, ...output];
  return [
    `Usage: tokentui ${command.name} ${command.synopsis}`,
    '',
    `${command.summary}.`,
    ...(command.implemented ? [] : ['', `\`tokentui ${command.name}\` is not available in this build yet.`]),
    ...(command.notes === undefined ? [] : ['', ...command.notes]),
    ...(rows.length === 0 ? [] : ['', 'Options:', ...table(rows, '  ')]),
    '',
    "Global flags (--context, --kubeconfig, --adapter, --server, --readonly, ...): run 'tokentui --help'.",
    '',
  ].join('\n');
}
