// `tokentui contexts`: the saved contexts (config.json) and the contexts every target kind finds
// without setup (kubeconfig contexts, lxc/incus remotes and local sockets, ...), like `kubectl
// config get-contexts` plus the kind, server and file each one comes from. A file that cannot be
// read or parsed costs one warning line naming it; the rest is still listed.
import type { AdapterId } from '../../adapters/contract.ts';
import type { DiscoveredContext, Discovery, TargetFlags, TargetKind } from '../../adapters/definition.ts';
import { adapterDefinitions, definitionOf } from '../../adapters/registry.ts';
import { contextsFilePath, readSavedContexts } from '../../config/contexts-store.ts';
import type { ContextsFile, SavedContext } from '../../config/contexts-store.ts';
import { ExitCode, isTokenTuiError, TokenTuiError } from '../../core/errors.ts';
import { usageError } from '../args.ts';
import type { GlobalOptions } from '../args.ts';
import { cliStoreOptions, rememberCurrentContext } from '../context-selection.ts';
import { warn } from '../exit.ts';
import type { CliEnv } from '../io.ts';
import type { ItemsView } from '../render/items-view.ts';
import { writeItems } from '../render/write-items.ts';
import type { CommandContext, CommandRun } from './command-run.ts';
import { addContext, rejectAddOnlyOptions, removeContext } from './contexts-edit.ts';
import { byCodeUnits } from '../../core/code-unit-order.ts';

export const CONTEXT_TABLE_HEADERS = ['CURRENT', 'NAME', 'KIND', 'ADAPTER', 'SERVER', 'AS', 'READONLY', 'SOURCE'] as const;

export interface ListedContext {
  readonly name: string;
  readonly kind: 'saved' | 'discovered';
  /** Discovered contexts of a kind several adapters share (kubeconfigs): null, detected when connecting. */
  readonly adapter: string | null;
  readonly server: string | null;
  /** The kubeconfig user's `as:` (impersonation); absent when it acts as itself. */
  readonly actingAs?: string;
  readonly readonly: boolean;
  readonly current: boolean;
  readonly sourceFile: string;
  readonly saved?: SavedContext;
  /** A discovered context's own facts (a kubeconfig's cluster and user). */
  readonly details?: Readonly<Record<string, string | boolean>>;
}

/** A discovered context and the adapter it belongs to (null: several share its kind). */
type Found = DiscoveredContext & { readonly adapter: AdapterId | null };

interface Discovered {
  readonly contexts: readonly Found[];
  readonly problems: readonly string[];
}

/** The one adapter of a target kind, or null when several share it (detection picks one). */
function onlyAdapterOf(kind: TargetKind<unknown>): AdapterId | null {
  const ids = adapterDefinitions.filter((definition) => definition.target === kind).map((definition) => definition.id);
  return ids.length === 1 ? (ids[0] ?? null) : null;
}

/** Every target kind's contexts, in registry order; a name found twice is listed the first time (as --context resolves it). */
function discover(globals: GlobalOptions, env: CliEnv, cwd: string): Discovered {
  const flags: TargetFlags = { kubeconfig: globals.kubeconfig };
  const kinds = [...new Set(adapterDefinitions.map((definition) => definition.target))];
  // --kubeconfig narrows the listing to that one file, as it narrows kubectl: other kinds are not asked.
  const asked = globals.kubeconfig === undefined ? kinds : kinds.filter((kind) => kind.flags.includes('kubeconfig'));
  const contexts: Found[] = [];
  const problems: string[] = [];
  for (const kind of asked) {
    const found: Discovery | undefined = kind.discover?.({ env, cwd }, flags);
    if (found === undefined) continue;
    problems.push(...found.problems);
    const adapter = onlyAdapterOf(kind);
    for (const context of found.contexts) if (!contexts.some((listed) => listed.name === context.name)) contexts.push({ ...context, adapter });
  }
  return { contexts, problems };
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
function actingAsOf(context: SavedContext, discovered: readonly DiscoveredContext[]): { actingAs?: string } {
  const actingAs = definitionOf(context.adapter).target.savedActingAs?.(context, discovered);
  return actingAs === undefined ? {} : { actingAs };
}

/** Saved first (they win a name clash when selecting), then discovered; one current marker at most. */
export function listContexts(saved: ContextsFile, savedFile: string, discovery: Discovered): ListedContext[] {
  const currentName = saved.currentContext ?? discovery.contexts.find((context) => context.current)?.name;
  let currentTaken = false;
  const isCurrent = (name: string) => {
    const current = !currentTaken && name === currentName;
    currentTaken ||= current;
    return current;
  };
  const savedRows = [...saved.contexts]
    .sort((left, right) => byCodeUnits(left.name, right.name))
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
    adapter: context.adapter,
    server: context.server ?? null,
    ...(context.actingAs === undefined ? {} : { actingAs: context.actingAs }),
    readonly: false,
    current: isCurrent(context.name),
    sourceFile: context.sourceFile ?? '',
    ...(context.details === undefined ? {} : { details: context.details }),
  }));
  return [...savedRows, ...discoveredRows];
}

