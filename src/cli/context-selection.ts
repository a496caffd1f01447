// `--context NAME` (or the remembered currentContext when no flag names a target): a saved
// context first (config.json), then a discovered kubeconfig context, including those of files
// another KUBECONFIG entry cannot spoil (a broken file only costs `tokentui contexts` a line).
// Anything else falls through to target.ts's plain kubeconfig resolution and its messages.
import { delimiter, dirname, resolve } from 'node:path';
import { flavourFromKubeconfig } from '../adapters/k3s/detect.ts';
import type { AdapterSettings } from '../adapters/registry.ts';
import { TokenTuiError } from '../core/errors.ts';
import { discoverKubeContexts, findKubeconfigSource } from '../config/context-discovery.ts';
import type { DiscoveryOptions } from '../config/context-discovery.ts';
import { contextsFilePath, readSavedContexts, savedContextProblem } from '../config/contexts-store.ts';
import type { ApiKeyReference, ContextsStoreOptions, SavedContext } from '../config/contexts-store.ts';
import { loadKubeconfigFor, resolveKubeConnection } from '../config/kubeconfig.ts';
import { nodeChildProcess } from '../kube/node-builtins.ts';
import { usageError } from './args.ts';
import type { GlobalOptions } from './args.ts';
import type { CliEnv } from './io.ts';

export const API_KEY_COMMAND_TIMEOUT_MS = 10_000;

/** Where to look for control-plane kubeconfigs instead of SYSTEM_KUBECONFIGS (path list; empty = nowhere). */
export const SYSTEM_KUBECONFIGS_VARIABLE = 'TOKENTUI_SYSTEM_KUBECONFIGS';

export interface SelectionOptions extends DiscoveryOptions {
  readonly store?: ContextsStoreOptions;
}

/** config.json's location for this environment (HOME from env, as the journals do). */
export function cliStoreOptions(env: CliEnv, options: SelectionOptions = {}): ContextsStoreOptions {
  return { env, ...(env.HOME ? { home: env.HOME } : {}), ...options.store };
}

export function cliDiscoveryOptions(env: CliEnv, options: SelectionOptions = {}): DiscoveryOptions {
  const listed = env[SYSTEM_KUBECONFIGS_VARIABLE];
  if (options.systemKubeconfigs !== undefined || listed === undefined) return options;
  return { systemKubeconfigs: listed.split(delimiter).filter((path) => path !== '') };
}

/** The context name the flags (or the remembered choice) ask for; none when a flag names the target itself. */
interface Requested {
  readonly name: string;
  readonly saved?: SavedContext;
}

/** The context the flags (or the remembered choice) ask for; none when a flag names the target itself. */
async function requestedContext(globals: GlobalOptions, env: CliEnv, options: SelectionOptions): Promise<Requested | undefined> {
  if (globals.demo || globals.server !== undefined || globals.kubeconfig !== undefined) return undefined;
  const file = await readSavedContexts(cliStoreOptions(env, options));
  const name = globals.context ?? file.currentContext;
  return name === undefined ? undefined : { name, saved: file.contexts.find((context) => context.name === name) };
}

/** Global --readonly, or the read-only flag of the saved context that will be used. */
export async function withContextReadonly(globals: GlobalOptions, env: CliEnv, options: SelectionOptions = {}): Promise<GlobalOptions> {
  if (globals.readonly) return globals;
  return (await requestedContext(globals, env, options))?.saved?.readonly === true ? { ...globals, readonly: true } : globals;
}

/**
 * The poll interval of the saved context that will be used, in ms (config.json holds seconds);
 * undefined when none is set, and the UI's default applies. Only adapters without a watch poll.
 */
export async function contextPollIntervalMs(globals: GlobalOptions, env: CliEnv, options: SelectionOptions = {}): Promise<number | undefined> {
  const seconds = (await requestedContext(globals, env, options))?.saved?.pollIntervalSeconds;
  return seconds === undefined ? undefined : seconds * 1_000;
}

