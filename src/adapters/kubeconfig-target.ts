// The kubeconfig target kind: a context of a kubeconfig, named by --kubeconfig/--context, by a
// saved context (config.json: kubeconfig, kubeContext) or found without setup (kubectl's files
// and the control-plane kubeconfigs, src/kube/context-discovery.ts). Shared by every adapter
// that reaches its backend through the Kubernetes API. Resolution only reads files.
import { accessSync, constants } from 'node:fs';
import { delimiter, dirname, resolve } from 'node:path';
import { usageError } from '../core/errors.ts';
import type { KubeConnection } from '../kube/connection.ts';
import { discoverKubeContexts, findKubeconfigSource, shadowingProblem, type DiscoveryOptions } from '../kube/context-discovery.ts';
import { loadKubeconfigFor, type Kubeconfig } from '../kube/kubeconfig.ts';
import { resolveKubeConnection } from '../kube/kubeconfig-resolve.ts';
import type { KubeContextSummary } from '../kube/kubeconfig.ts';
import type { ContextFlags, DiscoveredContext, Environment, SavedContext, TargetEnvironment, TargetFlags, TargetKind } from './definition.ts';

/** Where to look for control-plane kubeconfigs instead of SYSTEM_KUBECONFIGS (path list; empty = nowhere). */
export const SYSTEM_KUBECONFIGS_VARIABLE = 'TOKENTUI_SYSTEM_KUBECONFIGS';

export function discoveryOptions(env: Environment): DiscoveryOptions {
  const listed = env[SYSTEM_KUBECONFIGS_VARIABLE];
  return listed === undefined ? {} : { systemKubeconfigs: listed.split(delimiter).filter((path) => path !== '') };
}

/** The kubeconfig(s) the flags point at; fails (exit 2) when none exists, saying where it looked. */
export function loadTargetKubeconfig(flags: TargetFlags, where: TargetEnvironment): Kubeconfig {
  const kubeconfig = flags.kubeconfig === undefined ? undefined : resolve(where.cwd, flags.kubeconfig);
  const config = loadKubeconfigFor(where.env, { kubeconfig });
  if (config.loadedFiles.length === 0) {
    throw usageError(
      `no kubeconfig found (looked for ${config.missingFiles.join(', ')})`,
      'pass --kubeconfig PATH or set KUBECONFIG, or add --demo to use the embedded demo backend',
    );
  }
  return config;
}

function expandHome(path: string, env: Environment): string {
  return path.startsWith('~/') && env.HOME !== undefined ? resolve(env.HOME, path.slice(2)) : path;
}

const text = (context: SavedContext, field: string): string | undefined => (typeof context[field] === 'string' ? (context[field] as string) : undefined);

