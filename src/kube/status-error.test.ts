import { describe, expect, it } from 'vitest';
import type { ErrorKind } from '../core/errors.ts';
import { errorFromHttpFailure, errorFromStatus, parseRetryAfter, type KubeErrorContext } from './status-error.ts';

const context: KubeErrorContext = { source: 'kubeadm', contextName: 'prod', sourceFile: '/home/u/.kube/config', method: 'DELETE', path: '/api/v1/namespaces/kube-system/secrets/bootstrap-token-abcdef' };

function status(code: number, reason: string, message: string, details?: object) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code, ...(details ? { details } : {}) };
}

// Bodies as the apiserver sends them (token-backends.md §6.2).
const cases: { name: string; httpStatus: number; body: unknown; kind: ErrorKind; method?: string; message: RegExp }[] = [
  { name: '401 Unauthorized', httpStatus: 401, body: status(401, 'Unauthorized', 'Unauthorized'), kind: 'unauthorized', message: /^kubeadm: Unauthorized: the apiserver rejected the credentials of context "prod"$/ },
  {
    name: '403 Forbidden',
    httpStatus: 403,
    body: status(403, 'Forbidden', 'secrets "bootstrap-token-abcdef" is forbidden: User "u" cannot delete resource "secrets" in API group "" in the namespace "kube-system"', { name: 'bootstrap-token-abcdef', kind: 'secrets' }),
    kind: 'forbidden',
    message: /User "u" cannot delete resource "secrets" in API group "" in the namespace "kube-system"$/,
  },
  { name: '404 NotFound', httpStatus: 404, body: status(404, 'NotFound', 'secrets "bootstrap-token-abcdef" not found', { name: 'bootstrap-token-abcdef', kind: 'secrets' }), kind: 'not-found', message: /secrets "bootstrap-token-abcdef" not found/ },
  { name: '409 AlreadyExists', httpStatus: 409, body: status(409, 'AlreadyExists', 'secrets "bootstrap-token-abcdef" already exists'), kind: 'already-exists', message: /already exists/ },
  {
    name: '409 Conflict (precondition)',
    httpStatus: 409,
    body: status(409, 'Conflict', 'Operation cannot be fulfilled on secrets "bootstrap-token-abcdef": StorageError: invalid object, Code: 4, Precondition failed: UID in precondition: a, UID in object meta: b'),
    kind: 'conflict',
    message: /Precondition failed/,
  },
  { name: '410 Expired', httpStatus: 410, body: status(410, 'Expired', 'too old resource version: 1 (5)'), kind: 'conflict', message: /too old resource version/ },
  { name: '410 Gone', httpStatus: 410, body: status(410, 'Gone', 'resource version gone'), kind: 'conflict', message: /gone/ },
  { name: '500 InternalError', httpStatus: 500, body: status(500, 'InternalError', 'Internal error occurred: etcdserver: leader changed'), kind: 'server', message: /leader changed/ },
  { name: '504 Timeout', httpStatus: 504, body: status(504, 'Timeout', 'Timeout: request did not complete within requested timeout'), kind: 'timeout', message: /did not complete/ },
  { name: '500 ServerTimeout', httpStatus: 500, body: status(500, 'ServerTimeout', 'The list operation against secrets could not be completed at this time'), kind: 'timeout', message: /could not be completed/ },
  { name: '409 without reason on POST', httpStatus: 409, method: 'POST', body: { kind: 'Status', code: 409, message: 'exists' }, kind: 'already-exists', message: /exists/ },
  { name: '409 without reason on PUT', httpStatus: 409, method: 'PUT', body: { kind: 'Status', code: 409, message: 'changed' }, kind: 'conflict', message: /changed/ },
  { name: 'plain-text 404 from a proxy', httpStatus: 404, body: '404 page not found\n', kind: 'not-found', message: /^kubeadm: HTTP 404 for DELETE \/api\/v1\/.*: 404 page not found$/ },
  { name: 'HTML 502 from a load balancer', httpStatus: 502, body: '<html><body>Bad Gateway</body></html>', kind: 'server', message: /HTTP 502 .*Bad Gateway/ },
  { name: 'empty 503', httpStatus: 503, body: undefined, kind: 'server', message: /^kubeadm: HTTP 503 for DELETE / },
];

