// Kubeconfig discovery and loading with kubectl's rules, without @kubernetes/client-node:
// importing that package costs about 320 ms at startup, twice the whole `kubeadm token list`.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { TokenTuiError } from '../core/errors.ts';
import {
  parseKubeconfigFile,
  type KubeconfigCluster,
  type KubeconfigContext,
  type KubeconfigEntry,
  type KubeconfigFile,
  type KubeconfigUser,
} from './kubeconfig-file.ts';
import { byCodeUnits } from '../core/code-unit-order.ts';
import { sameTextMemo } from '../core/same-text-memo.ts';

export type { KubeconfigCluster, KubeconfigContext, KubeconfigEntry, KubeconfigExec, KubeconfigUser } from './kubeconfig-file.ts';

/** Several kubeconfig files merged the way kubectl merges them. */
export interface Kubeconfig {
  readonly clusters: ReadonlyMap<string, KubeconfigEntry<KubeconfigCluster>>;
  readonly users: ReadonlyMap<string, KubeconfigEntry<KubeconfigUser>>;
  readonly contexts: ReadonlyMap<string, KubeconfigEntry<KubeconfigContext>>;
  readonly currentContext?: string;
  /** The file whose current-context won. */
  readonly currentContextSource?: string;
  /** Files that existed and were read, in precedence order. */
  readonly loadedFiles: readonly string[];
  /** Files that were looked for and did not exist (kubectl skips them). */
  readonly missingFiles: readonly string[];
}

export type KubeconfigEnvironment = Readonly<Record<string, string | undefined>>;

export interface KubeconfigFlags {
  /** --kubeconfig PATH */
  readonly kubeconfig?: string;
}

/** --kubeconfig wins; else every file in KUBECONFIG; else ~/.kube/config. */
export function kubeconfigPaths(env: KubeconfigEnvironment, flags: KubeconfigFlags = {}): string[] {
  if (flags.kubeconfig !== undefined && flags.kubeconfig !== '') return [resolve(flags.kubeconfig)];
  const fromEnv = env.KUBECONFIG;
  if (fromEnv !== undefined && fromEnv !== '') {
    const paths = fromEnv.split(delimiter).filter((entry) => entry !== '').map((entry) => resolve(entry));
    // kubectl ignores a repeated path: the second copy could only lose every merge.
    return [...new Set(paths)];
  }
  const home = env.HOME !== undefined && env.HOME !== '' ? env.HOME : homedir();
  return [join(home, '.kube', 'config')];
}

export interface LoadKubeconfigOptions {
  /** A missing file is an error instead of being skipped (for an explicit --kubeconfig). */
  readonly mustExist?: boolean;
}

function readKubeconfigText(path: string, mustExist: boolean): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !mustExist) return undefined;
    const problem = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : String(error);
    throw new TokenTuiError('usage', `kubeconfig ${path}: ${problem}`, { cause: error });
  }
}

function mergeFirstWins<T>(into: Map<string, KubeconfigEntry<T>>, entries: readonly KubeconfigEntry<T>[]): void {
  for (const entry of entries) if (!into.has(entry.name)) into.set(entry.name, entry);
}

/** Each file's last parse, while its text is the same (a fleet command reads a kubeconfig once per context). */
const parsedKubeconfigFile: (path: string, text: string) => KubeconfigFile = sameTextMemo(parseKubeconfigFile);

/** Reads and merges kubeconfig files: the first file to define a name wins, as does its current-context. */
export function loadKubeconfig(paths: readonly string[], options: LoadKubeconfigOptions = {}): Kubeconfig {
  const clusters = new Map<string, KubeconfigEntry<KubeconfigCluster>>();
  const users = new Map<string, KubeconfigEntry<KubeconfigUser>>();
  const contexts = new Map<string, KubeconfigEntry<KubeconfigContext>>();
  const loadedFiles: string[] = [];
  const missingFiles: string[] = [];
  let currentContext: string | undefined;
  let currentContextSource: string | undefined;
  for (const path of paths) {
    const text = readKubeconfigText(path, options.mustExist ?? false);
    if (text === undefined) {
      missingFiles.push(path);
      continue;
    }
    const file = parsedKubeconfigFile(path, text);
    loadedFiles.push(path);
    mergeFirstWins(clusters, file.clusters);
    mergeFirstWins(users, file.users);
    mergeFirstWins(contexts, file.contexts);
    if (currentContext === undefined && file.currentContext !== undefined) {
      currentContext = file.currentContext;
      currentContextSource = path;
    }
  }
  return { clusters, users, contexts, currentContext, currentContextSource, loadedFiles, missingFiles };
}

/** kubeconfigPaths + loadKubeconfig; an explicit --kubeconfig must exist (kubectl fails on it too). */
export function loadKubeconfigFor(env: KubeconfigEnvironment, flags: KubeconfigFlags = {}): Kubeconfig {
  const explicit = flags.kubeconfig !== undefined && flags.kubeconfig !== '';
  return loadKubeconfig(kubeconfigPaths(env, flags), { mustExist: explicit });
}

export interface KubeContextSummary {
  readonly name: string;
  readonly cluster: string;
  readonly user: string;
  readonly namespace?: string;
  /** The cluster's server; undefined when the context names a cluster that is not defined. */
  readonly server?: string;
  readonly current: boolean;
  readonly sourceFile: string;
  /** The user's `as:` when it impersonates someone (shown as "as USER"). */
  readonly actingAs?: string;
}

/** Every context, sorted by name (as `kubectl config get-contexts` shows them). */
export function listKubeContexts(config: Kubeconfig): KubeContextSummary[] {
  return [...config.contexts.values()]
    .map(({ name, sourceFile, value }) => {
      const actingAs = config.users.get(value.user)?.value.impersonation.user;
      return {
        name,
        cluster: value.cluster,
        user: value.user,
        namespace: value.namespace,
        server: config.clusters.get(value.cluster)?.value.server,
        current: name === config.currentContext,
        sourceFile,
        ...(actingAs === undefined ? {} : { actingAs }),
      };
    })
    .sort((left, right) => byCodeUnits(left.name, right.name));
}
