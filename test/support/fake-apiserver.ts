// An in-process stand-in for kube-apiserver on 127.0.0.1: just the Secrets and ConfigMaps calls
// the kubeadm adapter makes (plus the CSR list its impact preview reads, and /version), with the real Status shapes (token-backends.md §6.2), a request log,
// fault injection and held answers. Plain HTTP by default; with `tls` HTTPS, which makes the CLI
// ask /version (a plain-HTTP server is never k3s). It exists for speed and for faults; the real control plane proves behaviour.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Server, Socket } from 'node:net';
import type { KubeConnection } from '../../src/kube/connection.ts';
import { generateK3sPki } from './k3s-pki.ts';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface FakeStatus {
  readonly code: number;
  readonly reason: string;
  readonly message?: string;
  readonly details?: Record<string, unknown>;
}

interface KubeObject {
  kind?: string;
  apiVersion?: string;
  metadata: { name: string; namespace: string; uid: string; resourceVersion: string; creationTimestamp: string };
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

interface HistoryEntry {
  readonly resource: string;
  readonly resourceVersion: number;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: KubeObject;
}

interface OpenWatch {
  readonly response: ServerResponse;
  readonly matches: (resource: string, object: KubeObject) => boolean;
}

interface Fault {
  readonly status: FakeStatus;
  remaining: number;
  readonly match: (request: RecordedRequest) => boolean;
}

interface Hold {
  readonly until: Promise<unknown>;
  remaining: number;
  readonly match: (request: RecordedRequest) => boolean;
}

interface RequestWaiter {
  readonly match: (request: RecordedRequest) => boolean;
  readonly resolve: (request: RecordedRequest) => void;
}

export interface FakeApiserverOptions {
  /** Serve HTTPS with a CA and serving certificate made by openssl now (k3s-pki.ts); `caPem` trusts it. */
  readonly tls?: boolean;
}

/** What GET /version answers: a kubeadm-built apiserver's gitVersion (no `+k3s`). */
export const FAKE_GIT_VERSION = 'v1.31.4';

const ROUTE = /^\/api\/v1\/namespaces\/([^/]+)\/(secrets|configmaps)(?:\/([^/]+))?$/;
/** Cluster-scoped CSRs: list only (what the kubeadm impact preview reads). */
const CSR_LIST_PATH = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
const VERSION_PATH = '/version';

export interface FakeCsr {
  readonly metadata: { readonly name: string };
  readonly spec: { readonly username: string; readonly request: string; readonly signerName?: string };
  readonly status?: { readonly conditions?: readonly { readonly type: string; readonly status?: string }[] };
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

export class FakeApiserver {
  readonly requests: RecordedRequest[] = [];
  readonly #objects = new Map<string, KubeObject>();
  readonly #history: HistoryEntry[] = [];
  readonly #watches = new Set<OpenWatch>();
  readonly #sockets = new Set<Socket>();
  readonly #faults: Fault[] = [];
  readonly #holds: Hold[] = [];
  readonly #waiters = new Set<RequestWaiter>();
  readonly #csrs = new Map<string, FakeCsr & { metadata: { uid: string; resourceVersion: string } }>();
  #resourceVersion = 1000;
  #compactedBelow = 0;
  #refusing = false;
  readonly #server: Server;
  readonly #caPem: string | undefined;
  #port = 0;

  constructor(options: FakeApiserverOptions = {}) {
    const handler = (request: IncomingMessage, response: ServerResponse) => void this.#handle(request, response);
    const pki = options.tls === true ? generateK3sPki(false) : undefined;
    this.#caPem = pki?.caBundle.toString('utf8');
    this.#server = pki === undefined ? createServer(handler) : createHttpsServer({ key: pki.key, cert: pki.certChain }, handler);
  }

