// Which adapter a kubeconfig context gets when `--adapter` does not say: k3s when the server's
// `/version` reports a `+k3s` gitVersion (e.g. v1.31.4+k3s1), or when the kubeconfig is k3s's own
// /etc/rancher/k3s/k3s.yaml; kubeadm otherwise. Two answers need no request: the k3s kubeconfig
// path, and a plain-http server (k3s serves its API on HTTPS only). `/version` is readable
// without RBAC (system:public-info-viewer). Answers are cached per server for the life of the
// process, so switching contexts back and forth in the TUI asks once, and, given a
// DetectionMemory (the command line's cache file), across processes for a server whose CA the
// kubeconfig pins: a new cluster behind the same URL comes with a new CA, and so with a new key.
// Remembered, detection costs no request and no second TLS connection beside the LIST (a fleet
// list over three clusters: 108.9 -> 102.5 ms, bench/fleet-list.mjs's clusters, 21 runs).
import { createHash } from 'node:crypto';
import type { DetectionMemory } from '../contract.ts';
import type { KubeClient } from '../../kube/client.ts';
import type { KubeConnection } from '../../kube/connection.ts';

export const K3S_KUBECONFIG_PATH = '/etc/rancher/k3s/k3s.yaml';
export const DETECTION_TIMEOUT_MS = 5_000;

export type KubeFlavour = 'k3s' | 'kubeadm';

export interface FlavourDetection {
  readonly flavour: KubeFlavour;
  /** Why, in words (shown with --adapter help and in debugging). */
  readonly reason: string;
  /** Whether `/version` was asked (false: decided from the kubeconfig, or from the cache). */
  readonly requested: boolean;
}

const flavourByServer = new Map<string, FlavourDetection>();

export function clearFlavourCache(): void {
  flavourByServer.clear();
}

/** The answer the kubeconfig alone gives, or null when `/version` must be asked. */
export function flavourFromKubeconfig(connection: KubeConnection): FlavourDetection | null {
  if (connection.sourceFile === K3S_KUBECONFIG_PATH) {
    return { flavour: 'k3s', reason: `the kubeconfig is ${K3S_KUBECONFIG_PATH}`, requested: false };
  }
  if (connection.server.startsWith('http://')) {
    return { flavour: 'kubeadm', reason: 'the server speaks plain HTTP, which k3s never serves', requested: false };
  }
  return null;
}

export function flavourFromGitVersion(gitVersion: string): KubeFlavour {
  return gitVersion.includes('+k3s') ? 'k3s' : 'kubeadm';
}

/**
 * The key a remembered answer is kept under: the server and the CA the kubeconfig pins for it.
 * undefined (never remembered) when nothing pins the server's identity: system trust, or
 * insecure-skip-tls-verify, where anything could answer at that URL next time.
 */
export function detectionKey(connection: KubeConnection): string | undefined {
  if (connection.insecureSkipTlsVerify || connection.caPem === undefined || connection.caPem === '') return undefined;
  return `kube-flavour ${connection.server} ca-sha256:${createHash('sha256').update(connection.caPem).digest('hex')}`;
}

function rememberedFlavour(answer: string | undefined): KubeFlavour | undefined {
  return answer === 'k3s' || answer === 'kubeadm' ? answer : undefined;
}

/** Never throws: an unreadable `/version` means kubeadm (the request that follows reports the real problem). */
export async function detectKubeFlavour(client: KubeClient, options: { readonly timeoutMs?: number; readonly remembered?: DetectionMemory } = {}): Promise<FlavourDetection> {
  const fromKubeconfig = flavourFromKubeconfig(client.connection);
  if (fromKubeconfig !== null) return fromKubeconfig;
  const key = client.connection.server;
  const cached = flavourByServer.get(key);
  if (cached !== undefined) return { ...cached, requested: false };
  const memoryKey = detectionKey(client.connection);
  const remembered = memoryKey === undefined ? undefined : rememberedFlavour(options.remembered?.get(memoryKey));
  if (remembered !== undefined) return { flavour: remembered, reason: `an earlier /version of this server (same CA) said ${remembered}`, requested: false };
  try {
    const version = await client.request<{ gitVersion?: unknown }>('GET', '/version', { timeoutMs: options.timeoutMs ?? DETECTION_TIMEOUT_MS });
    const gitVersion = typeof version?.gitVersion === 'string' ? version.gitVersion : '';
    const flavour = flavourFromGitVersion(gitVersion);
    const detection: FlavourDetection = { flavour, reason: `/version reports ${gitVersion === '' ? 'no gitVersion' : gitVersion}`, requested: true };
    flavourByServer.set(key, detection);
    if (memoryKey !== undefined) options.remembered?.set(memoryKey, flavour);
    return detection;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { flavour: 'kubeadm', reason: `/version could not be read (${message}); assuming kubeadm`, requested: true };
  }
}
