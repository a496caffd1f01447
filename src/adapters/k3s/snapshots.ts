// etcd snapshots as k3s records them: cluster-scoped ETCDSnapshotFile
// objects (k3s.cattle.io/v1) whose `etcd.k3s.cattle.io/snapshot-token-hash` annotation is
// sha256(server password)[:12]. A snapshot restores only with the token it was taken under, so
// a rotation preview lists the ones carrying the OLD token's hash.
import type { KubeClient } from '../../kube/client.ts';
import { listAll } from '../kubeadm/impact.ts';
import { byCodeUnits } from '../../core/code-unit-order.ts';

export const ETCD_SNAPSHOT_FILES_PATH = '/apis/k3s.cattle.io/v1/etcdsnapshotfiles';
export const SNAPSHOT_TOKEN_HASH_ANNOTATION = 'etcd.k3s.cattle.io/snapshot-token-hash';

export interface EtcdSnapshot {
  /** The ETCDSnapshotFile object name (local-<name>-<6hex> / s3-<name>-<6hex>). */
  readonly objectName: string;
  readonly snapshotName: string;
  /** The node that took it, or `s3` for an S3 copy. */
  readonly nodeName: string;
  /** file:///... or s3://... */
  readonly location: string;
  /** RFC 3339, or null when the status has none yet. */
  readonly createdAt: string | null;
  readonly tokenHash: string | null;
  readonly readyToUse: boolean | null;
}

interface EtcdSnapshotFileObject {
  readonly metadata?: { readonly name?: string; readonly annotations?: Readonly<Record<string, string>> };
  readonly spec?: { readonly snapshotName?: string; readonly nodeName?: string; readonly location?: string };
  readonly status?: { readonly creationTime?: string; readonly readyToUse?: boolean };
}

export function toEtcdSnapshot(object: EtcdSnapshotFileObject): EtcdSnapshot {
  const objectName = object.metadata?.name ?? '(unnamed)';
  return {
    objectName,
    snapshotName: object.spec?.snapshotName ?? objectName,
    nodeName: object.spec?.nodeName ?? '',
    location: object.spec?.location ?? '',
    createdAt: object.status?.creationTime ?? null,
    tokenHash: object.metadata?.annotations?.[SNAPSHOT_TOKEN_HASH_ANNOTATION] ?? null,
    readyToUse: object.status?.readyToUse ?? null,
  };
}

/** Oldest first, so the list reads as a history. */
export async function listEtcdSnapshots(client: KubeClient): Promise<EtcdSnapshot[]> {
  const snapshots = (await listAll<EtcdSnapshotFileObject>(client, ETCD_SNAPSHOT_FILES_PATH)).map(toEtcdSnapshot);
  return snapshots.sort((left, right) => byCodeUnits(left.createdAt ?? '', right.createdAt ?? '') || byCodeUnits(left.objectName, right.objectName));
}

export interface SnapshotsByToken {
  /** Taken under the token being rotated away: restoring them will need the OLD token. */
  readonly needOldToken: readonly EtcdSnapshot[];
  /** Taken under an even older token (a different hash): this rotation changes nothing for them. */
  readonly olderTokens: readonly EtcdSnapshot[];
  /** No token-hash annotation (releases before the annotation): which token they need is unknown. */
  readonly unknownToken: readonly EtcdSnapshot[];
}

export function classifySnapshots(snapshots: readonly EtcdSnapshot[], oldTokenHash: string): SnapshotsByToken {
  return {
    needOldToken: snapshots.filter((snapshot) => snapshot.tokenHash === oldTokenHash),
    olderTokens: snapshots.filter((snapshot) => snapshot.tokenHash !== null && snapshot.tokenHash !== oldTokenHash),
    unknownToken: snapshots.filter((snapshot) => snapshot.tokenHash === null),
  };
}

export function describeSnapshot(snapshot: EtcdSnapshot): string {
  // The name is the item's subject (`snapshot NAME`); the detail says where and when.
  return `on ${snapshot.nodeName || '?'} at ${snapshot.location || '?'}, taken ${snapshot.createdAt ?? 'at an unknown time'}`;
}
