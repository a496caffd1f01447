// GET /api/v1/events: the ready message, one event per change with increasing ids, data
// matching the contract's schemas, and never a secret in the stream.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readSse, type SseMessage } from '../../src/adapters/rest/sse.ts';
import type { WireTokenList } from '../../src/rest-contract/wire.ts';
import { assertMatchesSchema } from './contract.ts';
import { startServerFixture, type ServerFixture } from './fixtures.ts';

let fixture: ServerFixture | undefined;
let second: ServerFixture | undefined;
afterEach(async () => {
  await second?.close();
  await fixture?.close();
  fixture = undefined;
  second = undefined;
});

const DATA_SCHEMAS: Record<string, string> = {
  ready: 'ReadyEventData',
  'token.created': 'TokenEventData',
  'token.updated': 'TokenEventData',
  'token.revoked': 'TokenEventData',
  'machine.enrolled': 'MachineEventData',
};

async function subscribe(url: string, key: string, signal: AbortSignal, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/api/v1/events`, { headers: { authorization: `Bearer ${key}`, ...headers }, signal });
  const messages: SseMessage[] = [];
  let raw = '';
  let heartbeats = 0;
  const body = response.body!;
  void (async () => {
    const [forParsing, forRaw] = body.tee();
    void (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of forRaw) raw += decoder.decode(chunk, { stream: true });
    })().catch(() => undefined);
    for await (const item of readSse(forParsing)) {
      if (item.type === 'comment') heartbeats += 1;
      else messages.push(item.message);
    }
  })().catch(() => undefined);
  return { response, messages, raw: () => raw, heartbeats: () => heartbeats };
}

describe('GET /api/v1/events', () => {
  it('streams ready, then token and machine events with increasing ids and no secrets', async () => {
    fixture = await startServerFixture({ heartbeatMs: 50 });
    const controller = new AbortController();
    const stream = await subscribe(fixture.url, fixture.readerKey, controller.signal);
    try {
      expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      await vi.waitFor(() => expect(stream.messages.map((message) => message.event)).toEqual(['ready']));

      const { token, secret } = await fixture.mint({ maxUses: 2 });
      const credential = (await fixture.redeem(secret, 'node-1')).body.credential as string;
      const preview = await fixture.impact(token.id);
      await fixture.request('DELETE', `/api/v1/tokens/${token.id}`, { key: fixture.apiKey, headers: { 'if-match': preview.body.etag } });

      const expected = ['ready', 'token.created', 'machine.enrolled', 'token.updated', 'token.revoked'];
      await vi.waitFor(() => expect(stream.messages.map((message) => message.event)).toEqual(expected));
      expect(stream.messages.slice(1).map((message) => Number(message.id))).toEqual([1, 2, 3, 4]);
      for (const message of stream.messages) assertMatchesSchema(DATA_SCHEMAS[message.event] ?? 'none', JSON.parse(message.data));
      expect(JSON.parse(stream.messages[3]!.data)).toMatchObject({ tokenId: token.id, token: { uses: 1 } });
      await vi.waitFor(() => expect(stream.heartbeats()).toBeGreaterThan(0));
      for (const form of [secret.split('.')[1] as string, credential]) expect(stream.raw()).not.toContain(form);
    } finally {
      controller.abort();
    }
  });

  it('reports the event sequence with every token list, so clients can skip what the list includes', async () => {
    fixture = await startServerFixture();
    await fixture.mint();
    await fixture.mint();
    const list = await fixture.request<WireTokenList>('GET', '/api/v1/tokens', { key: fixture.apiKey });
    expect(list.body.eventSeq).toBe(2);
  });

  it('resumes after Last-Event-ID, replaying the events the client missed', async () => {
    fixture = await startServerFixture();
    const minted = [await fixture.mint(), await fixture.mint(), await fixture.mint()];
    const controller = new AbortController();
    const stream = await subscribe(fixture.url, fixture.readerKey, controller.signal, { 'last-event-id': '1' });
    try {
      await vi.waitFor(() => expect(stream.messages.map((message) => message.id || message.event)).toEqual(['ready', '2', '3']));
      const replayed = stream.messages.slice(1).map((message) => JSON.parse(message.data) as { tokenId: string });
      expect(replayed.map((data) => data.tokenId)).toEqual([minted[1]!.token.id, minted[2]!.token.id]);
    } finally {
      controller.abort();
    }
  });

  it('streams a change made through another server on the same database, with the same event id', async () => {
    fixture = await startServerFixture();
    second = await startServerFixture({ ...fixture.database!.options });
    const controller = new AbortController();
    const stream = await subscribe(second.url, second.readerKey, controller.signal);
    try {
      await vi.waitFor(() => expect(stream.messages.map((message) => message.event)).toEqual(['ready']));
      const { token } = await fixture.mint();
      await vi.waitFor(() => expect(stream.messages.map((message) => message.id || message.event)).toEqual(['ready', '1']), { timeout: 2000 });
      expect(JSON.parse(stream.messages[1]!.data)).toMatchObject({ tokenId: token.id });
      const list = await second.request<WireTokenList>('GET', '/api/v1/tokens', { key: second.apiKey });
      expect(list.body.eventSeq).toBe(1);
    } finally {
      controller.abort();
    }
  });
});
