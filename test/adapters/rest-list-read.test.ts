// The rest adapter reads GET /api/v1/tokens as it arrives (src/adapters/rest/token-list-read.ts):
// however the body is cut into chunks the list is the same, and a body that stops early, breaks
// off or is not JSON fails the request: never a shorter list. The transport is a fetch the test
// writes the answers of; test/real/rest-list-stream.test.ts lists a real server process.
import { describe, expect, it } from 'vitest';
import { createRestAdapter } from '../../src/adapters/rest/index.ts';
import { systemClock } from '../../src/core/clock.ts';
import { TokenTuiError } from '../../src/core/errors.ts';
import { wireCapabilities, wireToken } from '../hostile/fake-rest-server.ts';

const SERVER = 'http://tokens.test';

/** A body sent as these chunks, then `end` (or a network error). */
function body(chunks: readonly string[], end: 'end' | 'error' = 'end'): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      if (index < chunks.length) controller.enqueue(encoder.encode(chunks[index++]));
      else if (end === 'end') controller.close();
      else controller.error(new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }));
    },
  });
}

async function listWith(tokensBody: () => ReadableStream<Uint8Array>) {
  const fetch = async (input: Request | string | URL) => {
    const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
    if (path === '/api/v1/capabilities') return Response.json(wireCapabilities());
    if (path === '/api/v1/tokens') return new Response(tokensBody(), { status: 200, headers: { 'content-type': 'application/json' } });
    return new Response('{}', { status: 404 });
  };
  const adapter = await createRestAdapter({ adapter: 'rest', context: 'test', server: SERVER, apiKey: 'key' }, { clock: systemClock, fetch: fetch as typeof globalThis.fetch });
  return adapter.list();
}

async function failure(work: Promise<unknown>): Promise<TokenTuiError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TokenTuiError);
  return error as TokenTuiError;
}

const ids = Array.from({ length: 40 }, (_, index) => `t${String(index).padStart(5, '0')}`);
const whole = JSON.stringify({ items: ids.map((id) => wireToken(id)), eventSeq: 7 });

describe('the rest adapter reads the token list as it arrives', () => {
  it('lists the same tokens however the body is cut', async () => {
    for (const size of [1, 7, 64, 1000, whole.length]) {
      const chunks = Array.from({ length: Math.ceil(whole.length / size) }, (_, index) => whole.slice(index * size, (index + 1) * size));
      expect((await listWith(() => body(chunks))).map((token) => token.id), `chunks of ${size}`).toEqual(ids);
    }
  });

  it('a body that ends in the middle of the list fails, with nothing listed', async () => {
    const error = await failure(listWith(() => body([whole.slice(0, Math.floor(whole.length / 2))])));
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain('answered GET /api/v1/tokens with a body that is not JSON');
  });

  it('a connection that breaks off in the middle of the list fails as a transport error', async () => {
    const error = await failure(listWith(() => body([whole.slice(0, 3000)], 'error')));
    expect(error.exitCode).toBe(1);
    expect(error.kind).toBe('transport');
  });

  it('a body that is not JSON fails without quoting it', async () => {
    const error = await failure(listWith(() => body(['{"items":[{"id":"t00000", "secret": "abcdef.0123456789abcdef" oops'])));
    expect(error.message).toContain('with a body that is not JSON');
    expect(error.message).not.toContain('abcdef.0123456789abcdef');
  });

  it('the envelope is checked as well as the items', async () => {
    const error = await failure(listWith(() => body([JSON.stringify({ items: [wireToken('t00000')], eventSeq: -1 })])));
    expect(error.field).toBe('eventSeq');
  });
});
