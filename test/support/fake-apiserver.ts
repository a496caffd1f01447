// An in-process stand-in for kube-apiserver on 127.0.0.1: just the Secrets and ConfigMaps calls
// the kubeadm adapter makes (plus the CSR list its impact preview reads, and /version), with the real Status shapes, a request log,
// fault injection and held answers. Plain HTTP by default; with `tls` HTTPS, which makes the CLI
// ask /version (a plain-HTTP server is never k3s). It exists for speed and for faults; the real control plane proves behaviour.
// This module routes; the parts live beside it: fake-apiserver-{listener,requests,objects,watches,csrs,wire}.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeConnection } from '../../src/kube/connection.ts';
import { CSR_LIST_PATH, CsrStore, type FakeCsr } from './fake-apiserver-csrs.ts';
import { LoopbackListener } from './fake-apiserver-listener.ts';
import { ObjectStore, type ObjectToStore, type StoredResource } from './fake-apiserver-objects.ts';
import { RequestLog, type NextRequests, type RecordedRequest, type RequestMatch } from './fake-apiserver-requests.ts';
import { WatchFeed } from './fake-apiserver-watches.ts';
import { kubeStatus, notFound, sendJson, type FakeStatus, type KubeObject } from './fake-apiserver-wire.ts';

export type { FakeCsr } from './fake-apiserver-csrs.ts';
export type { RecordedRequest } from './fake-apiserver-requests.ts';
export { kubeStatus, type FakeStatus } from './fake-apiserver-wire.ts';

export interface FakeApiserverOptions {
  /** Serve HTTPS with a CA and serving certificate made by openssl now (k3s-pki.ts); `caPem` trusts it. */
  readonly tls?: boolean;
}

/** What GET /version answers: a kubeadm-built apiserver's gitVersion (no `+k3s`). */
export const FAKE_GIT_VERSION = 'v1.31.4';

const ROUTE = /^\/api\/v1\/namespaces\/([^/]+)\/(secrets|configmaps)(?:\/([^/]+))?$/;
const VERSION_PATH = '/version';

export class FakeApiserver {
  readonly #log = new RequestLog();
  readonly #watches = new WatchFeed();
  readonly #objects = new ObjectStore(this.#watches);
  readonly #csrs = new CsrStore();
  readonly #listener: LoopbackListener;

  constructor(options: FakeApiserverOptions = {}) {
    this.#listener = new LoopbackListener(options.tls === true, (request, response) => void this.#handle(request, response));
  }

  async start(): Promise<this> {
    await this.#listener.start();
    return this;
  }

  /** Every request received with a JSON (or empty) body, in arrival order; a test may empty it. */
  get requests(): RecordedRequest[] {
    return this.#log.requests;
  }

  get url(): string {
    return this.#listener.url;
  }

  /** The CA that signed the serving certificate (PEM), with `tls`; undefined for plain HTTP. */
  get caPem(): string | undefined {
    return this.#listener.caPem;
  }

  /** A connection for createKubeClient (loopback, a static bearer token). */
  get connection(): KubeConnection {
    return {
      contextName: 'fake',
      clusterName: 'fake',
      userName: 'fake-admin',
      server: this.url,
      ...(this.caPem === undefined ? {} : { caPem: this.caPem }),
      insecureSkipTlsVerify: false,
      auth: { type: 'token', token: 'fake-admin-token' },
      sourceFile: '(fake apiserver)',
    };
  }

  /** Stores any object as-is (malformed ones included), like a kubectl apply would. */
  put(resource: StoredResource, object: ObjectToStore): KubeObject {
    return this.#objects.put(resource, object);
  }

  /** Stores a CertificateSigningRequest (listed at /apis/certificates.k8s.io/v1/certificatesigningrequests). */
  putCsr(csr: FakeCsr): void {
    this.#csrs.put(csr, this.#objects.nextResourceVersion());
  }

  secret(namespace: string, name: string): KubeObject | undefined {
    return this.#objects.get('secrets', namespace, name);
  }

  /** The next `times` matching requests answer with `status` instead. */
  failNext(status: FakeStatus, options: NextRequests = {}): void {
    this.#log.failNext(status, options);
  }

  /**
   * The next `times` matching requests are recorded at once but answered only once `until`
   * settles: how a test proves that one request arrived before another was answered.
   */
  holdNext(until: Promise<unknown>, options: NextRequests = {}): void {
    this.#log.holdNext(until, options);
  }

  /** The first matching request in the log, or the next one to arrive. */
  whenRequested(match: RequestMatch): Promise<RecordedRequest> {
    return this.#log.whenRequested(match);
  }

  /** While on, every connection (and every open watch) is dropped at once. */
  setRefuseConnections(refusing: boolean): void {
    this.#listener.setRefuseConnections(refusing);
  }

  /** Forget the watch history: watches from any version handed out so far get 410 Expired. */
  expireHistory(): void {
    this.#objects.expireHistory();
  }

  /** Sends an ERROR event carrying `status` on every open watch, then ends them (as the apiserver does). */
  sendWatchError(status: FakeStatus): void {
    this.#watches.broadcast({ type: 'ERROR', object: kubeStatus(status) }, true);
  }

  sendBookmark(): void {
    this.#watches.broadcast({ type: 'BOOKMARK', object: { kind: 'Secret', apiVersion: 'v1', metadata: { resourceVersion: this.#objects.resourceVersion } } }, false);
  }

  /** Ends every open watch cleanly, as the server-side timeoutSeconds does. */
  endWatches(): void {
    this.#watches.endAll();
  }

  get openWatches(): number {
    return this.#watches.size;
  }

  async close(): Promise<void> {
    this.endWatches();
    await this.#listener.close();
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
      return sendJson(response, 400, kubeStatus({ code: 400, reason: 'BadRequest', message: 'request body is not JSON' }));
    }
    const recorded: RecordedRequest = { method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body };
    const fault = await this.#log.admit(recorded);
    if (!fault && recorded.method === 'GET' && url.pathname === VERSION_PATH) {
      return sendJson(response, 200, { major: '1', minor: '31', gitVersion: FAKE_GIT_VERSION, platform: 'linux/amd64' });
    }
    if (recorded.method === 'GET' && url.pathname === CSR_LIST_PATH) return sendJson(response, 200, this.#csrs.list(this.#objects.resourceVersion));
    const route = ROUTE.exec(url.pathname);
    const [, namespace = '', resource = '', name] = route ?? [];
    const status = fault ?? (route ? this.#objects.answer(recorded, response, resource, namespace, name && decodeURIComponent(name)) : notFound('', ''));
    if (status) sendJson(response, status.code, kubeStatus(status));
  }
}

export async function startFakeApiserver(options: FakeApiserverOptions = {}): Promise<FakeApiserver> {
  return new FakeApiserver(options).start();
}