/** What `tokentui contexts` lists, and the files it could not read ("kubeconfig PATH: ...", one line each). */
export async function listContextsAndProblems(globals: GlobalOptions, env: CliEnv, cwd: string): Promise<{ contexts: ListedContext[]; problems: string[] }> {
  const problems: string[] = [];
  const saved = await readSaved(env, problems);
  const discovery = discover(globals, env, cwd);
  return { contexts: listContexts(saved, contextsFilePath(cliStoreOptions(env)), discovery), problems: [...problems, ...discovery.problems] };
}

/** What `tokentui contexts` lists, without its warnings (shell completion: a Tab prints no problems). */
export async function listContextsQuietly(globals: GlobalOptions, env: CliEnv, cwd: string): Promise<ListedContext[]> {
  return (await listContextsAndProblems(globals, env, cwd)).contexts;
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

function contextJson({ saved, details, ...listed }: ListedContext) {
  // The saved context's own fields (an API key's reference only, never the key: config.json holds no key).
  const { name: _name, adapter: _adapter, readonly: _readonly, pollIntervalSeconds, ...fields } = saved ?? { name: '', adapter: '' };
  const savedFields = saved === undefined ? {} : { ...fields, ...(pollIntervalSeconds === undefined ? {} : { pollIntervalSeconds }) };
  // A discovered context's facts sit beside the listed fields but never replace one.
  const ownDetails = Object.fromEntries(Object.entries(details ?? {}).filter(([key]) => !Object.hasOwn(listed, key)));
  return { ...listed, ...savedFields, ...ownDetails };
}

const CONTEXT_FIELDS = ['name', 'kind', 'adapter', 'server', 'actingAs', 'readonly', 'current', 'sourceFile'];

/** The contexts in every -o format; -o name prints context/NAME. */
function contextsView(contexts: readonly ListedContext[]): ItemsView<ListedContext> {
  return {
    items: contexts,
    columns: CONTEXT_TABLE_HEADERS.map((header, index) => ({ header, cell: (context) => contextRow(context)[index] ?? '' })),
    wideColumns: [],
    toJson: contextJson,
    nameOf: (context) => `context/${context.name}`,
    fields: CONTEXT_FIELDS,
  };
}

/** `contexts use NAME`: remembers a context that exists (saved or discovered) as the current one. */
async function useContext(positionals: readonly string[], contexts: readonly ListedContext[], io: CommandContext['io']): Promise<number> {
  const [verb, name] = positionals;
  if (verb !== 'use' || name === undefined) {
    throw usageError(`\`tokentui contexts\` takes \`use NAME\`, \`add NAME ...\` or \`remove NAME\`, not '${positionals.join(' ')}'`, "run 'tokentui contexts --help'");
  }
  if (!contexts.some((context) => context.name === name)) {
    throw new TokenTuiError('not-found', `context "${name}" is neither saved nor discovered`, { hint: "run 'tokentui contexts' to see them" });
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
  const { contexts, problems } = await listContextsAndProblems(invocation.globals, io.env, io.cwd);
  for (const problem of problems) warn(io.stderr, problem);
  if (invocation.positionals.length > 0) return useContext(invocation.positionals, contexts, io);
  await writeItems(contextsView(contexts), invocation, io.stdout);
  return ExitCode.ok;
};