function apiKeyFrom(context: SavedContext, reference: ApiKeyReference, env: CliEnv): string {
  if ('env' in reference) {
    const value = env[reference.env];
    if (value === undefined || value === '') throw usageError(`context "${context.name}": the API key variable ${reference.env} is not set`, `export ${reference.env}=<key>`);
    return value;
  }
  const [command = '', ...args] = reference.command;
  try {
    const key = nodeChildProcess().execFileSync(command, args, { encoding: 'utf8', timeout: API_KEY_COMMAND_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'ignore'], env: { ...env } }).trim();
    if (key !== '') return key;
  } catch (error) {
    // Only the command's name and status: its output may be (part of) the key.
    const status = (error as { status?: number | null }).status;
    throw new TokenTuiError('unauthorized', `context "${context.name}": the API key command ${command} failed${typeof status === 'number' ? ` (exit ${status})` : ''}`);
  }
  throw new TokenTuiError('unauthorized', `context "${context.name}": the API key command ${command} printed nothing`);
}

function expandHome(path: string, env: CliEnv): string {
  return path.startsWith('~/') && env.HOME !== undefined ? resolve(env.HOME, path.slice(2)) : path;
}

function savedContextSettings(context: SavedContext, globals: GlobalOptions, env: CliEnv, options: SelectionOptions): AdapterSettings {
  const problem = savedContextProblem(context);
  if (problem !== null) throw usageError(problem, `edit ${contextsFilePath(cliStoreOptions(env, options))}`);
  if (globals.adapter !== undefined && globals.adapter !== context.adapter) {
    throw usageError(`--adapter ${globals.adapter} contradicts saved context "${context.name}" (adapter ${context.adapter})`);
  }
  if (context.adapter === 'rest') {
    // savedContextProblem guarantees both for rest.
    const server = (context.server ?? '').replace(/\/+$/, '');
    return { adapter: 'rest', context: context.name, server, apiKey: apiKeyFrom(context, context.apiKey ?? { env: '' }, env) };
  }
  // A relative kubeconfig path in config.json means relative to config.json, as kubectl does for its files.
  const kubeconfig = context.kubeconfig === undefined ? undefined : resolve(dirname(contextsFilePath(cliStoreOptions(env, options))), expandHome(context.kubeconfig, env));
  const kube = resolveKubeConnection(loadKubeconfigFor(env, { kubeconfig }), context.kubeContext, env);
  return context.adapter === 'k3s' ? { adapter: 'k3s', kube } : { adapter: 'kubeadm', kube };
}

export interface ContextTarget {
  readonly settings: AdapterSettings;
  /** kubeadm or k3s still to be told apart by GET /version (nothing pinned the adapter). */
  readonly detectFlavour: boolean;
  /**
   * A saved context's name, for the adapter's target: its kubeconfig context may be named otherwise
   * (saved "lab" on kubeconfig context "beta"), and the header, audit records and rotation journal
   * say "lab" whether the TUI started on it or `:ctx lab` switched to it.
   */
  readonly savedName?: string;
}

/** The target of a saved or discovered context, or undefined to let target.ts resolve the flags. */
export async function selectContextTarget(globals: GlobalOptions, env: CliEnv, options: SelectionOptions = {}): Promise<ContextTarget | undefined> {
  const requested = await requestedContext(globals, env, options);
  if (requested === undefined) return undefined;
  const { name, saved } = requested;
  if (saved !== undefined) return { settings: savedContextSettings(saved, globals, env, options), detectFlavour: false, savedName: saved.name };
  if (globals.adapter === 'rest') return undefined;
  const source = findKubeconfigSource(discoverKubeContexts(env, cliDiscoveryOptions(env, options)), name);
  if (source === undefined) return undefined;
  const kube = resolveKubeConnection(source.config, name, env);
  const isK3s = globals.adapter === 'k3s' || (globals.adapter === undefined && flavourFromKubeconfig(kube)?.flavour === 'k3s');
  return { settings: isK3s ? { adapter: 'k3s', kube } : { adapter: 'kubeadm', kube }, detectFlavour: !isK3s && globals.adapter === undefined };
}
