// Server-sent events, fed from the database's event log (store/event-log.ts), so every replica
// streams the same events with the same ids, and a stream can resume on any replica
// (Last-Event-ID) while the log still holds the events after that id.
//
// Hostile or slow clients cannot make the server buffer without bound: nothing more is written
// to a subscriber that has `maxBufferedBytes` unsent. It then reads on from the event log at its
// own pace once its socket drains (the log, not memory, is the queue); one that does not drain
// within STALL_MS is dropped with a final `resync` event (list again, then reconnect).
// Subscribers are capped overall and per API key, so one key cannot take every slot.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WireReadyEventData, WireResyncEventData } from '../rest-contract/wire.ts';
import { ApiError } from './api-error.ts';
import type { EventLog, StoredEvent } from './store/token-store.ts';

const RECONNECT_HINT_MS = 2000;
const BATCH = 500;
/** How long a dropped subscriber's socket may take to flush its final event. */
const DROP_GRACE_MS = 5000;
/** How long a subscriber may sit on a full send buffer before it is dropped. */
export const STALL_MS = 10_000;

export interface EventHubOptions {
  readonly heartbeatMs: number;
  readonly maxSubscribers: number;
  readonly maxSubscribersPerKey: number;
  readonly maxBufferedBytes: number;
  /** How long a subscriber may sit on a full send buffer before it is dropped; default STALL_MS. */
  readonly stallMs?: number;
  /** How often to look for events appended by other processes (a safety net beside NOTIFY). */
  readonly pollMs: number;
  readonly log?: (line: string) => void;
}

interface Subscriber {
  readonly response: ServerResponse;
  readonly key: string;
  /** Id of the last event sent to it. */
  position: number;
  /** Fed by the live fan-out; false while it reads from the log (resuming, or behind). */
  live: boolean;
  stallTimer?: NodeJS.Timeout;
}

export class EventHub {
  readonly #events: EventLog;
  readonly #options: EventHubOptions;
  readonly #subscribers = new Set<Subscriber>();
  readonly #perKey = new Map<string, number>();
  /** Last event id delivered; null while nobody listens (then nothing is tracked). */
  #cursor: number | null = null;
  #starting: Promise<void> | null = null;
  #pumping = false;
  #again = false;
  #timers: NodeJS.Timeout[] = [];
  #stopListening: (() => void) | null = null;

