// `contexts add NAME`: the flags as one SavedContext. Every mistake is refused here (exit 2, naming
// the flag and the fix) before config.json is opened, so a refusal writes nothing; what may be
// fine later (a kubeconfig not created yet, a variable not exported in this shell) comes back as
// warnings. The global --adapter, --server, --kubeconfig and --readonly describe the new context
// here: `contexts` never opens a target (main.ts commandsWithoutTarget).
import type { SavedContext } from '../../adapters/definition.ts';
import { adapterIds, adapterNames, definitionOf, joinNames } from '../../adapters/registry.ts';
import { savedContextProblem } from '../../config/contexts-store.ts';
import { looksLikeSecret } from '../../config/secret-shape.ts';
import { parseDuration, SECONDS_PER_HOUR } from '../../core/duration.ts';
import { usageError } from '../args.ts';
import type { CommandOptions, GlobalOptions } from '../args.ts';
import type { CliEnv } from '../io.ts';

export const MAX_POLL_INTERVAL_SECONDS = SECONDS_PER_HOUR;

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

export function contextFromFlags(request: AddContextRequest): ContextFromFlags {
  const { name, globals, options } = request;
  rejectContradictions(request);
  refuseSecrets(request);
  if (name.trim() === '') throw usageError('NAME must not be empty', EXAMPLE);
  const adapter = globals.adapter;
  if (adapter === undefined) throw usageError(`\`tokentui contexts add\` needs --adapter ${joinNames(adapterIds, 'or')}`, EXAMPLE);
  const warnings: string[] = [];
  const flags = { server: globals.server, kubeconfig: globals.kubeconfig, kubeContext: options.kubeContext, apiKeyEnv: options.apiKeyEnv, apiKeyCommand: options.apiKeyCommand };
  const fields = definitionOf(adapter).target.contextFields(flags, { env: request.env, cwd: request.cwd }, adapterNames, adapter, warnings);
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
