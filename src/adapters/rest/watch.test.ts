// The event-stream watch: against the real server (restart = reconnect with a new snapshot)
// and against a scripted stream (events the list already covers; a silent connection).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestRestServer, tempDir, type TestRestServer } from '../../../test/support/rest-server.ts';
import { systemClock } from '../../core/clock.ts';
import type { WatchEvent } from '../contract.ts';
import type { WireCapabilities, WireToken } from '../../rest-contract/wire.ts';
import { createRestAdapter } from './index.ts';
import { backoffDelayMs } from './watch.ts';

const WAIT = { timeout: 5_000, interval: 10 };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A backoff the test releases by hand, recording the delays asked for. */
function manualSleep() {
  const waiting: (() => void)[] = [];
  const delays: number[] = [];
  return {
    delays,
    sleep: (ms: number) => {
      delays.push(ms);
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    pending: () => waiting.length,
    release: () => waiting.shift()?.(),
  };
}

function states(events: WatchEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'state' ? [event.state] : []));
}

describe('watch against the reference server', () => {
  it('goes live with a snapshot, reports reconnecting then stale while the server is down, and relists when it is back', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const dbPath = `${dir.path}/tokens.db`;
    let server: TestRestServer = await startTestRestServer({ dbPath });
    cleanups.push(() => server.close());
    const port = new URL(server.url).port;
    const backoff = manualSleep();
    const adapter = await createRestAdapter(
      { adapter: 'rest', context: 'w', server: server.url, apiKey: server.apiKey },
      { clock: systemClock, backoffSleep: backoff.sleep, random: () => 0.5 },
    );
    const events: WatchEvent[] = [];
    const controller = new AbortController();
    cleanups.push(() => controller.abort());
    adapter.watch!((event) => events.push(event), controller.signal);
    await vi.waitFor(() => expect(states(events)).toEqual(['connecting', 'live']), WAIT);

    await server.server.close();
    await vi.waitFor(() => expect(backoff.pending()).toBe(1), WAIT);
    const lost = events.at(-1);
    expect(lost).toMatchObject({ type: 'state', state: 'reconnecting', error: { kind: 'transport' } });
    backoff.release();
    await vi.waitFor(() => expect(backoff.pending()).toBe(1), WAIT);
    backoff.release();
    await vi.waitFor(() => expect(states(events).at(-1)).toBe('stale'), WAIT);
    expect(backoff.delays).toEqual([500, 1000, 2000]);

    // Back on the same port and database; a token minted while the client was away.
    server = await startTestRestServer({ dbPath, listen: `127.0.0.1:${port}` });
    const minted = await fetch(`${server.url}/api/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const { token } = (await minted.json()) as { token: WireToken };
    // The new server has new keys: the old adapter is refused (401) until it gets the right key.
    backoff.release();
    await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ type: 'state', error: { kind: 'unauthorized' } }), WAIT);
    expect(events.filter((event) => event.type === 'snapshot')).toHaveLength(1);

    const revived = await createRestAdapter(
      { adapter: 'rest', context: 'w', server: server.url, apiKey: server.apiKey },
      { clock: systemClock, backoffSleep: backoff.sleep },
    );
    const fresh: WatchEvent[] = [];
    revived.watch!((event) => fresh.push(event), controller.signal);
    await vi.waitFor(() => expect(states(fresh)).toEqual(['connecting', 'live']), WAIT);
    const snapshot = fresh.find((event) => event.type === 'snapshot');
    expect(snapshot?.type === 'snapshot' && snapshot.tokens.map((item) => item.id)).toEqual([token.id]);
  });
});

function wireToken(id: string, description: string): WireToken {
  return {
    id,
    description,
    scope: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'alice',
    expiresAt: null,
    maxUses: null,
    uses: 0,
    usesRemaining: null,
    status: 'active',
    isDefault: false,
    etag: `"${id}-${description}"`,
  };
}

const capabilities: WireCapabilities = {
  apiVersion: 'v1',
  mode: 'unique',
  makeDefault: true,
  impact: true,
  events: true,
  maxUses: true,
  ttl: { defaultSeconds: 900, minSeconds: 1, maxSeconds: null, allowNever: true },
  serverTime: '2026-01-01T00:00:00.000Z',
};

describe('watch against a scripted event stream', () => {
  it('skips events the list already includes, applies newer ones, and treats silence as a dead stream', async () => {
    const frames = [
      'event: ready\ndata: {"eventSeq":5,"heartbeatSeconds":0.02}\n\n',
      `id: 5\nevent: token.updated\ndata: ${JSON.stringify({ tokenId: 'aaaaaa', token: wireToken('aaaaaa', 'older') })}\n\n`,
      `id: 6\nevent: token.created\ndata: ${JSON.stringify({ tokenId: 'bbbbbb', token: wireToken('bbbbbb', 'new') })}\n\n`,
      `id: 7\nevent: token.revoked\ndata: ${JSON.stringify({ tokenId: 'aaaaaa' })}\n\n`,
    ];
    let streams = 0;
    const fetchScript: typeof fetch = async (input, init) => {
      const path = new URL(new Request(input, init).url).pathname;
      if (path.endsWith('/capabilities')) return Response.json(capabilities);
      if (path.endsWith('/tokens')) return Response.json({ items: [wireToken('aaaaaa', 'listed')], eventSeq: 5 });
      streams += 1;
      // The frames, then silence: the connection stays open but nothing more arrives.
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const frame of frames) controller.enqueue(new TextEncoder().encode(frame));
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    };
    const backoff = manualSleep();
    const adapter = await createRestAdapter(
      { adapter: 'rest', context: 's', server: 'http://127.0.0.1:9', apiKey: 'k' },
      { clock: systemClock, fetch: fetchScript, backoffSleep: backoff.sleep },
    );
    const events: WatchEvent[] = [];
    const controller = new AbortController();
    cleanups.push(() => controller.abort());
    adapter.watch!((event) => events.push(event), controller.signal);
    await vi.waitFor(() => expect(backoff.pending()).toBe(1), WAIT);
    expect(events.map((event) => (event.type === 'state' ? event.state : event.type))).toEqual([
      'connecting',
      'snapshot',
      'live',
      'upsert',
      'delete',
      'reconnecting',
    ]);
    expect(events[3]).toMatchObject({ type: 'upsert', token: { id: 'bbbbbb', description: 'new' } });
    expect(events[4]).toEqual({ type: 'delete', id: 'aaaaaa' });
    const silent = events[5];
    expect(silent?.type === 'state' && [silent.error?.kind, silent.error?.message]).toEqual([
      'timeout',
      'rest: no data from the event stream for 1.0s',
    ]);
    expect(streams).toBe(1);
  });

  it('backs off exponentially with jitter, capped at 10 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((failures) => backoffDelayMs(failures, () => 0.5))).toEqual([
      500, 1000, 2000, 4000, 8000, 10000, 10000,
    ]);
    expect(backoffDelayMs(1, () => 0)).toBe(375);
    expect(backoffDelayMs(1, () => 0.999999)).toBe(625);
  });
});
