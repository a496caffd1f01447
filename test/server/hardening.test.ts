// What hostile clients get from the server (in-process, on the store under test): HEAD where
// GET is, the contract's JSON body on every low-level rejection, request bodies cut instead of
// drained, text fields that refuse what a terminal would act on, and readiness.
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { load as parseYaml } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseCreateTokenRequest } from '../../src/server/request-validation.ts';
import { DEFAULT_TTL } from '../../src/server/options.ts';
import { assertMatchesSchema, contractPath } from './contract.ts';
import { startServerFixture, type ServerFixture } from './fixtures.ts';

let fixture: ServerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

interface RawAnswer {
  readonly status: number;
  readonly headers: string;
  readonly body: string;
}

/** Sends raw bytes and reads until the server closes the connection. */
function raw(url: string, bytes: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n', 2);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head.toLowerCase(), body });
    });
  });
}

describe('HEAD and 405', () => {
  it('answers HEAD wherever GET is answered, with GET’s status and headers and no body', async () => {
    fixture = await startServerFixture();
    const { token } = await fixture.mint();
    for (const path of ['/api/v1/health', '/api/v1/ready', '/api/v1/capabilities', '/api/v1/tokens', `/api/v1/tokens/${token.id}`, `/api/v1/tokens/${token.id}/impact`, '/api/v1/machines', '/api/v1/audit', '/api/v1/events']) {
      const headers = { authorization: `Bearer ${fixture.apiKey}` };
      const head = await fetch(`${fixture.url}${path}`, { method: 'HEAD', headers });
      expect(head.status, path).toBe(200);
      expect(await head.text(), path).toBe('');
      if (path === '/api/v1/events') {
        expect(head.headers.get('content-type')).toMatch(/^text\/event-stream/);
        continue;
      }
      const get = await fetch(`${fixture.url}${path}`, { headers });
      expect(head.headers.get('content-type'), path).toBe(get.headers.get('content-type'));
      if (!path.includes('impact') && !path.includes('audit')) expect(head.headers.get('content-length'), path).toBe(get.headers.get('content-length'));
      await get.text();
    }
  });

  it('names HEAD in Allow beside GET, and refuses HEAD where only POST exists', async () => {
    fixture = await startServerFixture();
    const put = await fetch(`${fixture.url}/api/v1/tokens`, { method: 'PUT', headers: { authorization: `Bearer ${fixture.apiKey}` } });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST, HEAD');
    assertMatchesSchema('Error', await put.json());
    const head = await fetch(`${fixture.url}/api/v1/bootstrap`, { method: 'HEAD' });
    expect(head.status).toBe(405);
    expect(head.headers.get('allow')).toBe('POST');
  });
});

