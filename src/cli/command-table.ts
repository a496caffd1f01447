// Every subcommand, as data: the parser, the help text and the
// dispatcher all read this one table, so a command cannot be parsed but missing from help.
// Commands not built yet are listed with `implemented: false` and refuse to run (exit 2).
import { adapterDefinitions, adapterIds } from '../adapters/registry.ts';
import { createFieldFlags } from './field-flags.ts';

export type CommandName = 'list' | 'find' | 'create' | 'impact' | 'revoke' | 'rotate' | 'make-default' | 'server-ttl' | 'contexts' | 'audit' | 'serve' | 'completion';

export type OutputFormat = 'table' | 'text' | 'json' | 'yaml';

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
  | 'all-contexts'
  | 'contexts'
  | 'context-glob'
  | 'context-timeout'
  | 'everywhere';

export interface CommandSpec {
  readonly name: CommandName;
  /** Arguments and options as shown in the usage line. */
  readonly synopsis: string;
  readonly summary: string;
  /** Positional argument names, e.g. ['ID']; all are required. */
  readonly positionals: readonly string[];
  /** Positionals that may follow the required ones (e.g. `contexts use NAME`). */
  readonly optionalPositionals?: readonly string[];
  /** The last positional repeats (`revoke ID ID ...`), and --confirm may be given for each. */
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

/** `contexts add`'s flags per target kind, from the registry: "  kubeadm, k3s: [--kubeconfig PATH] ...". */
function contextFlagLines(): string[] {
  const kinds = [...new Set(adapterDefinitions.map((definition) => definition.target))];
  return kinds.flatMap((kind) => {
    const ids = adapterDefinitions.filter((definition) => definition.target === kind).map((definition) => definition.id);
    return kind.contextFlagsHelp.map((line, index) => `  ${(index === 0 ? `${ids.join(', ')}:` : '').padEnd(14)}${line}`);
  });
}

/** Options of the commands that run in several contexts at once (cli/fleet-contexts.ts). */
const FLEET_OPTIONS: readonly CommandOptionName[] = ['all-contexts', 'contexts', 'context-glob', 'context-timeout'];
const FLEET_NOTES: readonly string[] = [
  'Fleet: -A/--all-contexts (every saved and discovered context), --contexts a,b or --context-glob \'prod-*\'',
  'asks every chosen context at once. The table gets a CONTEXT column first; -o json/yaml objects carry',
  '"context". A context that does not answer within --context-timeout (default 5s), or refuses (403,',
  '401, unreachable), costs one stderr line `tokentui: context "NAME": REASON`; the others are still',
  'printed. Exit 0 when every context answered, 1 when some did not.',
];

export const commandTable: readonly CommandSpec[] = [
  {
    name: 'list',
    synopsis: '[-o table|json|yaml] [-A | --contexts A,B | --context-glob PATTERN] [--context-timeout DUR]',
    summary: 'list tokens (the TOKEN column shows the id only; secrets are never listed)',
    positionals: [],
    options: FLEET_OPTIONS,
    outputs: ['table', 'json', 'yaml'],
    implemented: true,
    notes: FLEET_NOTES,
  },
  {
    name: 'find',
    synopsis: '[ID] [--contexts A,B | --context-glob PATTERN] [--context-timeout DUR] [-o json]  (the token on stdin or at a masked prompt)',
    summary: 'in which contexts is a leaked token live? (every context unless narrowed)',
    positionals: [],
    optionalPositionals: ['ID'],
    options: FLEET_OPTIONS,
    outputs: ['table', 'json'],
    implemented: true,
    notes: [
      'Reads what leaked from stdin (tokentui find < leaked.txt) or a masked prompt on a terminal: a kubeadm',
      'id.secret, a k3s K10<hash>::id.secret or K10<hash>::server:password, a REST token secret, a whole pasted',
      'join command or log line (the first token in it), or an id alone. A secret on the command line is',
      'refused (exit 2: it would land in shell history and ps); an id alone may be the ID argument.',
      'Per context: LIVE (the secret is that token\'s and it can be used), not live (right id, wrong secret; or',
      'expired / used up), absent, exists (id only given), unchecked (the backend cannot compare secrets).',
      'Secrets are compared in constant time: kubeadm/k3s against the Secret\'s token-secret, REST by sending',
      'only the secret\'s SHA-256 (POST /api/v1/tokens/{id}/secret-check). The secret is never printed.',
      'Exit 0 live (or possibly live) somewhere, 4 live nowhere, 1 some context did not answer (a stderr line).',
    ],
  },
  {
    name: 'create',
    synopsis: `[--ttl DUR] [--description TEXT] [--usages LIST] [--groups LIST] ${createFieldFlags.map((flag) => `[${flag.usage}]`).join(' ')} [--print-join-command] [-o json]`,
    summary: 'create a token and print it once (or its join command)',
    positionals: [],
    options: ['ttl', 'description', 'usages', 'groups', 'print-join-command'],
    fieldFlags: createFieldFlags.map((flag) => flag.name),
    outputs: ['text', 'json'],
    implemented: true,
    notes: [
      'Flags a backend does not take (--usages on a REST server, --scope on kubeadm) are refused with exit 2',
      'before anything is sent. Flags of fields an adapter declares are listed with the adapters that take them.',
      'lxd: --kind join (the default) or trust, --projects (trust tokens only) the projects the client is',
      'restricted to, and --description the new member\'s (join) or client\'s (trust) name. The server sets',
      'the TTL (tokentui server-ttl shows it).',
    ],
  },
  {
    name: 'impact',
    synopsis: 'ID [-o json]',
    summary: 'impact preview only, changes nothing',
    positionals: ['ID'],
    options: [],
    outputs: ['text', 'json'],
    implemented: true,
    notes: [
      'Shows what revoking the token would break (grouped by kind), what could not be determined and why,',
      'and the confirmation a revoke needs. Sends only reads. Exit 4 when the token does not exist.',
      'A backend that cannot preview impact gives an "unknown" preview, which counts as high severity.',
    ],
  },
  {
    name: 'revoke',
    synopsis: 'ID [ID...] [--dry-run] [--confirm ID[,ID...]] [--confirm-all N] [-o json] | --everywhere [--confirm ID] [--contexts A,B | --context-glob P]  (token on stdin)',
    summary: 'revoke tokens after their impact preview',
    positionals: ['ID'],
    positionalsWaivedBy: 'everywhere',
    variadic: true,
    options: ['dry-run', 'confirm', 'confirm-all', 'everywhere', ...FLEET_OPTIONS],
    outputs: ['text', 'json'],
    implemented: true,
    notes: [
      'Always prints the impact preview first. Never prompts: the interactive UI is the interactive path.',
      'Without --confirm equal to the token id nothing is revoked and the exit code is 3.',
      'Several ids: one combined preview first (tokens by severity, every affected machine or node once,',
      'the tokens whose revoke needs the id typed in the TUI), then each token\'s own. Nothing is revoked',
      'unless --confirm names every id (repeat it, or a comma list) or --confirm-all gives their count;',
      'otherwise exit 3. Then each token is revoked against its own preview; a token that changed since',
      'is left alone (exit 3 at the end), a failure does not stop the others (exit 1 at the end). An id',
      'that does not exist stops the whole batch before anything is revoked (exit 4).',
      'Only the token state the preview was computed from is revoked: if the token changed since',
      '(re-created with the same id, or modified), nothing is revoked and the exit code is 3.',
      'After the revoke the token is read again to verify it is gone (exit 1 if it still exists).',
      'Every attempt past the preview, refusals included, is recorded in the audit journal (tokentui audit).',
      '--everywhere: the token is read like `tokentui find` reads it (stdin or a masked prompt, never argv),',
      'found in every context (or --contexts / --context-glob), previewed where it is live, shown as one',
      'combined preview (per context, then the worst severity, machines/nodes losing access, cluster-wide',
      'warnings), and revoked only with --confirm ID, each context exactly as previewed and journaled with its',
      'context. A context that fails, changed or is read-only never stops the others; a summary table says',
      'revoked / skipped / failed / refused and why. Run it again to retry. Exit 0 all revoked, 3 refused',
      'or skipped, 4 live nowhere, 1 a context failed.',
    ],
  },
  {
    name: 'rotate',
    synopsis: 'ID [--ttl DUR] [--confirm ID] [-o json] | --abandon ID [--confirm NEW_ID] | --server-token [--confirm HOST:PORT] [--checklist] [--done N]',
    summary: 'replace a token, then revoke the old one (k3s: or rotate the server token)',
    positionals: ['ID'],
    positionalsWaivedBy: 'server-token',
    options: ['ttl', 'confirm', 'abandon', 'server-token', 'checklist', 'done'],
    outputs: ['text', 'json'],
    implemented: true,
    notes: [
      'Creates a replacement with the old token\'s description, usages, groups and create fields (a REST token\'s',
      'scope and use limit: the limit it was created with), prints it and its join',
      'command once (the secret appears only here), makes it the default where the backend has defaults,',
      'then prints the old token\'s impact preview. TTL: --ttl, else the backend\'s default (a token that',
      'never expired is replaced by one that never expires); the old token\'s remaining time is not copied.',
      'The old token is revoked only with --confirm equal to the OLD id, and only in the state previewed;',
      'otherwise the exit code is 3 and the replacement stays. Never prompts.',
      'One rotation per old token: each step is journaled in $XDG_STATE_HOME/tokentui/rotations/ (never a',
      'secret), and a rotation that stopped before its revoke (no --confirm) or was interrupted is resumed',
      'by the next `rotate ID` with the SAME replacement: no second token is created, and its secret is',
      'not shown again. Where the backend can hold it, the replacement records the id it replaces',
      '(`replaces` in list -o json). Only a rotation cut off during its create cannot resume by itself:',
      'rotate says so (exit 3) and names the next command.',
      '--abandon ID gives up the unfinished rotation of ID (both tokens stay) and prints the replacement\'s',
      'impact preview; with --confirm NEW_ID (the replacement\'s id) it revokes the replacement too, against',
      'that preview. Records create, make-default and rotate (the revoke) in the audit journal.',
      '--server-token (k3s adapter only): rotates the k3s server token through the supervisor. The old',
      'token is read from /var/lib/rancher/k3s/server/token, else from $TOKENTUI_K3S_OLD_TOKEN, else (on a',
      'terminal) from a masked prompt; never echoed or stored. The new one is generated and printed once.',
      'Prints the impact (servers, agents, etcd snapshots that will need the OLD token, unknowns) and the',
      'checklist; sends the rotation only with --confirm equal to the supervisor\'s HOST:PORT, else exit 3.',
      'Recorded in the audit journal. After a rotation its checklist is kept in the rotation journal until',
      'every item is ticked off, and printed by every later --server-token run. --checklist lists the open',
      'checklists (no backend needed); --done N ticks item N as --checklist numbers it (again: opens it).',
    ],
  },
  {
    name: 'make-default',
    synopsis: 'ID [--confirm ID] [-o json]',
    summary: 'make a token the default (where the backend has one), after a preview',
    positionals: ['ID'],
    options: ['confirm'],
    outputs: ['text', 'json'],
    implemented: true,
    notes: [
      'Prints what changes for machines that use the default (the token they join with from now on, its',
      'scope, uses left and expiry) and what stays: the old default is not revoked. Without --confirm equal',
      'to the token id nothing changes and the exit code is 3. An expired, used-up or invalid token cannot be',
      'the default (exit 2); one that already is needs nothing (exit 0). After the change the token is read',
      'back to verify it is the default. Recorded in the audit journal. Backends without a default: exit 1.',
    ],
  },
  {
    name: 'server-ttl',
    synopsis: '[DUR [--confirm NAME]] [-o json]',
    summary: 'show or change the server-wide token lifetime, where the server sets it (lxd)',
    positionals: [],
    optionalPositionals: ['DUR'],
    options: ['confirm'],
    outputs: ['text', 'json'],
    implemented: true,
    notes: [
      'For backends that set every token\'s lifetime on the server instead of per token (lxd:',
      'cluster.join_token_expiry). Without DUR, prints the setting and what it governs. With DUR (45m, 3h,',
      '1d), prints the change and makes it only with --confirm equal to the server\'s name as printed;',
      'otherwise exit 3 and nothing is sent. Tokens that exist keep their expiry; every token created',
      'afterwards, by any client, gets the new one. Every attempt past the plan, refusals included, is',
      'recorded in the audit journal (action server-ttl). Never prompts.',
    ],
  },
  {
    name: 'contexts',
    synopsis: `[-o json] | use NAME | add NAME --adapter ${adapterIds.join('|')} [...] | remove NAME`,
    summary: 'list the saved and discovered contexts; save, remove or remember one',
    positionals: [],
    optionalPositionals: ['use|add|remove', 'NAME'],
    options: ['api-key-env', 'api-key-command', 'kube-context', 'poll-interval', 'force'],
    outputs: ['table', 'json'],
    implemented: true,
    notes: [
      'Saved contexts live in $XDG_CONFIG_HOME/tokentui/config.json (mode 0600; API keys only referenced:',
      '{"env": "NAME"} or {"command": [...]}). Discovered: every KUBECONFIG file (else ~/.kube/config),',
      '/etc/rancher/k3s/k3s.yaml and /etc/kubernetes/admin.conf when readable; the remotes of lxc\'s and',
      'incus\'s client configs (lxc:REMOTE, incus:REMOTE) and local LXD/Incus sockets (lxc:local). A file',
      'that cannot be read is one warning line; the others are still listed. `contexts use NAME` remembers',
      'NAME as the current context (used when no --context, --server or --kubeconfig is given).',
      '',
      `\`contexts add NAME --adapter ${adapterIds.join('|')}\` saves a context; nothing connects. Its fields come`,
      'from the flags (here they describe the new context instead of choosing a target):',
      ...contextFlagLines(),
      '  any:          [--readonly] [--poll-interval DUR] (1s..1h, whole seconds) [--force]',
      'Only a reference to the API key is saved, never the key; a value that looks like a secret is refused.',
      '--api-key-command is split into words at spaces, without a shell: \'...\' or "..." keep spaces in',
      'one word (no escapes, no $VARIABLES, no globs); | ; & < > $ ` outside quotes are refused (wrap a',
      'pipeline as --api-key-command "sh -c \'...\'"). A kubeconfig that cannot be read, or an',
      '--api-key-env variable that is not set, is a warning: the context is saved anyway.',
      'An existing name is refused (exit 2) unless --force replaces it. Invalid flags: exit 2, nothing written.',
      '`contexts remove NAME` deletes a saved context (and forgets it as the current one); exit 4 when',
      'no saved context has that name. kubeconfig contexts are never edited.',
    ],
  },
  {
    name: 'audit',
    synopsis: '[-o json]',
    summary: 'the local audit journal',
    positionals: [],
    options: [],
    outputs: ['table', 'json'],
    implemented: true,
    notes: [
      'One record per create, make-default, revoke or rotate (successes, failures and refusals): time,',
      'operator (user@host), context, adapter, action, token id, impact summary, confirmation, outcome.',
      'Never a secret.',
      'File: $XDG_STATE_HOME/tokentui/audit.jsonl (default ~/.local/state/tokentui/audit.jsonl).',
    ],
  },
  {
    name: 'serve',
    synopsis: '[--listen HOST:PORT] [--db PATH | --database postgres://…] [--migrate-only]',
    summary: 'the reference REST token server',
    positionals: [],
    options: [
      'listen',
      'db',
      'database',
      'database-url-file',
      'migrate-only',
      'max-connections',
      'mode',
      'api-key-env',
      'reader-key-env',
      'redeem-rate',
      'allow-remote',
      'quiet',
    ],
    outputs: [],
    implemented: true,
    notes: [
      'Runs in the foreground until SIGINT, SIGTERM or SIGHUP, then closes cleanly (exit 0).',
      'Listens on 127.0.0.1:7480 unless told otherwise; beyond loopback only with --allow-remote.',
      'Without --api-key-env an admin API key is generated and printed once to stderr (not stored).',
      'Database: --db PATH (SQLite, the default), or PostgreSQL shared by replicas: --database URL without',
      'password (password from PGPASSWORD or ~/.pgpass), --database-url-file PATH, or $TOKENTUI_DATABASE_URL.',
      '--migrate-only applies the schema migrations and exits. /api/v1/ready fails while the database cannot take writes.',
      'Clients: tokentui --server URL with the key in $TOKENTUI_API_KEY. Contract: docs/rest-contract.md.',
    ],
  },
  {
    name: 'completion',
    synopsis: 'bash|zsh|fish',
    summary: 'print the shell completion script',
    positionals: ['bash|zsh|fish'],
    options: [],
    outputs: [],
    implemented: true,
    notes: [
      'Completes subcommands, flags, -o formats, adapter names, context names (--context, contexts use|remove)',
      'and the token ids of the context the command line names (impact, revoke, rotate, --confirm). At each',
      'Tab the script asks tokentui itself, so commands and flags added later complete without a new script;',
      'token ids are asked from the backend with a 1.5 s limit (nothing is offered when it does not answer).',
      '  bash: source <(tokentui completion bash)     in ~/.bashrc',
      '  zsh:  source <(tokentui completion zsh)      in ~/.zshrc, after compinit',
      '  fish: tokentui completion fish > ~/.config/fish/completions/tokentui.fish',
    ],
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return commandTable.find((command) => command.name === name);
}
