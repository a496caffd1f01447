// `tokentui contexts`: the saved contexts (config.json) and the discovered kubeconfig contexts,
// like `kubectl config get-contexts` plus the kind, server and file each one comes from. A file
// that cannot be read or parsed costs one warning line naming it; the rest is still listed.
import { resolve } from 'node:path';
import { discoverKubeContexts } from '../../kube/context-discovery.ts';
import type { KubeDiscovery } from '../../kube/context-discovery.ts';
import { definitionOf } from '../../adapters/registry.ts';
import { contextsFilePath, readSavedContexts } from '../../config/contexts-store.ts';
import type { ContextsFile, SavedContext } from '../../config/contexts-store.ts';
import type { KubeContextSummary } from '../../kube/kubeconfig.ts';
import { ExitCode, isTokenTuiError, TokenTuiError } from '../../core/errors.ts';
import { usageError } from '../args.ts';
import type { GlobalOptions } from '../args.ts';
import { cliDiscoveryOptions, cliStoreOptions, rememberCurrentContext } from '../context-selection.ts';
import { warn } from '../exit.ts';
import type { CliEnv } from '../io.ts';
import { formatTable, writeJson } from '../output.ts';
import type { CommandContext, CommandRun } from './command-run.ts';
import { addContext, rejectAddOnlyOptions, removeContext } from './contexts-edit.ts';

export const CONTEXT_TABLE_HEADERS = ['CURRENT', 'NAME', 'KIND', 'ADAPTER', 'SERVER', 'AS', 'READONLY', 'SOURCE'] as const;

export interface ListedContext {
  readonly name: string;
  readonly kind: 'saved' | 'discovered';
  /** Discovered contexts: null, the adapter (kubeadm or k3s) is detected when connecting. */
  readonly adapter: string | null;
  readonly server: string | null;
  /** The kubeconfig user's `as:` (impersonation); absent when it acts as itself. */
  readonly actingAs?: string;
  readonly readonly: boolean;
  readonly current: boolean;
  readonly sourceFile: string;
  readonly saved?: SavedContext;
  readonly kube?: KubeContextSummary;
}

function discover(globals: GlobalOptions, env: CliEnv, cwd: string): KubeDiscovery {
  // --kubeconfig narrows discovery to that one file, as it narrows kubectl.
  if (globals.kubeconfig !== undefined) return discoverKubeContexts({ ...env, KUBECONFIG: resolve(cwd, globals.kubeconfig) }, { systemKubeconfigs: [] });
  return discoverKubeContexts(env, cliDiscoveryOptions(env));
}

async function readSaved(env: CliEnv, problems: string[]): Promise<ContextsFile> {
  try {
    return await readSavedContexts(cliStoreOptions(env));
  } catch (error) {
    if (!isTokenTuiError(error)) throw error;
    problems.push(error.message);
    return { contexts: [] };
  }
}

/** The identity a saved context acts as (its kubeconfig user's `as:`), when its target kind can tell. */
function actingAsOf(context: SavedContext, discovered: KubeDiscovery['contexts']): { actingAs?: string } {
  const actingAs = definitionOf(context.adapter).target.savedActingAs?.(context, discovered);
  return actingAs === undefined ? {} : { actingAs };
}

