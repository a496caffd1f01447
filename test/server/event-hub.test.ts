// The event hub against real sockets, fed by an in-memory event log (so a test can produce
// megabytes of events at once): slow subscribers are dropped with `resync` while the others get
// every event; caps per API key and in all; resuming with Last-Event-ID.
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readSse, type SseMessage } from '../../src/adapters/rest/sse.ts';
import { ApiError } from '../../src/server/api-error.ts';
import { EventHub, type EventHubOptions } from '../../src/server/event-hub.ts';
import type { EventLog, StoredEvent } from '../../src/server/store/token-store.ts';

class MemoryLog implements EventLog {
  events: StoredEvent[] = [];
  #listeners = new Set<() => void>();
  append(count: number, bytes = 100): void {
    for (let index = 0; index < count; index++) {
      const seq = (this.events.at(-1)?.seq ?? 0) + 1;
      this.events.push({ seq, type: 'token.created', data: JSON.stringify({ tokenId: `t${seq}`, pad: 'x'.repeat(bytes) }) });
    }
    this.#listeners.forEach((listener) => listener());
  }
  prune(below: number): void {
    this.events = this.events.filter((event) => event.seq >= below);
  }
  lastSeq = async () => this.events.at(-1)?.seq ?? 0;
  after = async (seq: number, limit: number) => this.events.filter((event) => event.seq > seq).slice(0, limit);
  oldestSeq = async () => this.events[0]?.seq ?? null;
  onAppended = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
}

interface Harness {
  readonly log: MemoryLog;
  readonly url: string;
  readonly port: number;
}

let server: Server | undefined;
let hub: EventHub | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  hub?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function start(options: Partial<EventHubOptions> = {}): Promise<Harness> {
  const log = new MemoryLog();
  hub = new EventHub(log, { heartbeatMs: 60_000, maxSubscribers: 10, maxSubscribersPerKey: 10, maxBufferedBytes: 64 * 1024, pollMs: 60_000, ...options });
  const current = hub;
  server = createServer((request, response) => {
    const key = String(request.headers['x-key'] ?? 'alice');
    current.subscribe(request, response, key).catch((error: unknown) => {
      const status = error instanceof ApiError ? error.status : 500;
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ message: (error as Error).message }));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { log, url: `http://127.0.0.1:${port}`, port };
}

/** A subscriber that reads everything, parsed. */
async function reader(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const messages: SseMessage[] = [];
  let ended = false;
  if (response.status === 200) {
    void (async () => {
      for await (const item of readSse(response.body!)) if (item.type === 'message') messages.push(item.message);
      ended = true;
    })().catch(() => undefined);
  }
  return { status: response.status, body: response.status === 200 ? null : await response.json(), messages, ended: () => ended, stop: () => controller.abort() };
}

/** A subscriber that sends its request and then never reads a byte. */
function stalled(port: number): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('GET /events HTTP/1.1\r\nhost: x\r\nx-key: bob\r\n\r\n');
      socket.pause();
      resolve(socket);
    });
    sockets.push(socket);
  });
}

function readAll(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('close', () => resolve(text));
    socket.resume();
  });
}

describe('EventHub', () => {
  it('drops a subscriber that stops reading with a final resync event, while others get every event', async () => {
    const { log, url, port } = await start({ maxBufferedBytes: 64 * 1024, stallMs: 1000 });
    const stuck = await stalled(port);
    const healthy = await reader(url);
    await vi.waitFor(() => expect(healthy.messages.map((message) => message.event)).toEqual(['ready']));
    // 10 MB of events: more than twice what the kernel buffers for the stalled connection (~4 MB on loopback).
    for (let batch = 0; batch < 10; batch++) log.append(16, 64 * 1024);
    await vi.waitFor(() => expect(healthy.messages).toHaveLength(1 + 160), { timeout: 20_000 });
    expect(healthy.messages.slice(1).map((message) => Number(message.id))).toEqual(Array.from({ length: 160 }, (_, index) => index + 1));
    // Still not reading after stallMs: dropped (only the healthy subscriber is left).
    await vi.waitFor(() => expect(hub?.subscriberCount).toBe(1), { timeout: 10_000 });
    const text = await readAll(stuck);
    // The last frame, then the end of the chunked body.
    expect(text).toMatch(/event: resync\ndata: \{"reason":"slow-consumer"\}\n\n\r\n0\r\n\r\n$/);
    // It was cut off well before the end: its last delivered event is far below 256.
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
    expect(ids.at(-1)).toBeLessThan(120);
    healthy.stop();
  }, 30_000);

  it('caps subscribers per API key and in all, and frees a slot when one leaves', async () => {
    const { url } = await start({ maxSubscribers: 3, maxSubscribersPerKey: 2 });
    const alice = [await reader(url), await reader(url)];
    const third = await reader(url);
    expect(third.status).toBe(503);
    expect(third.body).toMatchObject({ message: expect.stringContaining('for API key "alice"') });
    const rita = await reader(url, { 'x-key': 'rita' });
    expect(rita.status).toBe(200);
    const full = await reader(url, { 'x-key': 'rita' });
    expect(full.status).toBe(503);
    expect(full.body).toMatchObject({ message: expect.stringContaining('on this server') });
    alice[0]!.stop();
    await vi.waitFor(async () => {
      const again = await reader(url);
      again.stop();
      expect(again.status).toBe(200);
    });
    for (const subscriber of [...alice, rita]) subscriber.stop();
  });

  it('replays the events after Last-Event-ID, and asks to resync when they are gone or unknown', async () => {
    const { log, url } = await start();
    log.append(5);
    const resumed = await reader(url, { 'last-event-id': '2' });
    await vi.waitFor(() => expect(resumed.messages.map((message) => message.id || message.event)).toEqual(['ready', '3', '4', '5']));
    log.append(1);
    await vi.waitFor(() => expect(resumed.messages.map((message) => message.id || message.event)).toEqual(['ready', '3', '4', '5', '6']));
    resumed.stop();

    log.prune(4);
    const tooOld = await reader(url, { 'last-event-id': '1' });
    await vi.waitFor(() => expect(tooOld.ended()).toBe(true));
    expect(tooOld.messages.map((message) => [message.event, message.data])).toEqual([
      ['ready', expect.any(String)],
      ['resync', '{"reason":"cannot-resume"}'],
    ]);
    const unknown = await reader(url, { 'last-event-id': '999' });
    await vi.waitFor(() => expect(unknown.ended()).toBe(true));
    expect(unknown.messages.at(-1)).toMatchObject({ event: 'resync', data: '{"reason":"cannot-resume"}' });
  });
});
