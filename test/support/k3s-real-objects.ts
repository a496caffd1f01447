// k3s objects in the REAL apiserver (scripts/k8s/with-cluster.sh): the ETCDSnapshotFile CRD
// (k3s.cattle.io/v1, cluster-scoped) installed through apiextensions.k8s.io/v1 with the admin
// token, snapshots with (or without) the etcd.k3s.cattle.io/snapshot-token-hash annotation, and
// Nodes carrying k3s's role labels. Shared by the k3s rotation tests of test/real/.
import { adminFetch, waitFor } from './real-cluster.ts';

export const SNAPSHOT_CRD_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
export const SNAPSHOTS_PATH = '/apis/k3s.cattle.io/v1/etcdsnapshotfiles';

const snapshotCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'etcdsnapshotfiles.k3s.cattle.io' },
  spec: {
    group: 'k3s.cattle.io',
    scope: 'Cluster',
    names: { kind: 'ETCDSnapshotFile', plural: 'etcdsnapshotfiles', singular: 'etcdsnapshotfile', listKind: 'ETCDSnapshotFileList' },
    versions: [{
      name: 'v1',
      served: true,
      storage: true,
      subresources: { status: {} },
      schema: { openAPIV3Schema: { type: 'object', properties: {
        spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      } } },
    }],
  },
};

/** An admin request; 404 and 409 are answers (already gone, already there), anything else >= 300 throws. */
export async function sendAsAdmin(path: string, method: string, body?: unknown, contentType?: string): Promise<Response> {
  const headers = contentType === undefined ? undefined : { 'Content-Type': contentType };
  const response = await adminFetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status >= 300 && response.status !== 404 && response.status !== 409) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

export async function installSnapshotCrd(): Promise<void> {
  await sendAsAdmin(SNAPSHOT_CRD_PATH, 'POST', snapshotCrd);
  await waitFor(async () => (await adminFetch(SNAPSHOTS_PATH)).status === 200, { description: 'the ETCDSnapshotFile CRD is served' });
}

export async function removeSnapshotCrd(): Promise<void> {
  await sendAsAdmin(`${SNAPSHOT_CRD_PATH}/etcdsnapshotfiles.k3s.cattle.io`, 'DELETE');
}

export interface SnapshotSpec {
  readonly objectName: string;
  readonly snapshotName: string;
  readonly node: string;
  readonly tokenHash: string | null;
  readonly createdAt: string;
  readonly location: string;
}

export async function createSnapshot(snapshot: SnapshotSpec): Promise<void> {
  const annotations = snapshot.tokenHash === null ? {} : { 'etcd.k3s.cattle.io/snapshot-token-hash': snapshot.tokenHash };
  await sendAsAdmin(SNAPSHOTS_PATH, 'POST', {
    apiVersion: 'k3s.cattle.io/v1',
    kind: 'ETCDSnapshotFile',
    metadata: { name: snapshot.objectName, annotations, labels: { 'etcd.k3s.cattle.io/snapshot-storage-node': snapshot.node } },
    spec: { snapshotName: snapshot.snapshotName, nodeName: snapshot.node, location: snapshot.location },
  });
  const status = { status: { creationTime: snapshot.createdAt, readyToUse: true } };
  await sendAsAdmin(`${SNAPSHOTS_PATH}/${snapshot.objectName}/status`, 'PATCH', status, 'application/merge-patch+json');
}

export async function createK3sNode(name: string, roles: readonly string[], ip: string): Promise<void> {
  const labels = Object.fromEntries(roles.map((role) => [`node-role.kubernetes.io/${role}`, 'true']));
  await sendAsAdmin('/api/v1/nodes', 'POST', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    status: { addresses: [{ type: 'InternalIP', address: ip }] },
  });
}

/** A kubeconfig whose server is the emulated supervisor (which hands API paths to the real apiserver). */
export function k3sKubeconfigText(supervisorUrl: string, caBundle: Buffer, bearerToken: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    `clusters: [{ name: k3s, cluster: { server: "${supervisorUrl}", certificate-authority-data: ${caBundle.toString('base64')} } }]`,
    `users: [{ name: admin, user: { token: "${bearerToken}" } }]`,
    'contexts: [{ name: k3s-emulated, context: { cluster: k3s, user: admin } }]',
    'current-context: k3s-emulated',
    '',
  ].join('\n');
}
