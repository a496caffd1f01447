// An in-process LXD for fast tests and faults: the endpoints the lxd adapter uses, answering as
// Debian's lxd 5.0.2 does (shapes captured from the real daemon, test/real/lxd-*.test.ts prove
// the adapter against that). Token operations keep their secret in metadata, as LXD's do, so
// tests can check that nothing the adapter returns carries it. Every request is logged.
import { randomBytes, randomUUID } from 'node:crypto';
import { TokenTuiError } from '../../src/core/errors.ts';
import type { EventSocketHandlers, OpenEventSocket } from '../../src/adapters/lxd/events-socket.ts';
import type { LxdAnswer, LxdRequest, LxdRequestFunction } from '../../src/adapters/lxd/transport.ts';
import type { LxdCertificate, LxdClusterMember, LxdOperation } from '../../src/adapters/lxd/wire.ts';

export interface FakeLxdOptions {
  readonly config?: Record<string, string>;
  readonly members?: LxdClusterMember[];
  readonly certificates?: LxdCertificate[];
  readonly projects?: string[];
  readonly clustered?: boolean;
  readonly auth?: string;
  readonly daemon?: 'lxd' | 'incus';
  readonly now?: () => number;
}

export interface FakeLxd {
  readonly request: LxdRequestFunction;
  readonly openEvents: OpenEventSocket;
  readonly log: LxdRequest[];
  readonly operations: Map<string, { -readonly [K in keyof LxdOperation]: LxdOperation[K] }>;
  readonly config: Record<string, string>;
  readonly members: LxdClusterMember[];
  /** The next request whose path starts with `prefix` fails with `status` (or throws `error`). */
  failNext(prefix: string, failure: { status: number; message: string } | { error: Error }): void;
  /** Event sockets: refuse new ones (HTTP 403: permanent), or end the open ones. */
  refuseEvents: boolean;
  dropEventSockets(): void;
  /** Sends an operation event to every open event socket, as LXD does on each status change. */
  emitOperation(operation: LxdOperation): void;
  /** A token LXD created itself (as `lxc cluster add` does), without going through the adapter. */
  addJoinToken(name: string, expiresAt?: string): LxdOperation;
  readonly secrets: () => string[];
}

const ok = (metadata: unknown, type: 'sync' | 'async' = 'sync'): LxdAnswer => ({
  status: type === 'async' ? 202 : 200,
  envelope: { type, status_code: type === 'async' ? 100 : 200, error_code: 0, error: '', metadata },
});
const fail = (status: number, error: string): LxdAnswer => ({ status, envelope: { type: 'error', status_code: 0, error_code: status, error, metadata: null } });