/** Saved first (they win a name clash when selecting), then discovered; one current marker at most. */
export function listContexts(saved: ContextsFile, savedFile: string, discovery: KubeDiscovery): ListedContext[] {
  const currentName = saved.currentContext ?? discovery.contexts.find((context) => context.current)?.name;
  let currentTaken = false;
  const isCurrent = (name: string) => {
    const current = !currentTaken && name === currentName;
    currentTaken ||= current;
    return current;
  };
  const savedRows = [...saved.contexts]
    .sort((left, right) => left.name.localeCompare(right.name))
    .map((context): ListedContext => ({
      name: context.name,
      kind: 'saved',
      adapter: context.adapter,
      server: definitionOf(context.adapter).target.savedServer(context, discovery.contexts),
      ...actingAsOf(context, discovery.contexts),
      readonly: context.readonly === true,
      current: isCurrent(context.name),
      sourceFile: savedFile,
      saved: context,
    }));
  const discoveredRows = discovery.contexts.map((context): ListedContext => ({
    name: context.name,
    kind: 'discovered',
    adapter: null,
    server: context.server ?? null,
    ...(context.actingAs === undefined ? {} : { actingAs: context.actingAs }),
    readonly: false,
    current: isCurrent(context.name),
    sourceFile: context.sourceFile,
    kube: context,
  }));
  return [...savedRows, ...discoveredRows];
}

/** What `tokentui contexts` lists, without its warnings (shell completion: a Tab prints no problems). */
export async function listContextsQuietly(globals: GlobalOptions, env: CliEnv, cwd: string): Promise<ListedContext[]> {
  return listContexts(await readSaved(env, []), contextsFilePath(cliStoreOptions(env)), discover(globals, env, cwd));
}

function contextRow(context: ListedContext): readonly string[] {
  return [
    context.current ? '*' : '',
    context.name,
    context.kind,
    context.adapter ?? 'auto',
    context.server ?? '<none>',
    context.actingAs ?? '',
    context.readonly ? 'yes' : '',
    context.sourceFile,
  ];
}

function contextJson({ saved, kube, ...listed }: ListedContext) {
  // The saved context's own fields (an API key's reference only, never the key: config.json holds no key).
  const { name: _name, adapter: _adapter, readonly: _readonly, pollIntervalSeconds, ...fields } = saved ?? { name: '', adapter: '' };
  const savedFields = saved === undefined ? {} : { ...fields, ...(pollIntervalSeconds === undefined ? {} : { pollIntervalSeconds }) };
  const kubeFields = kube === undefined ? {} : { cluster: kube.cluster, user: kube.user, ...(kube.namespace === undefined ? {} : { namespace: kube.namespace }) };
  return { ...listed, ...savedFields, ...kubeFields };
}

/** `contexts use NAME`: remembers a context that exists (saved or discovered) as the current one. */
async function useContext(positionals: readonly string[], contexts: readonly ListedContext[], io: CommandContext['io']): Promise<number> {
  const [verb, name] = positionals;
  if (verb !== 'use' || name === undefined) {
    throw usageError(`\`tokentui contexts\` takes \`use NAME\`, \`add NAME ...\` or \`remove NAME\`, not '${positionals.join(' ')}'`, "run 'tokentui contexts --help'");
  }
  if (!contexts.some((context) => context.name === name)) {
    throw new TokenTuiError('not-found', `context "${name}" is neither saved nor in a kubeconfig`, { hint: "run 'tokentui contexts' to see them" });
  }
  await rememberCurrentContext(name, io.env);
  io.stdout.write(`current context: ${name}\n`);
  return ExitCode.ok;
}

export const runContexts: CommandRun = async (command) => {
  const { invocation, io } = command;
  const [verb] = invocation.positionals;
  if (verb === 'add') return addContext(command);
  if (verb === 'remove') return removeContext(command);
  rejectAddOnlyOptions(invocation.options);
  const problems: string[] = [];
  const saved = await readSaved(io.env, problems);
  const discovery = discover(invocation.globals, io.env, io.cwd);
  for (const problem of [...problems, ...discovery.problems]) warn(io.stderr, problem);
  const contexts = listContexts(saved, contextsFilePath(cliStoreOptions(io.env)), discovery);
  if (invocation.positionals.length > 0) return useContext(invocation.positionals, contexts, io);
  if (invocation.output === 'json') writeJson(io.stdout, contexts.map(contextJson));
  else io.stdout.write(formatTable(CONTEXT_TABLE_HEADERS, contexts.map(contextRow)));
  return ExitCode.ok;
};
