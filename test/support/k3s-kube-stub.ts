// A KubeClient that answers GETs from a fixed table of k3s objects (Nodes, ETCDSnapshotFiles,
// Secrets, ConfigMaps) and records every request. For fast tests of the k3s previews' logic;
// the real control plane (test/real/k3s-*.test.ts) proves the same against a real apiserver.
import { TokenTuiError } from '../../src/core/errors.ts';
import type { KubeClient, KubeRequestOptions } from '../../src/kube/client.ts';
import type { KubeConnection } from '../../src/kube/connection.ts';

export interface StubRequest {
  readonly method: string;
  readonly path: string;
}

/** A value answers the GET of that path; an error is thrown instead. */
export type StubRoutes = Readonly<Record<string, unknown>>;

export const STUB_CONNECTION: KubeConnection = {
  contextName: 'stub',
  clusterName: 'stub',
  userName: 'stub-admin',
  server: 'https://127.0.0.1:6443',
  insecureSkipTlsVerify: false,
  auth: { type: 'token', token: 'stub-admin-token' },
  sourceFile: '(stub)',
};

export function createStubKubeClient(routes: StubRoutes, connection: KubeConnection = STUB_CONNECTION): KubeClient & { readonly requests: StubRequest[] } {
  const requests: StubRequest[] = [];
  return {
    connection,
    requests,
    async request<T>(method: string, path: string, _options?: KubeRequestOptions): Promise<T> {
      requests.push({ method, path });
      const answer = method === 'GET' ? routes[path] : undefined;
      if (answer instanceof Error) throw answer;
      if (answer === undefined) {
        throw new TokenTuiError('not-found', `the server could not find the requested resource (${method} ${path})`, { source: 'k3s', httpStatus: 404 });
      }
      return structuredClone(answer) as T;
    },
    stream(): AsyncIterable<unknown> {
      throw new Error('the stub kube client does not stream');
    },
    async close() {},
  };
}

export function list(items: readonly unknown[]) {
  return { metadata: { resourceVersion: '1' }, items };
}

export function forbidden(what: string): TokenTuiError {
  return new TokenTuiError('forbidden', `${what} is forbidden: User "reader" cannot list resource`, { source: 'k3s', httpStatus: 403 });
}

export function nodeObject(name: string, roles: readonly ('control-plane' | 'master' | 'etcd')[], internalIp?: string) {
  const labels = Object.fromEntries(roles.map((role) => [`node-role.kubernetes.io/${role}`, 'true']));
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    status: {
      addresses: internalIp === undefined ? [] : [{ type: 'InternalIP', address: internalIp }],
      conditions: [{ type: 'Ready', status: 'True' }],
      nodeInfo: { kubeletVersion: 'v1.31.4+k3s1' },
    },
  };
}

export function snapshotObject(name: string, options: { node: string; tokenHash?: string; createdAt: string; location?: string }) {
  return {
    apiVersion: 'k3s.cattle.io/v1',
    kind: 'ETCDSnapshotFile',
    metadata: {
      name: `local-${name}-abc123`,
      annotations: options.tokenHash === undefined ? {} : { 'etcd.k3s.cattle.io/snapshot-token-hash': options.tokenHash },
    },
    spec: { snapshotName: name, nodeName: options.node, location: options.location ?? `file:///var/lib/rancher/k3s/server/db/snapshots/${name}` },
    status: { creationTime: options.createdAt, readyToUse: true },
  };
}
