// The CA hash a K10 join token carries. k3s agents compare it with the hash of what the
// server's `/cacerts` serves, so that is the source; `k3s token create` hashes the kubeconfig's
// CA data instead, which is the same file on a k3s server. A server without `/cacerts` (a plain
// kube-apiserver, like this project's real test control plane) gets the kubeconfig fallback, and
// the result says so: agents will pin whatever the real supervisor serves.
import { k3sCaHash, type CaHashRule } from '../../core/k3s-token.ts';
import type { KubeConnection } from '../../kube/connection.ts';
import { downloadCaCerts } from './cacerts.ts';

export type JoinCaHashSource = 'cacerts' | 'kubeconfig' | 'none';

export interface JoinCaHash {
  /** 64 hex characters, or '' when there was nothing to hash (the token then pins no CA). */
  readonly hash: string;
  readonly source: JoinCaHashSource;
  readonly rule: CaHashRule | null;
  /** Why the fallback was used; null when `/cacerts` answered. */
  readonly note: string | null;
}

export async function resolveJoinCaHash(supervisorUrl: string, connection: KubeConnection, nowMs: number): Promise<JoinCaHash> {
  const download = await downloadCaCerts(supervisorUrl, connection);
  if (download.served) {
    const { hash, rule } = k3sCaHash(download.bytes, nowMs);
    return { hash, source: 'cacerts', rule, note: null };
  }
  const caPem = connection.caPem;
  if (caPem === undefined || caPem.trim() === '') {
    return {
      hash: '',
      source: 'none',
      rule: null,
      note: `${supervisorUrl}/cacerts: ${download.reason}, and the kubeconfig has no CA: the token carries no CA hash (agents will not pin the CA)`,
    };
  }
  const { hash, rule } = k3sCaHash(caPem, nowMs);
  return {
    hash,
    source: 'kubeconfig',
    rule,
    note: `${supervisorUrl}/cacerts: ${download.reason}; the CA hash was computed from the kubeconfig's certificate-authority instead`,
  };
}
