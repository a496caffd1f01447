// The rest adapter's target kind: a token service's base URL and its API key. The command line
// names it with --server URL (the key in $TOKENTUI_API_KEY); a saved context holds the URL and
// only a reference to the key (an environment variable, or a command that prints it, run without
// a shell like kubectl's exec plugins), never the key itself.
import { TokenTuiError, usageError } from '../../core/errors.ts';
import { nodeChildProcess } from '../../kube/node-builtins.ts';
import type { ContextFlags, Environment, SavedContext, TargetKind } from '../definition.ts';
import { splitCommandWords } from './command-words.ts';

export const API_KEY_VARIABLE = 'TOKENTUI_API_KEY';
export const API_KEY_COMMAND_TIMEOUT_MS = 10_000;

export interface ServiceTarget {
  /** The context name shown in the header and the audit journal. */
  readonly context: string;
  /** Base URL without a trailing slash. */
  readonly server: string;
  readonly apiKey: string;
}

export type ApiKeyReference = { readonly env: string } | { readonly command: readonly string[] };

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const EXAMPLE = 'e.g. tokentui contexts add lab --adapter rest --server https://tokens.lab.example --api-key-env LAB_TOKENS_API_KEY';

function serverFlag(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`--server "${value}" is not a URL (e.g. --server https://tokens.example.com)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usageError(`--server "${value}" is not an http(s) URL`);
  return value.replace(/\/+$/, '');
}

function apiKeyFrom(name: string, reference: ApiKeyReference, env: Environment): string {
  if ('env' in reference) {
    const value = env[reference.env];
    if (value === undefined || value === '') throw usageError(`context "${name}": the API key variable ${reference.env} is not set`, `export ${reference.env}=<key>`);
    return value;
  }
  const [command = '', ...args] = reference.command;
  try {
    const key = nodeChildProcess().execFileSync(command, args, { encoding: 'utf8', timeout: API_KEY_COMMAND_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'ignore'], env: { ...env } }).trim();
    if (key !== '') return key;
  } catch (error) {
    // Only the command's name and status: its output may be (part of) the key.
    const status = (error as { status?: number | null }).status;
    throw new TokenTuiError('unauthorized', `context "${name}": the API key command ${command} failed${typeof status === 'number' ? ` (exit ${status})` : ''}`);
  }
  throw new TokenTuiError('unauthorized', `context "${name}": the API key command ${command} printed nothing`);
}

/** `contexts add`: where the key is, from --api-key-env or --api-key-command; warns when the variable is not set here. */
function apiKeyReference(flags: ContextFlags, env: Environment, warnings: string[]): ApiKeyReference {
  const variables = flags.apiKeyEnv ?? [];
  if (variables.length > 0 && flags.apiKeyCommand !== undefined) {
    throw usageError('--api-key-env and --api-key-command are alternatives; give one', 'keep the one that says where the API key is');
  }
  if (flags.apiKeyCommand !== undefined) {
    const split = splitCommandWords(flags.apiKeyCommand);
    if (!split.ok) throw usageError(`--api-key-command: ${split.problem}`, "quote it as one argument, e.g. --api-key-command 'pass show tokens/lab', or \"sh -c '...'\" for a pipeline");
    return { command: split.words };
  }
  const [variable, ...more] = variables;
  if (variable === undefined) {
    throw usageError('a rest context needs --api-key-env VAR or --api-key-command \'CMD ARGS\' (where its API key is)', `the key itself is never saved; ${EXAMPLE}`);
  }
  if (more.length > 0) throw usageError('--api-key-env takes one variable for a context', 'give --api-key-env once');
  if (!VARIABLE_NAME.test(variable)) throw usageError(`--api-key-env "${variable}" is not a variable name (letters, digits and _, not starting with a digit)`, 'e.g. --api-key-env LAB_TOKENS_API_KEY');
  if (env[variable] === undefined || env[variable] === '') warnings.push(`${variable} is not set in this shell; export it before using this context`);
  return { env: variable };
}

function contextServer(server: string | undefined): string {
  if (server === undefined) throw usageError('a rest context needs --server URL (the token service\'s base URL)', `add --server https://...; ${EXAMPLE}`);
  const protocol = URL.canParse(server) ? new URL(server).protocol : undefined;
  if (protocol !== 'http:' && protocol !== 'https:') throw usageError(`--server "${server}" is not an http(s) URL`, 'e.g. --server https://tokens.lab.example:7480');
  return server;
}

const nonEmpty = { type: 'string', minLength: 1 } as const;

export const serviceTarget: TargetKind<ServiceTarget> = {
  flags: ['server'],
  contextFlags: ['server', 'api-key-env', 'api-key-command'],
  contextFlagsHelp: ["--server URL and --api-key-env VAR or --api-key-command 'CMD ARGS'"],
  claims: (flags) => flags.server !== undefined,
  fromFlags(flags, where, _names, adapter) {
    if (flags.server === undefined) throw usageError(`the ${adapter} adapter needs --server URL`);
    if (flags.context !== undefined) throw usageError('--context selects a kubeconfig context; it cannot be combined with --server');
    const server = serverFlag(flags.server);
    const apiKey = where.env[API_KEY_VARIABLE];
    if (apiKey === undefined || apiKey === '') {
      throw usageError(`--server needs an API key in the ${API_KEY_VARIABLE} environment variable`, `export ${API_KEY_VARIABLE}=<key> (tokentui serve prints one when it generates it)`);
    }
    // No context names this target: the URL does, in the header and in the audit journal.
    return { context: server, server, apiKey };
  },
  savedContext: {
    properties: {
      server: { type: 'string', pattern: '^https?://' },
      apiKey: {
        oneOf: [
          { type: 'object', additionalProperties: false, required: ['env'], properties: { env: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } } },
          { type: 'object', additionalProperties: false, required: ['command'], properties: { command: { type: 'array', minItems: 1, items: nonEmpty } } },
        ],
      },
    },
    required: { server: 'server', apiKey: 'apiKey {"env": "NAME"} or {"command": [...]}' },
  },
  fromSaved(context, where) {
    // The saved-context check guarantees both fields (config.json is validated on every read).
    const server = String(context['server'] ?? '').replace(/\/+$/, '');
    return { context: context.name, server, apiKey: apiKeyFrom(context.name, (context['apiKey'] ?? { env: '' }) as ApiKeyReference, where.env) };
  },
  contextFields(flags, where, names, adapter, warnings) {
    const kubeFlag = flags.kubeconfig !== undefined ? '--kubeconfig' : flags.kubeContext !== undefined ? '--kube-context' : undefined;
    if (kubeFlag !== undefined) {
      throw usageError(`${kubeFlag} is for ${names.ownersOfFlag(kubeFlag.slice(2))} contexts, not ${adapter}`, `drop ${kubeFlag}; a ${adapter} context needs --server URL and --api-key-env VAR`);
    }
    return { server: contextServer(flags.server), apiKey: apiKeyReference(flags, where.env, warnings) };
  },
  savedServer: (context: SavedContext) => (typeof context['server'] === 'string' ? context['server'] : null),
};