  constructor(events: EventLog, options: EventHubOptions) {
    this.#events = events;
    this.#options = options;
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** Streams to `response` until either side closes; 503 when the caps are reached. */
  async subscribe(request: IncomingMessage, response: ServerResponse, key: string): Promise<void> {
    this.#reserve(key);
    const subscriber: Subscriber = { response, key, position: 0, live: false };
    this.#subscribers.add(subscriber);
    const release = () => this.#remove(subscriber);
    response.once('close', release);
    try {
      await this.#start();
    } catch (error) {
      release();
      throw error;
    }
    if (response.destroyed || this.#cursor === null) return release();
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const ready: WireReadyEventData = { eventSeq: this.#cursor, heartbeatSeconds: this.#options.heartbeatMs / 1000 };
    response.write(`retry: ${RECONNECT_HINT_MS}\nevent: ready\ndata: ${JSON.stringify(ready)}\n\n`);
    subscriber.position = this.#cursor;
    const resumeFrom = parseLastEventId(request.headers['last-event-id']);
    if (resumeFrom !== null && resumeFrom !== subscriber.position) await this.#resume(subscriber, resumeFrom);
    else subscriber.live = true;
  }

  close(): void {
    this.#stop();
    for (const subscriber of this.#subscribers) subscriber.response.end();
    this.#subscribers.clear();
    this.#perKey.clear();
  }

  #reserve(key: string): void {
    const forKey = this.#perKey.get(key) ?? 0;
    if (this.#subscribers.size >= this.#options.maxSubscribers || forKey >= this.#options.maxSubscribersPerKey) {
      const which = forKey >= this.#options.maxSubscribersPerKey ? `for API key "${key}"` : 'on this server';
      throw new ApiError(503, 'unavailable', `too many event stream subscribers ${which}; retry later`, { reason: 'too-many-subscribers' }, { 'retry-after': '5' });
    }
    this.#perKey.set(key, forKey + 1);
  }

  #remove(subscriber: Subscriber): void {
    clearTimeout(subscriber.stallTimer);
    if (!this.#subscribers.delete(subscriber)) return;
    const left = (this.#perKey.get(subscriber.key) ?? 1) - 1;
    if (left > 0) this.#perKey.set(subscriber.key, left);
    else this.#perKey.delete(subscriber.key);
    if (this.#subscribers.size === 0) this.#stop();
  }

  /** First subscriber: learn where the log is, start listening, polling and heartbeats. */
  #start(): Promise<void> {
    if (this.#cursor !== null) return Promise.resolve();
    this.#starting ??= (async () => {
      this.#stopListening = this.#events.onAppended(() => this.#poke());
      this.#cursor = await this.#events.lastSeq();
      this.#timers = [
        setInterval(() => this.#poke(), this.#options.pollMs),
        // A comment line keeps proxies from timing the stream out and lets clients notice a dead one.
        setInterval(() => this.#broadcast(': heartbeat\n\n'), this.#options.heartbeatMs),
      ];
      for (const timer of this.#timers) timer.unref();
      this.#poke();
    })().finally(() => (this.#starting = null));
    return this.#starting.catch((error: unknown) => {
      this.#stop();
      throw error;
    });
  }

  #stop(): void {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    this.#stopListening?.();
    this.#stopListening = null;
    this.#cursor = null;
  }

  #poke(): void {
    this.#again = true;
    if (this.#pumping || this.#cursor === null) return;
    this.#pumping = true;
    void this.#pump().finally(() => (this.#pumping = false));
  }

  /** Reads new events from the log, in order, and sends each to every live subscriber once. */
  async #pump(): Promise<void> {
    while (this.#again && this.#cursor !== null) {
      this.#again = false;
      let batch: StoredEvent[];
      try {
        batch = await this.#events.after(this.#cursor, BATCH);
      } catch (error) {
        // The database is away: the poll timer tries again; subscribers keep their heartbeats.
        this.#options.log?.(`event stream: cannot read the event log: ${(error as Error).message}`);
        return;
      }
      for (const event of batch) {
        if (this.#cursor === null || event.seq <= this.#cursor) continue;
        this.#cursor = event.seq;
        const frame = eventFrame(event);
        for (const subscriber of this.#subscribers) {
          if (subscriber.live && subscriber.position < event.seq && this.#send(subscriber, frame)) subscriber.position = event.seq;
        }
      }
      if (batch.length === BATCH) this.#again = true;
    }
  }

  /** Starts a subscriber at `from` (Last-Event-ID), if the log still holds what follows it. */
  async #resume(subscriber: Subscriber, from: number): Promise<void> {
    if (from > subscriber.position) {
      // Seen on a replica that is a few milliseconds ahead of this one: fine, unless it is no id of this log.
      if (from > (await this.#events.lastSeq())) return this.#drop(subscriber, 'cannot-resume');
      subscriber.position = from;
      subscriber.live = true;
      return;
    }
    const oldest = await this.#events.oldestSeq();
    if (oldest === null || from + 1 < oldest) return this.#drop(subscriber, 'cannot-resume');
    subscriber.position = from;
    await this.#catchUp(subscriber);
  }

  /** Reads the log from the subscriber's position until it is level with the live stream, then joins it. */
  async #catchUp(subscriber: Subscriber): Promise<void> {
    clearTimeout(subscriber.stallTimer);
    subscriber.stallTimer = undefined;
    while (this.#subscribers.has(subscriber) && this.#cursor !== null && subscriber.position < this.#cursor) {
      const batch = await this.#events.after(subscriber.position, BATCH);
      if (batch.length === 0) break;
      for (const event of batch) {
        if (!this.#send(subscriber, eventFrame(event))) return;
        subscriber.position = event.seq;
      }
    }
    subscriber.live = true;
  }

  #broadcast(frame: string): void {
    for (const subscriber of this.#subscribers) if (subscriber.live) this.#send(subscriber, frame);
  }

  /** Writes, unless the subscriber's send buffer is full: then it waits for a drain to catch up (false). */
  #send(subscriber: Subscriber, frame: string): boolean {
    const { response } = subscriber;
    const buffered = response.writableLength;
    if (buffered > 0 && buffered + frame.length > this.#options.maxBufferedBytes) {
      this.#fallBehind(subscriber);
      return false;
    }
    response.write(frame);
    return true;
  }

  #fallBehind(subscriber: Subscriber): void {
    if (subscriber.stallTimer !== undefined) return; // already waiting for a drain
    subscriber.live = false;
    subscriber.response.once('drain', () => void this.#catchUp(subscriber).catch(() => this.#drop(subscriber, 'slow-consumer')));
    subscriber.stallTimer = setTimeout(() => this.#drop(subscriber, 'slow-consumer'), this.#options.stallMs ?? STALL_MS);
    subscriber.stallTimer.unref();
  }

  /** Ends the stream with a `resync` event: the client lists again, then reconnects. */
  #drop(subscriber: Subscriber, reason: WireResyncEventData['reason']): void {
    this.#remove(subscriber);
    const { response } = subscriber;
    const data: WireResyncEventData = { reason };
    response.end(`event: resync\ndata: ${JSON.stringify(data)}\n\n`);
    setTimeout(() => response.destroy(), DROP_GRACE_MS).unref();
  }
}

function eventFrame(event: StoredEvent): string {
  return `id: ${event.seq}\nevent: ${event.type}\ndata: ${event.data}\n\n`;
}

function parseLastEventId(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : null;
}
