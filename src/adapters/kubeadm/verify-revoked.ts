// After a bootstrap token's Secret is deleted, the bootstrapsigner controller (in
// kube-controller-manager) removes its `jws-kubeconfig-<id>` signature from kube-public/cluster-info
// asynchronously. This waits, bounded, until the key is gone, so a revoke
// can report "discovery with this token no longer works" instead of assuming it.
import type { Clock } from '../../core/clock.ts';
import { isTokenTuiError, toTokenTuiError } from '../../core/errors.ts';
import type { KubeClient } from '../../kube/client.ts';
import { CLUSTER_INFO_PATH } from './join-command.ts';

export const SIGNATURE_REMOVAL_TIMEOUT_MS = 10_000;
export const SIGNATURE_RECHECK_INTERVAL_MS = 500;

export type SignatureRemoval =
  | { readonly removed: true; readonly checks: number }
  /** Still present when the time ran out, or cluster-info could not be read: `reason` says which. */
  | { readonly removed: false; readonly checks: number; readonly reason: string };

export interface SignatureRemovalOptions {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  /** Waits between checks (tests pass one that advances a ManualClock). */
  readonly sleep?: (ms: number) => Promise<void>;
}

interface ClusterInfo {
  readonly data?: Readonly<Record<string, string>>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** True when the signature is gone; throws what reading cluster-info threw (not-found = gone). */
async function signatureGone(client: KubeClient, key: string): Promise<boolean> {
  try {
    const clusterInfo = await client.request<ClusterInfo>('GET', CLUSTER_INFO_PATH);
    return clusterInfo.data?.[key] === undefined;
  } catch (error) {
    // No cluster-info at all: there is no signature to remove.
    if (isTokenTuiError(error) && error.kind === 'not-found') return true;
    throw error;
  }
}

export async function waitForSignatureRemoval(
  client: KubeClient,
  tokenId: string,
  clock: Clock,
  options: SignatureRemovalOptions = {},
): Promise<SignatureRemoval> {
  const key = `jws-kubeconfig-${tokenId}`;
  const timeoutMs = options.timeoutMs ?? SIGNATURE_REMOVAL_TIMEOUT_MS;
  const intervalMs = options.intervalMs ?? SIGNATURE_RECHECK_INTERVAL_MS;
  const sleep = options.sleep ?? realSleep;
  const deadline = clock.now() + timeoutMs;
  let checks = 0;
  let lastError: string | undefined;
  for (;;) {
    checks += 1;
    try {
      if (await signatureGone(client, key)) return { removed: true, checks };
      lastError = undefined;
    } catch (error) {
      const failure = toTokenTuiError(error);
      // Permission will not appear by waiting.
      if (failure.kind === 'forbidden' || failure.kind === 'unauthorized') {
        return { removed: false, checks, reason: `cannot read kube-public/cluster-info to check ${key}: ${failure.message}` };
      }
      lastError = failure.message;
    }
    if (clock.now() >= deadline) break;
    await sleep(Math.min(intervalMs, Math.max(0, deadline - clock.now())));
  }
  const seconds = Math.round(timeoutMs / 1000);
  const reason =
    lastError === undefined
      ? `${key} is still in kube-public/cluster-info after ${seconds} s: discovery with this token id may still succeed until ` +
        'the bootstrapsigner controller (kube-controller-manager) removes it'
      : `could not check that ${key} left kube-public/cluster-info within ${seconds} s: ${lastError}`;
  return { removed: false, checks, reason };
}
