// Server-sent events: every change is published with a sequence number, so a client that
// lists and then applies events can drop the ones its list already includes (eventSeq).
// Payloads carry ids and public records only, never a secret.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WireEventType, WireReadyEventData } from '../rest-contract/wire.ts';

const MAX_SUBSCRIBERS = 256;
const RECONNECT_HINT_MS = 2000;

export class EventHub {
  #seq = 0;
  readonly #subscribers = new Set<ServerResponse>();
  readonly #heartbeatMs: number;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(heartbeatMs: number) {
    this.#heartbeatMs = heartbeatMs;
  }

  /** Id of the last published event. */
  get lastSeq(): number {
    return this.#seq;
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** Returns false when the hub is full (the caller answers 503). */
  subscribe(request: IncomingMessage, response: ServerResponse): boolean {
    if (this.#subscribers.size >= MAX_SUBSCRIBERS) return false;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const ready: WireReadyEventData = { eventSeq: this.#seq, heartbeatSeconds: this.#heartbeatMs / 1000 };
    response.write(`retry: ${RECONNECT_HINT_MS}\nevent: ready\ndata: ${JSON.stringify(ready)}\n\n`);
    this.#subscribers.add(response);
    const unsubscribe = () => {
      this.#subscribers.delete(response);
      if (this.#subscribers.size === 0) this.#stopHeartbeat();
    };
    request.on('close', unsubscribe);
    response.on('close', unsubscribe);
    this.#startHeartbeat();
    return true;
  }

  publish(type: WireEventType, data: unknown): void {
    this.#seq += 1;
    const frame = `id: ${this.#seq}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const subscriber of this.#subscribers) subscriber.write(frame);
  }

  close(): void {
    this.#stopHeartbeat();
    for (const subscriber of this.#subscribers) subscriber.end();
    this.#subscribers.clear();
  }

  #startHeartbeat(): void {
    if (this.#heartbeat !== undefined) return;
    // A comment line keeps proxies from timing the stream out and lets clients notice a dead one.
    this.#heartbeat = setInterval(() => {
      for (const subscriber of this.#subscribers) subscriber.write(': heartbeat\n\n');
    }, this.#heartbeatMs);
    this.#heartbeat.unref();
  }

  #stopHeartbeat(): void {
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
  }
}
