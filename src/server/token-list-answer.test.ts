// GET /api/v1/tokens as it is written: over a real loopback socket, through the real router,
// from a store whose pace the test controls. test/real/rest-list-stream.test.ts lists a real
// server process's SQLite database through the rest adapter.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { WireToken, WireTokenList } from '../rest-contract/wire.ts';
import { ApiKeyRing } from './api-keys.ts';
import { createRequestListener } from './router.ts';
import { StoreUnavailableError } from './store/sql.ts';
import type { TokenListSink } from './store/token-store.ts';
import { sendTokenList } from './token-list-answer.ts';
import { wireToken } from '../../test/hostile/fake-rest-server.ts';

const token = (index: number): WireToken =>
  wireToken(`t${String(index).padStart(5, '0')}`, { createdAt: '2026-12-06T10:00:00.000Z', expiresAt: null, isDefault: index === 0 });

type StreamTokens = (sink: TokenListSink) => Promise<void>;

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(streamTokens: StreamTokens): Promise<string> {
  const listener = createRequestListener(
    [{ method: 'GET', path: '/api/v1/tokens', access: 'public', handle: ({ response }) => sendTokenList(response, { streamTokens }) }],
    { keys: new ApiKeyRing([]), clock: { now: () => Date.now() } },
  );
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/tokens`;
}

/** The answer's head, and its body as it arrives (`received`), and how it ended. */
function get(url: string) {
  let received = '';
  let onData = () => {};
  return new Promise<{ response: IncomingMessage; text: () => string; ended: Promise<'end' | 'cut'>; nextData: () => Promise<void> }>((resolve, reject) => {
    const outgoing = httpRequest(url, (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        received += chunk;
        onData();
      });
      const ended = new Promise<'end' | 'cut'>((settle) => {
        response.on('end', () => settle('end'));
        response.on('error', () => settle('cut'));
        response.on('aborted', () => settle('cut'));
      });
      resolve({ response, text: () => received, ended, nextData: () => new Promise<void>((next) => (onData = next)) });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** Resolves when `check` holds, polling (a loaded machine may take a while). */
async function until(check: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !check(); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('GET /api/v1/tokens, streamed', { timeout: 30_000 }, () => {
  it('sends each batch as it is read: the first is on the wire before the store reads the second', async () => {
    let releaseSecond = () => {};
    const secondMayBeRead = new Promise<void>((resolve) => (releaseSecond = resolve));
    const url = await serve(async (sink) => {
      sink.start(41);
      await sink.items([token(0), token(1)]);
      await secondMayBeRead; // the store is "still reading" until the client has seen the first batch
      await sink.items([token(2)]);
    });
    const answer = await get(url);
    expect(answer.response.statusCode).toBe(200);
    expect(answer.response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.response.headers['content-length']).toBeUndefined();
    await until(() => answer.text().includes('"t00001"'), 'the first batch');
    expect(answer.text()).not.toContain('"t00002"');
    releaseSecond();
    expect(await answer.ended).toBe('end');
    const list = JSON.parse(answer.text()) as WireTokenList;
    expect(list).toEqual({ items: [token(0), token(1), token(2)], eventSeq: 41 });
  });

  it('answers an empty list as one', async () => {
    const answer = await get(await serve(async (sink) => sink.start(0)));
    expect(await answer.ended).toBe('end');
    expect(JSON.parse(answer.text())).toEqual({ items: [], eventSeq: 0 });
  });

  it('a store that fails before the first byte gets the usual error answer', async () => {
    const answer = await get(
      await serve(async () => {
        throw new StoreUnavailableError('database-busy', 'locked');
      }),
    );
    expect(answer.response.statusCode).toBe(503);
    expect(await answer.ended).toBe('end');
    expect(JSON.parse(answer.text())).toMatchObject({ error: 'unavailable', details: { reason: 'database-busy' } });
  });

  it('a failure after the first byte cuts the connection: the body never ends as valid JSON', async () => {
    const answer = await get(
      await serve(async (sink) => {
        sink.start(3);
        await sink.items([token(0)]);
        throw new Error('disk gone');
      }),
    );
    expect(answer.response.statusCode).toBe(200);
    expect(await answer.ended).toBe('cut');
    expect(answer.text()).toContain('"t00000"');
    expect(() => JSON.parse(answer.text())).toThrow();
  });

  it('stops reading when the client goes away', async () => {
    let batchesRead = 0;
    let storeEnded: (outcome: string) => void = () => {};
    const storeOutcome = new Promise<string>((resolve) => (storeEnded = resolve));
    const url = await serve(async (sink) => {
      sink.start(0);
      try {
        for (let batch = 0; batch < 10_000; batch++) {
          batchesRead += 1;
          await sink.items([token(batch)]);
        }
        storeEnded('read everything');
      } catch (error) {
        storeEnded(`stopped: ${(error as Error).name}`);
        throw error;
      }
    });
    const answer = await get(url);
    await answer.nextData();
    answer.response.destroy();
    expect(await storeOutcome).toBe('stopped: Error');
    expect(batchesRead).toBeLessThan(10_000);
  });
});