/** `contexts add`: the kubeconfig path as saved (`~/` kept, relative made absolute), warning when it cannot be read yet. */
function savedKubeconfigPath(path: string, where: TargetEnvironment, warnings: string[]): string {
  // ~/ is kept (expanded when used, so config.json survives a new HOME); relative means relative to here.
  const saved = path.startsWith('~/') ? path : resolve(where.cwd, path);
  const onDisk = expandHome(saved, where.env);
  try {
    accessSync(onDisk, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    warnings.push(`kubeconfig ${onDisk} cannot be read (${code}); saved anyway, it is needed when the context is used`);
  }
  return saved;
}

function keyFlagOf(flags: ContextFlags): string | undefined {
  if (flags.apiKeyEnv !== undefined) return '--api-key-env';
  return flags.apiKeyCommand === undefined ? undefined : '--api-key-command';
}

/**
 * A saved context on kubectl's own files (no kubeconfig path) is the discovered context its
 * kubeContext names: the `contexts` list shows that one's server and `as:`.
 */
function discoveredTwin(context: SavedContext, discovered: readonly DiscoveredContext[]): DiscoveredContext | undefined {
  const kubeContext = text(context, 'kubeContext');
  if (text(context, 'kubeconfig') !== undefined || kubeContext === undefined) return undefined;
  return discovered.find((candidate) => candidate.name === kubeContext);
}

function asDiscovered({ name, server, actingAs, sourceFile, current, cluster, user, namespace }: KubeContextSummary): DiscoveredContext {
  return {
    name,
    ...(server === undefined ? {} : { server }),
    ...(actingAs === undefined ? {} : { actingAs }),
    sourceFile,
    current,
    details: { cluster, user, ...(namespace === undefined ? {} : { namespace }) },
  };
}

const nonEmpty = { type: 'string', minLength: 1 } as const;

export const kubeconfigTarget: TargetKind<KubeConnection> = {
  flags: ['kubeconfig', 'context'],
  // The kubeconfig's CA, or the OS store read explicitly (kube/dispatcher.ts trustedCa).
  namesItsTrust: true,
  contextFlags: ['kubeconfig', 'kube-context'],
  contextFlagsHelp: [
    "[--kubeconfig PATH] [--kube-context CTX]  (default: kubectl's search, its current",
    'context; a relative PATH is saved as an absolute one, ~/ is kept)',
  ],
  claims: (flags) => flags.server === undefined,
  fromFlags(flags, where, names, adapter) {
    if (flags.server !== undefined) {
      const owners = names.ownersOfFlag('server');
      throw usageError(`--server is for the ${owners} adapter${owners.includes(' and ') ? 's' : ''}; the ${adapter} adapter reads its server from the kubeconfig`, 'use --context NAME');
    }
    return resolveKubeConnection(loadTargetKubeconfig(flags, where), flags.context, where.env);
  },
  savedContext: {
    properties: { kubeconfig: nonEmpty, kubeContext: nonEmpty },
    required: {},
    foreignFieldsNote: 'reads its server from the kubeconfig',
  },
  fromSaved(context, where) {
    const path = text(context, 'kubeconfig');
    // A relative kubeconfig path in config.json means relative to config.json, as kubectl does for its files.
    const kubeconfig = path === undefined ? undefined : resolve(dirname(where.configFile), expandHome(path, where.env));
    return resolveKubeConnection(loadKubeconfigFor(where.env, { kubeconfig }), text(context, 'kubeContext'), where.env);
  },
  contextFields(flags, where, names, adapter, warnings) {
    if (flags.server !== undefined) {
      throw usageError(`--server is for ${names.ownersOfFlag('server')} contexts; a ${adapter} context reaches the apiserver its kubeconfig names`, 'drop --server; use --kubeconfig PATH and --kube-context CTX');
    }
    const keyFlag = keyFlagOf(flags);
    if (keyFlag !== undefined) throw usageError(`${keyFlag} is for ${names.ownersOfFlag(keyFlag.slice(2))} contexts; a ${adapter} context uses its kubeconfig's credentials`, `drop ${keyFlag}`);
    return {
      ...(flags.kubeconfig === undefined ? {} : { kubeconfig: savedKubeconfigPath(flags.kubeconfig, where, warnings) }),
      ...(flags.kubeContext === undefined ? {} : { kubeContext: flags.kubeContext }),
    };
  },
  fromDiscovered(name, where) {
    const discovery = discoverKubeContexts(where.env, discoveryOptions(where.env));
    const source = findKubeconfigSource(discovery, name);
    if (source === undefined) return undefined;
    const target = resolveKubeConnection(source.config, name, where.env);
    const doubt = shadowingProblem(discovery, name);
    return doubt === undefined ? { target } : { target, doubt };
  },
  discover(where, flags) {
    // --kubeconfig narrows discovery to that one file, as it narrows kubectl.
    const discovery =
      flags.kubeconfig === undefined
        ? discoverKubeContexts(where.env, discoveryOptions(where.env))
        : discoverKubeContexts({ ...where.env, KUBECONFIG: resolve(where.cwd, flags.kubeconfig) }, { systemKubeconfigs: [], mustExist: true });
    return { contexts: discovery.contexts.map(asDiscovered), problems: discovery.problems };
  },
  savedServer: (context, discovered) => discoveredTwin(context, discovered)?.server ?? null,
  savedActingAs: (context, discovered) => discoveredTwin(context, discovered)?.actingAs,
};
