// `--context NAME` (or the remembered currentContext when no flag names a target): a saved
// context first (config.json), then a discovered one (a kubeconfig's, including those of files
// another KUBECONFIG entry cannot spoil: a broken file only costs `tokentui contexts` a line).
// Anything else falls through to target.ts's resolution of the flags and its messages.
import type { TargetEnvironment } from '../adapters/definition.ts';
import { discoveryOptions } from '../adapters/kubeconfig-target.ts';
import { targetFromDiscovered, targetFromSaved, type ResolvedTarget } from '../adapters/targets.ts';
import { contextsFilePath, openContextsStore, readSavedContexts, savedContextProblem, type ContextsStoreOptions, type SavedContext } from '../config/contexts-store.ts';
import type { DiscoveryOptions } from '../kube/context-discovery.ts';
import { usageError } from './args.ts';
import type { GlobalOptions } from './args.ts';
import type { CliEnv } from './io.ts';

/** config.json's location for this environment (HOME from env, as the journals do). */
export function cliStoreOptions(env: CliEnv): ContextsStoreOptions {
  return { env, ...(env.HOME ? { home: env.HOME } : {}) };
}

/** Remembers NAME as config.json's currentContext (`contexts use`, `:ctx NAME`). */
export async function rememberCurrentContext(name: string, env: CliEnv): Promise<void> {
  (await openContextsStore(cliStoreOptions(env))).setCurrentContext(name);
}

/** Where discovery looks for control-plane kubeconfigs in this environment ($TOKENTUI_SYSTEM_KUBECONFIGS). */
export function cliDiscoveryOptions(env: CliEnv): DiscoveryOptions {
  return discoveryOptions(env);
}

/** The context name the flags (or the remembered choice) ask for; none when a flag names the target itself. */
interface Requested {
  readonly name: string;
  readonly saved?: SavedContext;
}

async function requestedContext(globals: GlobalOptions, env: CliEnv): Promise<Requested | undefined> {
  if (globals.demo || globals.server !== undefined || globals.kubeconfig !== undefined) return undefined;
  const file = await readSavedContexts(cliStoreOptions(env));
  const name = globals.context ?? file.currentContext;
  return name === undefined ? undefined : { name, saved: file.contexts.find((context) => context.name === name) };
}

/** Global --readonly, or the read-only flag of the saved context that will be used. */
export async function withContextReadonly(globals: GlobalOptions, env: CliEnv): Promise<GlobalOptions> {
  if (globals.readonly) return globals;
  return (await requestedContext(globals, env))?.saved?.readonly === true ? { ...globals, readonly: true } : globals;
}

/**
 * The poll interval of the saved context that will be used, in ms (config.json holds seconds);
 * undefined when none is set, and the UI's default applies. Only adapters without a watch poll.
 */
export async function contextPollIntervalMs(globals: GlobalOptions, env: CliEnv): Promise<number | undefined> {
  const seconds = (await requestedContext(globals, env))?.saved?.pollIntervalSeconds;
  return seconds === undefined ? undefined : seconds * 1_000;
}

/** A saved context's target, refusing a broken one or one --adapter contradicts (exit 2). */
export function savedTarget(context: SavedContext, globals: GlobalOptions, where: TargetEnvironment): ResolvedTarget {
  const configFile = contextsFilePath(cliStoreOptions(where.env));
  const problem = savedContextProblem(context);
  if (problem !== null) throw usageError(problem, `edit ${configFile}`);
  if (globals.adapter !== undefined && globals.adapter !== context.adapter) {
    throw usageError(`--adapter ${globals.adapter} contradicts saved context "${context.name}" (adapter ${context.adapter})`);
  }
  return targetFromSaved(context, { ...where, configFile });
}

export interface ContextTarget {
  readonly resolved: ResolvedTarget;
  /**
   * A saved context's name, for the adapter's target: its kubeconfig context may be named otherwise
   * (saved "lab" on kubeconfig context "beta"), and the header, audit records and rotation journal
   * say "lab" whether the TUI started on it or `:ctx lab` switched to it.
   */
  readonly savedName?: string;
}

/** The target of a saved or discovered context, or undefined to let target.ts resolve the flags. */
export async function selectContextTarget(globals: GlobalOptions, env: CliEnv, cwd: string): Promise<ContextTarget | undefined> {
  const requested = await requestedContext(globals, env);
  if (requested === undefined) return undefined;
  const { name, saved } = requested;
  if (saved !== undefined) return { resolved: savedTarget(saved, globals, { env, cwd }), savedName: saved.name };
  const discovered = targetFromDiscovered(name, globals.adapter, { env, cwd });
  return discovered === undefined ? undefined : { resolved: discovered };
}