describe('errorFromHttpFailure', () => {
  it.each(cases)('$name -> $kind', ({ httpStatus, body, kind, method, message }) => {
    const error = errorFromHttpFailure({ httpStatus, body }, { ...context, method: method ?? context.method });
    expect(error.kind).toBe(kind);
    expect(error.httpStatus).toBe(httpStatus);
    expect(error.source).toBe('kubeadm');
    expect(error.message).toMatch(message);
  });

  it('401 hints at the context and the kubeconfig file', () => {
    const error = errorFromHttpFailure({ httpStatus: 401, body: status(401, 'Unauthorized', 'Unauthorized') }, context);
    expect(error.hint).toBe('check the credentials of context prod in /home/u/.kube/config');
    expect(error.exitCode).toBe(1);
  });

  it('403 hint names the RBAC rule to grant, namespaced or cluster-wide', () => {
    const namespaced = errorFromHttpFailure(cases[1]!, context);
    expect(namespaced.hint).toBe('ask a cluster admin to grant User "u" verb "delete" on resource "secrets" (apiGroups: [""]) through a Role and RoleBinding in namespace "kube-system"');
    const clusterWide = errorFromHttpFailure(
      { httpStatus: 403, body: status(403, 'Forbidden', 'certificatesigningrequests.certificates.k8s.io is forbidden: User "system:serviceaccount:ops:bot" cannot list resource "certificatesigningrequests" in API group "certificates.k8s.io" at the cluster scope') },
      context,
    );
    expect(clusterWide.hint).toMatch(/verb "list" on resource "certificatesigningrequests" \(apiGroups: \["certificates.k8s.io"\]\) through a ClusterRole and ClusterRoleBinding$/);
  });

  it('422 Invalid lists the fields of details.causes and keeps the first as field', () => {
    const body = status(422, 'Invalid', 'Secret "bootstrap-token-ABC" is invalid: [metadata.name: Invalid value: "bootstrap-token-ABC": a lowercase RFC 1123 subdomain, data[token-id]: Required value]', {
      name: 'bootstrap-token-ABC',
      kind: 'Secret',
      causes: [
        { type: 'FieldValueInvalid', message: 'Invalid value', field: 'metadata.name' },
        { type: 'FieldValueRequired', message: 'Required value', field: 'data[token-id]' },
      ],
    });
    const error = errorFromHttpFailure({ httpStatus: 422, body }, context);
    expect(error.kind).toBe('validation');
    expect(error.field).toBe('metadata.name');
    expect(error.message).toMatch(/\(invalid fields: metadata\.name, data\[token-id\]\)$/);
    expect(error.exitCode).toBe(2);
  });

  it('429 takes retryAfterSeconds from details, else from the Retry-After header', () => {
    const fromDetails = errorFromHttpFailure({ httpStatus: 429, body: status(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds: 7 }), retryAfterHeader: '1' }, context);
    expect(fromDetails.kind).toBe('rate-limited');
    expect(fromDetails.retryAfterSeconds).toBe(7);
    const fromHeader = errorFromHttpFailure({ httpStatus: 429, body: status(429, 'TooManyRequests', 'slow down'), retryAfterHeader: '3' }, context);
    expect(fromHeader.retryAfterSeconds).toBe(3);
    expect(fromHeader.hint).toBe('try again in 3 s');
  });

  it('a reason wins over the HTTP code', () => {
    const error = errorFromHttpFailure({ httpStatus: 500, body: status(500, 'NotFound', 'gone away') }, context);
    expect(error.kind).toBe('not-found');
    expect(error.httpStatus).toBe(500);
  });
});

describe('errorFromStatus', () => {
  it('maps a watch ERROR event Status by its own code', () => {
    const error = errorFromStatus({ kind: 'Status', code: 410, reason: 'Expired', message: 'The resourceVersion for the provided watch is too old.' }, { ...context, method: 'GET' });
    expect(error.kind).toBe('conflict');
    expect(error.httpStatus).toBe(410);
    expect(error.hint).toMatch(/list again/);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, ignores junk', () => {
    expect(parseRetryAfter('5')).toBe(5);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(10);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
