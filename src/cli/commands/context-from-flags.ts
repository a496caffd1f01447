// `contexts add NAME`: the flags as one SavedContext. Every mistake is refused here (exit 2, naming
// the flag and the fix) before config.json is opened, so a refusal writes nothing; what may be
// fine later (a kubeconfig not created yet, a variable not exported in this shell) comes back as
// warnings. The global --adapter, --server, --kubeconfig and --readonly describe the new context
// here: `contexts` never opens a target (main.ts commandsWithoutTarget).
import { accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import type { ApiKeyReference, SavedContext } from '../../config/contexts-store.ts';
import { savedContextProblem } from '../../config/contexts-store.ts';
import { looksLikeSecret } from '../../config/secret-shape.ts';
import { parseDuration, SECONDS_PER_HOUR } from '../../core/duration.ts';
import { usageError } from '../args.ts';
import type { CommandOptions, GlobalOptions } from '../args.ts';
import type { CliEnv } from '../io.ts';
import { splitCommandWords } from './command-words.ts';

export const MAX_POLL_INTERVAL_SECONDS = SECONDS_PER_HOUR;

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const EXAMPLE = 'e.g. tokentui contexts add lab --adapter rest --server https://tokens.lab.example --api-key-env LAB_TOKENS_API_KEY';

export interface AddContextRequest {
  readonly name: string;
  readonly globals: GlobalOptions;
  readonly options: CommandOptions;
  readonly env: CliEnv;
  readonly cwd: string;
}

export interface ContextFromFlags {
  readonly context: SavedContext;
  readonly warnings: readonly string[];
}

/** Refuses a pasted credential without echoing it: the message names the flag, never the value. */
function refuseSecret(flag: string, value: string | undefined, hint: string): void {
  if (value !== undefined && looksLikeSecret(value)) {
    throw usageError(`${flag} looks like a secret; config.json only records where a key is, never a key, so nothing was saved`, hint);
  }
}

function refuseSecrets({ name, globals, options }: AddContextRequest): void {
  refuseSecret('NAME', name, 'pick a plain name, e.g. lab-tokens');
  refuseSecret('--server', globals.server, 'save the bare URL (no user:password@, no key in the query) and reference the key with --api-key-env VAR');
  refuseSecret('--kubeconfig', globals.kubeconfig, 'pass the path of the kubeconfig file');
  refuseSecret('--kube-context', options.kubeContext, 'pass the name of a context in the kubeconfig');
  for (const variable of options.apiKeyEnv ?? []) {
    refuseSecret('--api-key-env', variable, 'pass the NAME of the variable holding the key, e.g. --api-key-env LAB_TOKENS_API_KEY, and export LAB_TOKENS_API_KEY=<key> in your shell');
  }
  refuseSecret('--api-key-command', options.apiKeyCommand, "pass a command that prints the key, e.g. --api-key-command 'pass show tokens/lab'");
}

function rejectContradictions({ globals }: AddContextRequest): void {
  if (globals.context !== undefined) throw usageError("--context chooses a context to use; the new context's name is the NAME after `add`", `drop --context; ${EXAMPLE}`);
  if (globals.demo) throw usageError('--demo cannot be saved as a context', 'drop --demo; tokentui --demo opens the demo backend');
}

function restServer(server: string | undefined): string {
  if (server === undefined) throw usageError('a rest context needs --server URL (the token service\'s base URL)', `add --server https://...; ${EXAMPLE}`);
  const protocol = URL.canParse(server) ? new URL(server).protocol : undefined;
  if (protocol !== 'http:' && protocol !== 'https:') throw usageError(`--server "${server}" is not an http(s) URL`, 'e.g. --server https://tokens.lab.example:7480');
  return server;
}

function apiKeyReference({ options, env }: AddContextRequest, warnings: string[]): ApiKeyReference {
  const variables = options.apiKeyEnv ?? [];
  if (variables.length > 0 && options.apiKeyCommand !== undefined) {
    throw usageError('--api-key-env and --api-key-command are alternatives; give one', 'keep the one that says where the API key is');
  }
  if (options.apiKeyCommand !== undefined) {
    const split = splitCommandWords(options.apiKeyCommand);
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

function kubeconfigPath({ globals, env, cwd }: AddContextRequest, warnings: string[]): string | undefined {
  const path = globals.kubeconfig;
  if (path === undefined) return undefined;
  // ~/ is kept (expanded when used, so config.json survives a new HOME); relative means relative to here.
  const saved = path.startsWith('~/') ? path : resolve(cwd, path);
  const onDisk = saved.startsWith('~/') && env.HOME !== undefined ? resolve(env.HOME, saved.slice(2)) : saved;
  try {
    accessSync(onDisk, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    warnings.push(`kubeconfig ${onDisk} cannot be read (${code}); saved anyway, it is needed when the context is used`);
  }
  return saved;
}

function pollIntervalSeconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseDuration(text);
  const seconds = parsed.ok ? parsed.seconds : undefined;
  if (!parsed.ok || seconds === null || seconds === undefined || seconds > MAX_POLL_INTERVAL_SECONDS) {
    const why = parsed.ok ? 'it must be between 1s and 1h' : parsed.error;
    throw usageError(`--poll-interval: ${why}`, 'e.g. --poll-interval 10s (1s to 1h)');
  }
  return seconds;
}

function kubeFields(request: AddContextRequest, adapter: 'kubeadm' | 'k3s', warnings: string[]): Partial<SavedContext> {
  const { globals, options } = request;
  if (globals.server !== undefined) throw usageError(`--server is for rest contexts; a ${adapter} context reaches the apiserver its kubeconfig names`, 'drop --server; use --kubeconfig PATH and --kube-context CTX');
  const keyFlag = options.apiKeyEnv !== undefined ? '--api-key-env' : options.apiKeyCommand !== undefined ? '--api-key-command' : undefined;
  if (keyFlag !== undefined) throw usageError(`${keyFlag} is for rest contexts; a ${adapter} context uses its kubeconfig's credentials`, `drop ${keyFlag}`);
  const kubeconfig = kubeconfigPath(request, warnings);
  return { ...(kubeconfig === undefined ? {} : { kubeconfig }), ...(options.kubeContext === undefined ? {} : { kubeContext: options.kubeContext }) };
}

function restFields(request: AddContextRequest, warnings: string[]): Partial<SavedContext> {
  const { globals, options } = request;
  const kubeFlag = globals.kubeconfig !== undefined ? '--kubeconfig' : options.kubeContext !== undefined ? '--kube-context' : undefined;
  if (kubeFlag !== undefined) throw usageError(`${kubeFlag} is for kubeadm and k3s contexts, not rest`, `drop ${kubeFlag}; a rest context needs --server URL and --api-key-env VAR`);
  return { server: restServer(globals.server), apiKey: apiKeyReference(request, warnings) };
}

export function contextFromFlags(request: AddContextRequest): ContextFromFlags {
  const { name, globals, options } = request;
  rejectContradictions(request);
  refuseSecrets(request);
  if (name.trim() === '') throw usageError('NAME must not be empty', EXAMPLE);
  const adapter = globals.adapter;
  if (adapter === undefined) throw usageError('`tokentui contexts add` needs --adapter kubeadm, k3s or rest', EXAMPLE);
  const warnings: string[] = [];
  const fields = adapter === 'rest' ? restFields(request, warnings) : kubeFields(request, adapter, warnings);
  const pollInterval = pollIntervalSeconds(options.pollInterval);
  const context: SavedContext = {
    name,
    adapter,
    ...fields,
    ...(globals.readonly ? { readonly: true } : {}),
    ...(pollInterval === undefined ? {} : { pollIntervalSeconds: pollInterval }),
  };
  // The store's own rules (it refuses these again on save); here first, so a refusal writes nothing.
  const problem = savedContextProblem(context);
  if (problem !== null) throw usageError(problem, EXAMPLE);
  return { context, warnings };
}
