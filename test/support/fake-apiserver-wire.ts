// What the fake apiserver puts on the wire: stored objects as the apiserver returns them, and
// failures as its metav1.Status bodies, always as JSON.
import type { ServerResponse } from 'node:http';

export interface FakeStatus {
  readonly code: number;
  readonly reason: string;
  readonly message?: string;
  readonly details?: Record<string, unknown>;
}

/** A Secret or ConfigMap as stored and returned (malformed ones included: see FakeApiserver.put). */
export interface KubeObject {
  kind?: string;
  apiVersion?: string;
  metadata: { name: string; namespace: string; uid: string; resourceVersion: string; creationTimestamp: string };
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

export function kubeStatus(status: FakeStatus) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: status.message ?? status.reason,
    reason: status.reason,
    ...(status.details ? { details: status.details } : {}),
    code: status.code,
  };
}

/** 404 for a named object, or (no resource or name) for a path the fake does not serve. */
export function notFound(resource: string, name: string | undefined): FakeStatus {
  if (name === undefined || resource === '') return { code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' };
  return { code: 404, reason: 'NotFound', message: `${resource} "${name}" not found`, details: { name, kind: resource } };
}

export function sendJson(response: ServerResponse, code: number, body: unknown): void {
  response.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
