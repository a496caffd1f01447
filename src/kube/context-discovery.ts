// Kubeconfig contexts that exist without any tokentui setup: kubectl's files (every KUBECONFIG
// entry, else ~/.kube/config) merged as kubectl merges them, then the files k3s and kubeadm write
// on a control-plane node when this user can read them. A broken file costs one problem line
// naming it; the contexts of every other file stay usable.
import { accessSync, constants } from 'node:fs';
import { isTokenTuiError } from '../core/errors.ts';
import { kubeconfigPaths, listKubeContexts, loadKubeconfig } from './kubeconfig.ts';
import type { KubeconfigEnvironment, Kubeconfig, KubeContextSummary } from './kubeconfig.ts';
import { byCodeUnits } from '../core/code-unit-order.ts';

export const SYSTEM_KUBECONFIGS: readonly string[] = ['/etc/rancher/k3s/k3s.yaml', '/etc/kubernetes/admin.conf'];

export interface DiscoveryOptions {
  /** Control-plane kubeconfigs to look at (default SYSTEM_KUBECONFIGS); tests pass their own. */
  readonly systemKubeconfigs?: readonly string[];
  /** kubectl's files were named explicitly (--kubeconfig): a missing one is a problem, not skipped. */
  readonly mustExist?: boolean;
}

/** One merged set of files a context can be resolved from (resolveKubeConnection). */
export interface KubeconfigSource {
  readonly config: Kubeconfig;
  /** True for /etc files: selecting one of their contexts means --kubeconfig that file. */
  readonly system: boolean;
}

export interface KubeDiscovery {
  /** Sorted by name; a name defined earlier (kubectl's files first) wins. */
  readonly contexts: readonly KubeContextSummary[];
  readonly sources: readonly KubeconfigSource[];
  /** One line per unusable file: "kubeconfig PATH: problem". */
  readonly problems: readonly string[];
  /** Every file looked at, in the order a name is looked up (kubectl's files, then /etc's), with its problem if unusable. */
  readonly files: readonly { readonly path: string; readonly problem?: string }[];
}

function isReadable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

type LookedAt = { path: string; problem?: string };

/** The paths that load on their own; a failing one becomes a problem line instead. */
function loadablePaths(paths: readonly string[], problems: string[], files: LookedAt[], mustExist = false): string[] {
  return paths.filter((path) => {
    try {
      loadKubeconfig([path], { mustExist });
      files.push({ path });
      return true;
    } catch (error) {
      if (!isTokenTuiError(error)) throw error;
      problems.push(error.message);
      files.push({ path, problem: error.message });
      return false;
    }
  });
}

export function discoverKubeContexts(env: KubeconfigEnvironment, options: DiscoveryOptions = {}): KubeDiscovery {
  const problems: string[] = [];
  const files: LookedAt[] = [];
  const sources: KubeconfigSource[] = [];
  const kubectlFiles = loadablePaths(kubeconfigPaths(env), problems, files, options.mustExist);
  sources.push({ config: loadKubeconfig(kubectlFiles), system: false });
  const chainFiles = new Set(kubeconfigPaths(env));
  // "When readable": a root-only admin.conf is normal for a non-root user, not a problem to report.
  const systemFiles = (options.systemKubeconfigs ?? SYSTEM_KUBECONFIGS).filter((path) => !chainFiles.has(path) && isReadable(path));
  for (const path of loadablePaths(systemFiles, problems, files)) sources.push({ config: loadKubeconfig([path]), system: true });
  const byName = new Map<string, KubeContextSummary>();
  for (const [index, source] of sources.entries()) {
    for (const context of listKubeContexts(source.config)) {
      // Only kubectl's own current-context is "current"; the /etc files' ones are defaults of their own.
      if (!byName.has(context.name)) byName.set(context.name, index === 0 ? context : { ...context, current: false });
    }
  }
  const contexts = [...byName.values()].sort((left, right) => byCodeUnits(left.name, right.name));
  return { contexts, sources, problems, files };
}

/**
 * Why a context found by name may not be the one kubectl means: a file looked at before the one
 * that defines it could not be read, and may define the same name first (kubectl's merge takes
 * the first; kubectl refuses a set of files with a broken one). Undefined when none precedes it.
 */
export function shadowingProblem(discovery: KubeDiscovery, contextName: string): string | undefined {
  const definedIn = findKubeconfigSource(discovery, contextName)?.config.contexts.get(contextName)?.sourceFile;
  if (definedIn === undefined) return undefined;
  for (const file of discovery.files) {
    if (file.path === definedIn) return undefined;
    if (file.problem !== undefined) {
      return `context "${contextName}" may not be the one meant: ${file.problem}; that file is read before ${definedIn}, which defines "${contextName}", and may define it first`;
    }
  }
  return undefined;
}

/** The source that defines the context, in the order discovery lists them. */
export function findKubeconfigSource(discovery: KubeDiscovery, contextName: string): KubeconfigSource | undefined {
  return discovery.sources.find((source) => source.config.contexts.has(contextName));
}