  async start(): Promise<this> {
    this.#server.on('connection', (socket) => {
      if (this.#refusing) return socket.destroy();
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#port = (this.#server.address() as { port: number }).port;
    return this;
  }

  get url(): string {
    return `${this.#caPem === undefined ? 'http' : 'https'}://127.0.0.1:${this.#port}`;
  }

  /** The CA that signed the serving certificate (PEM), with `tls`; undefined for plain HTTP. */
  get caPem(): string | undefined {
    return this.#caPem;
  }

  /** A connection for createKubeClient (loopback, a static bearer token). */
  get connection(): KubeConnection {
    return {
      contextName: 'fake',
      clusterName: 'fake',
      userName: 'fake-admin',
      server: this.url,
      ...(this.#caPem === undefined ? {} : { caPem: this.#caPem }),
      insecureSkipTlsVerify: false,
      auth: { type: 'token', token: 'fake-admin-token' },
      sourceFile: '(fake apiserver)',
    };
  }

  /** Stores any object as-is (malformed ones included), like a kubectl apply would. */
  put(resource: 'secrets' | 'configmaps', object: { metadata: { name: string; namespace: string } } & Omit<Partial<KubeObject>, 'metadata'>): KubeObject {
    const key = `${resource}/${object.metadata.namespace}/${object.metadata.name}`;
    const existing = this.#objects.get(key);
    const stored = this.#stamp(object, existing?.metadata.uid);
    this.#objects.set(key, stored);
    this.#record(resource, existing ? 'MODIFIED' : 'ADDED', stored);
    return stored;
  }

  /** Stores a CertificateSigningRequest (listed at /apis/certificates.k8s.io/v1/certificatesigningrequests). */
  putCsr(csr: FakeCsr): void {
    this.#resourceVersion += 1;
    const existing = this.#csrs.get(csr.metadata.name);
    const metadata = { ...csr.metadata, uid: existing?.metadata.uid ?? randomUUID(), resourceVersion: String(this.#resourceVersion) };
    this.#csrs.set(csr.metadata.name, { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', ...csr, metadata } as never);
  }

  secret(namespace: string, name: string): KubeObject | undefined {
    return this.#objects.get(`secrets/${namespace}/${name}`);
  }

  /** The next `times` matching requests answer with `status` instead. */
  failNext(status: FakeStatus, options: { times?: number; match?: (request: RecordedRequest) => boolean } = {}): void {
    this.#faults.push({ status, remaining: options.times ?? 1, match: options.match ?? (() => true) });
  }

  /**
   * The next `times` matching requests are recorded at once but answered only once `until`
   * settles: how a test proves that one request arrived before another was answered.
   */
  holdNext(until: Promise<unknown>, options: { times?: number; match?: (request: RecordedRequest) => boolean } = {}): void {
    this.#holds.push({ until, remaining: options.times ?? 1, match: options.match ?? (() => true) });
  }

  /** The first matching request in the log, or the next one to arrive. */
  whenRequested(match: (request: RecordedRequest) => boolean): Promise<RecordedRequest> {
    const logged = this.requests.find(match);
    if (logged !== undefined) return Promise.resolve(logged);
    return new Promise((resolve) => this.#waiters.add({ match, resolve }));
  }

  /** While on, every connection (and every open watch) is dropped at once. */
  setRefuseConnections(refusing: boolean): void {
    this.#refusing = refusing;
    if (refusing) for (const socket of this.#sockets) socket.destroy();
  }

  /** Forget the watch history: watches from any version handed out so far get 410 Expired. */
  expireHistory(): void {
    this.#resourceVersion += 1; // as if writes happened that the history no longer holds
    this.#compactedBelow = this.#resourceVersion;
    this.#history.length = 0;
  }

  /** Sends an ERROR event carrying `status` on every open watch, then ends them (as the apiserver does). */
  sendWatchError(status: FakeStatus): void {
    this.#broadcast({ type: 'ERROR', object: kubeStatus(status) }, true);
  }

  sendBookmark(): void {
    this.#broadcast({ type: 'BOOKMARK', object: { kind: 'Secret', apiVersion: 'v1', metadata: { resourceVersion: String(this.#resourceVersion) } } }, false);
  }

  /** Ends every open watch cleanly, as the server-side timeoutSeconds does. */
  endWatches(): void {
    for (const watch of this.#watches) watch.response.end();
    this.#watches.clear();
  }

  get openWatches(): number {
    return this.#watches.size;
  }

  async close(): Promise<void> {
    this.endWatches();
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** stringData folded into data (as the apiserver does), new uid unless updated, next version. */
  #stamp(object: Parameters<FakeApiserver['put']>[1], uid?: string): KubeObject {
    const { stringData, ...rest } = object;
    const data = stringData === undefined ? rest.data : { ...rest.data, ...Object.fromEntries(Object.entries(stringData).map(([key, value]) => [key, Buffer.from(value).toString('base64')])) };
    this.#resourceVersion += 1;
    return {
      ...rest,
      ...(data === undefined ? {} : { data }),
      metadata: {
        ...object.metadata,
        uid: uid ?? randomUUID(),
        resourceVersion: String(this.#resourceVersion),
        creationTimestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
    };
  }

  #record(resource: string, type: HistoryEntry['type'], object: KubeObject): void {
    this.#history.push({ resource, resourceVersion: Number(object.metadata.resourceVersion), type, object });
    for (const watch of this.#watches) if (watch.matches(resource, object)) watch.response.write(`${JSON.stringify({ type, object })}\n`);
  }

  #broadcast(event: unknown, end: boolean): void {
    for (const watch of this.#watches) {
      watch.response.write(`${JSON.stringify(event)}\n`);
      if (end) watch.response.end();
    }
    if (end) this.#watches.clear();
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      return send(response, 400, kubeStatus({ code: 400, reason: 'BadRequest', message: 'request body is not JSON' }));
    }
    const recorded: RecordedRequest = { method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body };
    this.requests.push(recorded);
    for (const waiter of this.#waiters) {
      if (!waiter.match(recorded)) continue;
      this.#waiters.delete(waiter);
      waiter.resolve(recorded);
    }
    const hold = this.#holds.find((candidate) => candidate.remaining > 0 && candidate.match(recorded));
    if (hold) {
      hold.remaining -= 1;
      await hold.until.catch(() => undefined);
    }
    const fault = this.#faults.find((candidate) => candidate.remaining > 0 && candidate.match(recorded));
    if (fault) fault.remaining -= 1;
    if (!fault && recorded.method === 'GET' && url.pathname === VERSION_PATH) {
      return send(response, 200, { major: '1', minor: '31', gitVersion: FAKE_GIT_VERSION, platform: 'linux/amd64' });
    }
    if (recorded.method === 'GET' && url.pathname === CSR_LIST_PATH) {
      const list = { kind: 'CertificateSigningRequestList', apiVersion: 'certificates.k8s.io/v1', metadata: { resourceVersion: String(this.#resourceVersion) }, items: [...this.#csrs.values()] };
      return send(response, 200, list);
    }
    const route = ROUTE.exec(url.pathname);
    const [, namespace = '', resource = '', name] = route ?? [];
    const status = fault?.status ?? (route ? this.#route(recorded, response, resource, namespace, name && decodeURIComponent(name)) : notFound('', ''));
    if (status) send(response, status.code, kubeStatus(status));
  }

  /** Answers the request itself, or returns the failure Status to send. */
  #route(request: RecordedRequest, response: ServerResponse, resource: string, namespace: string, name: string | undefined): FakeStatus | void {
    const key = `${resource}/${namespace}/${name}`;
    const object = this.#objects.get(key);
    if (request.method === 'GET' && name === undefined) return this.#list(request, response, resource, namespace);
    if (request.method === 'GET') return object ? send(response, 200, object) : notFound(resource, name);
    if (request.method === 'POST' && name === undefined) {
      const body = request.body as KubeObject | undefined;
      const newName = body?.metadata?.name;
      if (!newName) return { code: 422, reason: 'Invalid', message: 'metadata.name: Required value' };
      if (this.#objects.has(`${resource}/${namespace}/${newName}`)) {
        return { code: 409, reason: 'AlreadyExists', message: `${resource} "${newName}" already exists`, details: { name: newName, kind: resource } };
      }
      return send(response, 201, this.put(resource as 'secrets', { ...body, metadata: { ...body.metadata, namespace } }));
    }
    if (request.method !== 'DELETE' || name === undefined) return { code: 405, reason: 'MethodNotAllowed', message: `${request.method} is not supported here` };
    if (!object) return notFound(resource, name);
    const preconditions = (request.body as { preconditions?: { uid?: string; resourceVersion?: string } } | undefined)?.preconditions ?? {};
    for (const [field, label] of [['uid', 'UID'], ['resourceVersion', 'ResourceVersion']] as const) {
      const expected = preconditions[field];
      if (expected === undefined || expected === object.metadata[field]) continue;
      const message = `Operation cannot be fulfilled on ${resource} "${name}": Precondition failed: ${label} in precondition: ${expected}, ${label} in object meta: ${object.metadata[field]}`;
      return { code: 409, reason: 'Conflict', message, details: { name, kind: resource } };
    }
    this.#objects.delete(key);
    this.#resourceVersion += 1;
    this.#record(resource, 'DELETED', { ...object, metadata: { ...object.metadata, resourceVersion: String(this.#resourceVersion) } });
    send(response, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, kind: resource, uid: object.metadata.uid } });
  }

  #list(request: RecordedRequest, response: ServerResponse, resource: string, namespace: string): FakeStatus | void {
    const typeSelector = /^type=(.+)$/.exec(request.query['fieldSelector'] ?? '')?.[1];
    const inScope = (objectResource: string, object: KubeObject) =>
      objectResource === resource && object.metadata.namespace === namespace && (typeSelector === undefined || object.type === typeSelector);
    const current = [...this.#objects.entries()].filter(([key, object]) => inScope(key.split('/')[0] ?? '', object)).map(([, object]) => object);
    const watching = request.query['watch'] === '1' || request.query['watch'] === 'true';
    if (!watching) {
      const kind = resource === 'secrets' ? 'SecretList' : 'ConfigMapList';
      return send(response, 200, { kind, apiVersion: 'v1', metadata: { resourceVersion: String(this.#resourceVersion) }, items: current });
    }
    const since = Number(request.query['resourceVersion'] || 0);
    if (since !== 0 && since < this.#compactedBelow) {
      return { code: 410, reason: 'Expired', message: `too old resource version: ${since} (${this.#compactedBelow})` };
    }
    response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    // No version: the current state as synthetic ADDED events; a version: the history after it.
    const backlog = since === 0 ? current.map((object) => ({ type: 'ADDED', object })) : this.#history.filter((entry) => entry.resourceVersion > since && inScope(entry.resource, entry.object));
    for (const event of backlog) response.write(`${JSON.stringify({ type: event.type, object: event.object })}\n`);
    const watch: OpenWatch = { response, matches: inScope };
    this.#watches.add(watch);
    const timeoutSeconds = Number(request.query['timeoutSeconds'] || 0);
    const timer = timeoutSeconds > 0 ? setTimeout(() => response.end(), timeoutSeconds * 1000).unref() : undefined;
    response.on('close', () => {
      clearTimeout(timer);
      this.#watches.delete(watch);
    });
  }
}

function notFound(resource: string, name: string | undefined): FakeStatus {
  if (name === undefined || resource === '') return { code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' };
  return { code: 404, reason: 'NotFound', message: `${resource} "${name}" not found`, details: { name, kind: resource } };
}

function send(response: ServerResponse, code: number, body: unknown): void {
  response.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function startFakeApiserver(options: FakeApiserverOptions = {}): Promise<FakeApiserver> {
  return new FakeApiserver(options).start();
}