export function startFakeLxd(options: FakeLxdOptions = {}): FakeLxd {
  const now = options.now ?? Date.now;
  const config: Record<string, string> = { 'cluster.join_token_expiry': '2H', ...options.config };
  const members: LxdClusterMember[] = options.members ?? [{ server_name: 'lxd-1', roles: ['database-leader', 'database'], status: 'Online' }];
  const certificates = options.certificates ?? [];
  const projects = options.projects ?? ['default'];
  const operations: FakeLxd['operations'] = new Map();
  const log: LxdRequest[] = [];
  const failures: { prefix: string; failure: { status: number; message: string } | { error: Error } }[] = [];
  const sockets = new Set<EventSocketHandlers>();
  const address = '10.0.0.1:8443';
  const fingerprint = 'ab'.repeat(32);

  const timestamp = (ms: number) => new Date(ms).toISOString().replace('Z', '123456Z');
  const emitOperation = (operation: LxdOperation) => {
    const text = JSON.stringify({ type: 'operation', timestamp: timestamp(now()), metadata: operation, location: 'lxd-1' });
    for (const socket of sockets) socket.onMessage(text);
  };
  // Hours, minutes and seconds (`2H`, `45M`, `1H 30M`): what the tests set; the real daemon does the rest.
  const expiry = (key: string) => {
    const text = config[key] ?? '';
    const unitMs: Readonly<Record<string, number>> = { H: 3_600_000, M: 60_000, S: 1000 };
    const fields = text.split(' ').map((field) => /^(\d+)([HMS])$/.exec(field));
    if (text === '' || fields.some((field) => field === null)) return undefined;
    return timestamp(now() + fields.reduce((sum, field) => sum + Number(field![1]) * unitMs[field![2]!]!, 0));
  };
  const tokenOperation = (metadata: Record<string, unknown>): LxdOperation => {
    const created = timestamp(now());
    const operation = { id: randomUUID(), class: 'token', description: 'Executing operation', created_at: created, updated_at: created, status: 'Running', status_code: 103, metadata: { addresses: [address], fingerprint, secret: randomBytes(32).toString('hex'), ...metadata }, may_cancel: true, err: '', location: 'lxd-1' };
    operations.set(operation.id, operation);
    emitOperation({ ...operation, status: 'Pending' });
    emitOperation(operation);
    return operation;
  };
  const addJoinToken = (name: string, expiresAt?: string) => tokenOperation({ serverName: name, expiresAt: expiresAt ?? expiry('cluster.join_token_expiry') ?? '0001-01-01T00:00:00Z' });

  const route = (request: LxdRequest): LxdAnswer => {
    const { method, path } = request;
    if (method === 'GET' && path === '/1.0') {
      return ok({ config, auth: options.auth ?? 'trusted', api_extensions: ['clustering_join_token', 'certificate_token', 'remote_token_expiry'], environment: { server: options.daemon ?? 'lxd', server_version: '5.0.2', server_clustered: options.clustered ?? true, server_name: 'lxd-1' } });
    }
    if (method === 'PATCH' && path === '/1.0') {
      Object.assign(config, (request.body as { config: Record<string, string> }).config);
      return ok({});
    }
    if (method === 'GET' && path === '/1.0/operations?recursion=1') {
      const byStatus: Record<string, LxdOperation[]> = { running: [], cancelled: [], success: [{ id: randomUUID(), class: 'task', created_at: timestamp(now()), status: 'Success', metadata: null }] };
      for (const operation of operations.values()) (byStatus[operation.status.toLowerCase()] ??= []).push(operation);
      return ok(byStatus);
    }
    const operationMatch = /^\/1\.0\/operations\/([^/?]+)$/.exec(path);
    if (operationMatch) {
      const operation = operations.get(decodeURIComponent(operationMatch[1]!));
      if (!operation) return fail(404, 'Operation not found');
      if (method === 'GET') return ok(operation);
      if (method === 'DELETE') {
        if (operation.status !== 'Running') return fail(400, 'Only running operations can be cancelled');
        emitOperation({ ...operation, status: 'Cancelled' });
        operation.status = 'Cancelled';
        emitOperation({ ...operation, status: 'Cancelling' });
        return ok({});
      }
    }
    if (method === 'POST' && path === '/1.0/cluster/members') {
      if (!(options.clustered ?? true)) return fail(400, 'This server is not clustered');
      return ok(addJoinToken((request.body as { server_name: string }).server_name), 'async');
    }
    if (method === 'POST' && path === '/1.0/certificates') {
      const body = request.body as { name: string; type: string; restricted: boolean; projects: string[] };
      const expiresAt = expiry('core.remote_token_expiry');
      const request_ = { name: body.name, type: body.type, restricted: body.restricted, projects: body.projects, certificate: '', password: '', token: true };
      return ok(tokenOperation({ request: request_, ...(expiresAt ? { expiresAt } : {}) }), 'async');
    }
    if (method === 'GET' && path === '/1.0/cluster/members?recursion=1') return ok(members);
    if (method === 'GET' && path === '/1.0/certificates?recursion=1') return ok(certificates);
    if (method === 'GET' && path === '/1.0/projects') return ok(projects.map((project) => `/1.0/projects/${project}`));
    return fail(404, 'not found');
  };

  const fake: FakeLxd = {
    log,
    operations,
    config,
    members,
    refuseEvents: false,
    request: async (request) => {
      log.push(request);
      const index = failures.findIndex((candidate) => request.path.startsWith(candidate.prefix));
      if (index >= 0) {
        const [{ failure }] = failures.splice(index, 1) as [(typeof failures)[number]];
        if ('error' in failure) throw failure.error;
        return fail(failure.status, failure.message);
      }
      // Answers are copies, as JSON over a socket would be.
      return structuredClone(route(request));
    },
    openEvents: (_path, handlers, signal) => {
      queueMicrotask(() => {
        if (signal.aborted) return;
        if (fake.refuseEvents) return handlers.onClose(new TokenTuiError('forbidden', 'the event stream was refused (HTTP 403)', { source: 'lxd' }), true);
        sockets.add(handlers);
        signal.addEventListener('abort', () => sockets.delete(handlers), { once: true });
        handlers.onOpen();
      });
    },
    failNext: (prefix, failure) => void failures.push({ prefix, failure }),
    dropEventSockets: () => {
      for (const socket of [...sockets]) {
        sockets.delete(socket);
        socket.onClose(new TokenTuiError('transport', 'fake closed the event stream', { source: 'lxd' }), false);
      }
    },
    emitOperation,
    addJoinToken,
    secrets: () => [...operations.values()].map((operation) => String(operation.metadata?.['secret'])),
  };
  return fake;
}
