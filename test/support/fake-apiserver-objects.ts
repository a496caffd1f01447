// The namespaced Secrets and ConfigMaps the fake apiserver stores, and its answers to the calls
// on them: get, list (with a type= field selector), watch, create, and delete with
// DeleteOptions.preconditions enforced like the real apiserver. It also keeps the one
// resourceVersion counter every kind shares, as etcd's revision is.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { RecordedRequest } from './fake-apiserver-requests.ts';
import type { WatchFeed } from './fake-apiserver-watches.ts';
import { notFound, sendJson, type FakeStatus, type KubeObject } from './fake-apiserver-wire.ts';

export type StoredResource = 'secrets' | 'configmaps';

/** What a test may store: any object with a name and namespace; the rest of metadata is stamped. */
export type ObjectToStore = { metadata: { name: string; namespace: string } } & Omit<Partial<KubeObject>, 'metadata'>;

export class ObjectStore {
  readonly #objects = new Map<string, KubeObject>();
  readonly #watches: WatchFeed;
  #resourceVersion = 1000;

  constructor(watches: WatchFeed) {
    this.#watches = watches;
  }

  get resourceVersion(): string {
    return String(this.#resourceVersion);
  }

  /** The version the next write gets (any kind's write). */
  nextResourceVersion(): string {
    this.#resourceVersion += 1;
    return String(this.#resourceVersion);
  }

  put(resource: StoredResource, object: ObjectToStore): KubeObject {
    const key = `${resource}/${object.metadata.namespace}/${object.metadata.name}`;
    const existing = this.#objects.get(key);
    const stored = this.#stamp(object, existing?.metadata.uid);
    this.#objects.set(key, stored);
    this.#watches.record(resource, existing ? 'MODIFIED' : 'ADDED', stored);
    return stored;
  }

  get(resource: StoredResource, namespace: string, name: string): KubeObject | undefined {
    return this.#objects.get(`${resource}/${namespace}/${name}`);
  }

  /** As if writes happened that the watch history no longer holds. */
  expireHistory(): void {
    this.#resourceVersion += 1;
    this.#watches.compact(this.#resourceVersion);
  }

  /** Answers the request itself, or returns the failure Status to send. */
  answer(request: RecordedRequest, response: ServerResponse, resource: string, namespace: string, name: string | undefined): FakeStatus | void {
    const key = `${resource}/${namespace}/${name}`;
    const object = this.#objects.get(key);
    if (request.method === 'GET' && name === undefined) return this.#list(request, response, resource, namespace);
    if (request.method === 'GET') return object ? sendJson(response, 200, object) : notFound(resource, name);
    if (request.method === 'POST' && name === undefined) {
      const body = request.body as KubeObject | undefined;
      const newName = body?.metadata?.name;
      if (!newName) return { code: 422, reason: 'Invalid', message: 'metadata.name: Required value' };
      if (this.#objects.has(`${resource}/${namespace}/${newName}`)) {
        return { code: 409, reason: 'AlreadyExists', message: `${resource} "${newName}" already exists`, details: { name: newName, kind: resource } };
      }
      return sendJson(response, 201, this.put(resource as StoredResource, { ...body, metadata: { ...body.metadata, namespace } }));
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
    this.#watches.record(resource, 'DELETED', { ...object, metadata: { ...object.metadata, resourceVersion: this.nextResourceVersion() } });
    sendJson(response, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, kind: resource, uid: object.metadata.uid } });
  }

  #list(request: RecordedRequest, response: ServerResponse, resource: string, namespace: string): FakeStatus | void {
    const typeSelector = /^type=(.+)$/.exec(request.query['fieldSelector'] ?? '')?.[1];
    const scope = (objectResource: string, object: KubeObject) =>
      objectResource === resource && object.metadata.namespace === namespace && (typeSelector === undefined || object.type === typeSelector);
    const current = [...this.#objects.entries()].filter(([key, object]) => scope(key.split('/')[0] ?? '', object)).map(([, object]) => object);
    const watching = request.query['watch'] === '1' || request.query['watch'] === 'true';
    if (watching) {
      const since = Number(request.query['resourceVersion'] || 0);
      return this.#watches.open(response, { since, timeoutSeconds: Number(request.query['timeoutSeconds'] || 0), scope, current });
    }
    const kind = resource === 'secrets' ? 'SecretList' : 'ConfigMapList';
    sendJson(response, 200, { kind, apiVersion: 'v1', metadata: { resourceVersion: this.resourceVersion }, items: current });
  }

  /** stringData folded into data (as the apiserver does), new uid unless updated, next version. */
  #stamp(object: ObjectToStore, uid?: string): KubeObject {
    const { stringData, ...rest } = object;
    const data = stringData === undefined ? rest.data : { ...rest.data, ...Object.fromEntries(Object.entries(stringData).map(([key, value]) => [key, Buffer.from(value).toString('base64')])) };
    const resourceVersion = this.nextResourceVersion();
    return {
      ...rest,
      ...(data === undefined ? {} : { data }),
      metadata: {
        ...object.metadata,
        uid: uid ?? randomUUID(),
        resourceVersion,
        creationTimestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
    };
  }
}