describe('low-level rejections', () => {
  it('answers a malformed request, oversized headers, an unmet Expect, CONNECT and a slow request with the JSON error body', async () => {
    fixture = await startServerFixture({ headersTimeoutMs: 300 });
    const cases: [string, number, string][] = [
      ['NOT HTTP AT ALL\r\n\r\n', 400, 'bad_request'],
      [`GET /api/v1/health HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers_too_large'],
      ['GET /api/v1/health HTTP/1.1\r\nhost: x\r\nexpect: something-else\r\nconnection: close\r\n\r\n', 417, 'expectation_failed'],
      ['CONNECT example.com:443 HTTP/1.1\r\nhost: example.com:443\r\n\r\n', 405, 'method_not_allowed'],
      ['GET /api/v1/health HTTP/1.1\r\nhost: x\r\n', 408, 'request_timeout'],
    ];
    for (const [bytes, status, code] of cases) {
      const answer = await raw(fixture.url, bytes);
      expect(answer.status, code).toBe(status);
      expect(answer.headers, code).toContain('content-type: application/json');
      const body = JSON.parse(answer.body) as unknown;
      assertMatchesSchema('Error', body);
      expect(body).toMatchObject({ error: code });
    }
  });
});

describe('connection cap', () => {
  it('evicts the idlest never-finished connection for a new one, and refuses with 503 when all are busy', async () => {
    fixture = await startServerFixture({ maxConnections: 4 });
    const { hostname, port } = new URL(fixture.url);
    const open = (bytes: string) =>
      new Promise<{ closed: Promise<string>; text: () => string }>((resolve) => {
        const socket = connect(Number(port), hostname, () => {
          socket.write(bytes);
          let text = '';
          socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          resolve({ closed: new Promise((done) => socket.on('close', () => done(text))), text: () => text });
        });
        socket.on('error', () => undefined);
      });
    const slow = [];
    for (let index = 0; index < 4; index++) slow.push(await open('GET /api/v1/health HTTP/1.1\r\nhost: x\r\n'));
    expect((await fetch(`${fixture.url}/api/v1/health`, { headers: { connection: 'close' } })).status).toBe(200);
    const evicted = await slow[0]!.closed;
    expect(evicted).toMatch(/^HTTP\/1\.1 503 /);
    expect(JSON.parse(evicted.split('\r\n\r\n')[1] ?? '')).toMatchObject({ error: 'unavailable', details: { reason: 'too-many-connections' } });

    // Four event streams keep every connection busy: the fifth is refused, with the JSON body.
    const streams = [];
    for (let index = 0; index < 4; index++) {
      const stream = await open(`GET /api/v1/events HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${fixture.readerKey}\r\n\r\n`);
      await vi.waitFor(() => expect(stream.text()).toContain('event: ready'));
      streams.push(stream);
    }
    const refused = await (await open('GET /api/v1/health HTTP/1.1\r\nhost: x\r\n\r\n')).closed;
    expect(refused).toMatch(/^HTTP\/1\.1 503 [\s\S]*"too-many-connections"/);
  });
});

describe('request bodies', () => {
  /** Pushes up to `limitBytes` as fast as the socket takes it; resolves when the server closes. */
  function push(url: string, head: string, limitBytes: number): Promise<{ sent: number; msAfterAnswer: number; answer: string }> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve) => {
      const socket = connect(Number(port), hostname);
      const payload = Buffer.alloc(256 * 1024, 'x');
      // Well-formed chunked framing when the head asks for it: the server must cut it, not reject it as malformed.
      const chunked = /transfer-encoding: chunked/i.test(head);
      const chunk = chunked ? Buffer.concat([Buffer.from(`${payload.length.toString(16)}\r\n`), payload, Buffer.from('\r\n')]) : payload;
      let sent = 0;
      let answer = '';
      let answeredAt = 0;
      const pump = () => {
        while (sent < limitBytes && socket.writable && socket.write(chunk)) sent += chunk.length;
      };
      socket.on('connect', () => {
        socket.write(head);
        pump();
      });
      socket.on('drain', pump);
      socket.on('data', (data: Buffer) => {
        answeredAt ||= performance.now();
        answer += data.toString('utf8');
      });
      socket.on('error', () => undefined);
      socket.on('close', () => resolve({ sent, msAfterAnswer: performance.now() - answeredAt, answer }));
    });
  }

  it('cuts a body sent to a route that reads none, and one over the limit, instead of draining it', async () => {
    fixture = await startServerFixture();
    const GiB = 1024 ** 3;
    const unread = await push(fixture.url, `GET /api/v1/health HTTP/1.1\r\nhost: x\r\ncontent-length: ${30 * GiB}\r\n\r\n`, 2 * GiB);
    expect(unread.sent).toBeLessThan(256 * 1024 ** 2);
    expect(unread.msAfterAnswer).toBeLessThan(1000);
    expect(unread.answer).toMatch(/^HTTP\/1\.1 200 .*connection: close/is);
    const chunked = await push(fixture.url, 'GET /api/v1/health HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n', 2 * GiB);
    expect(chunked.answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(chunked.sent).toBeLessThan(256 * 1024 ** 2);
    const tooBig = await push(
      fixture.url,
      `POST /api/v1/tokens HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${fixture.apiKey}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`,
      2 * GiB,
    );
    expect(tooBig.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(tooBig.sent).toBeLessThan(256 * 1024 ** 2);
    // Still serving everyone else.
    expect((await fetch(`${fixture.url}/api/v1/health`)).status).toBe(200);
  }, 30_000);
});

describe('text fields', () => {
  const createRequest = (() => {
    const contract = parseYaml(readFileSync(contractPath, 'utf8')) as { components: { schemas: Record<string, unknown> } };
    const ajv = new Ajv2020({ strict: false });
    return ajv.compile(contract.components.schemas['CreateTokenRequest'] as object);
  })();
  const serverAccepts = (description: string) => {
    try {
      parseCreateTokenRequest({ description }, DEFAULT_TTL);
      return true;
    } catch {
      return false;
    }
  };

  it('refuses ESC, C1 controls, line separators, bidi overrides and lone surrogates, naming the field', async () => {
    fixture = await startServerFixture();
    for (const bad of ['\u001b[31mred', 'a\u009b2J', 'evil\u202eexe.txt', 'two\u2028lines', 'half \ud800', 'tab\there', 'isolate\u2066x']) {
      for (const field of ['description', 'scope']) {
        const answer = await fixture.request('POST', '/api/v1/tokens', { key: fixture.apiKey, json: { [field]: bad } });
        expect(answer.status, JSON.stringify(bad)).toBe(422);
        expect(answer.error.details).toEqual({ field });
      }
    }
    const fine = await fixture.mint({ description: 'rack 7 — Zürich 東京 🚀', scope: 'edge' });
    expect(fine.token.description).toBe('rack 7 — Zürich 東京 🚀');
    expect((await fixture.request('GET', '/api/v1/tokens', { key: fixture.apiKey })).status).toBe(200);
  });

  it('accepts exactly the text the OpenAPI document allows (property test)', () => {
    const risky = fc.constantFrom('\u001b', '\u0000', '\u007f', '\u0085', '\u009b', '\u061c', '\u200e', '\u200f', '\u202a', '\u202e', '\u2028', '\u2029', '\u2066', '\u2069', '\ud800', '\udfff', '\ud83d\ude80', 'é', ' ');
    const text = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 4 }), risky), { maxLength: 20 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (description) => {
        expect(serverAccepts(description)).toBe(createRequest({ description }));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('GET /api/v1/ready', () => {
  it('is 200 when the database takes a write', async () => {
    fixture = await startServerFixture();
    const ready = await fixture.request('GET', '/api/v1/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
  });
});
