// The fake apiserver's watch side: the history of changes a watch from a resourceVersion replays
// (until a test compacts it: 410 Expired), and the open streams of newline-delimited JSON events,
// ended by timeoutSeconds, by the client, or by the test.
import type { ServerResponse } from 'node:http';
import type { FakeStatus, KubeObject } from './fake-apiserver-wire.ts';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** Whether a watch sees a change to `object` (of `resource`): its namespace, kind and field selector. */
export type WatchScope = (resource: string, object: KubeObject) => boolean;

interface HistoryEntry {
  readonly resource: string;
  readonly resourceVersion: number;
  readonly type: ChangeType;
  readonly object: KubeObject;
}

interface OpenWatch {
  readonly response: ServerResponse;
  readonly matches: WatchScope;
}

export interface WatchRequest {
  /** The resourceVersion to watch from; 0: from the current state. */
  readonly since: number;
  readonly timeoutSeconds: number;
  readonly scope: WatchScope;
  /** The objects in scope now, sent as synthetic ADDED events when `since` is 0. */
  readonly current: readonly KubeObject[];
}

export class WatchFeed {
  readonly #history: HistoryEntry[] = [];
  readonly #watches = new Set<OpenWatch>();
  #compactedBelow = 0;

  get size(): number {
    return this.#watches.size;
  }

  /** Keeps the change for later watches and sends it on the open ones that see it. */
  record(resource: string, type: ChangeType, object: KubeObject): void {
    this.#history.push({ resource, resourceVersion: Number(object.metadata.resourceVersion), type, object });
    for (const watch of this.#watches) if (watch.matches(resource, object)) watch.response.write(`${JSON.stringify({ type, object })}\n`);
  }

  /** Forgets the history: watches from a version below `compactedBelow` get 410 Expired. */
  compact(compactedBelow: number): void {
    this.#compactedBelow = compactedBelow;
    this.#history.length = 0;
  }

  /** Answers a watch request: the backlog, then every change in scope until the stream ends; or the failure Status to send. */
  open(response: ServerResponse, request: WatchRequest): FakeStatus | void {
    const { since, scope } = request;
    if (since !== 0 && since < this.#compactedBelow) {
      return { code: 410, reason: 'Expired', message: `too old resource version: ${since} (${this.#compactedBelow})` };
    }
    response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    // No version: the current state as synthetic ADDED events; a version: the history after it.
    const backlog = since === 0 ? request.current.map((object) => ({ type: 'ADDED', object })) : this.#history.filter((entry) => entry.resourceVersion > since && scope(entry.resource, entry.object));
    for (const event of backlog) response.write(`${JSON.stringify({ type: event.type, object: event.object })}\n`);
    const watch: OpenWatch = { response, matches: scope };
    this.#watches.add(watch);
    const timer = request.timeoutSeconds > 0 ? setTimeout(() => response.end(), request.timeoutSeconds * 1000).unref() : undefined;
    response.on('close', () => {
      clearTimeout(timer);
      this.#watches.delete(watch);
    });
  }

  /** Sends `event` on every open watch; with `end`, ends them all after it. */
  broadcast(event: unknown, end: boolean): void {
    for (const watch of this.#watches) {
      watch.response.write(`${JSON.stringify(event)}\n`);
      if (end) watch.response.end();
    }
    if (end) this.#watches.clear();
  }

  endAll(): void {
    for (const watch of this.#watches) watch.response.end();
    this.#watches.clear();
  }
}
