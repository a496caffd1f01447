// The rest adapter against the real reference server (with a request log), and against a
// scripted transport for the HTTP failures a healthy server will not produce on demand.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestRestServer, type TestRestServer } from '../../../test/support/rest-server.ts';
import { fingerprintToRevision } from '../../core/fingerprint.ts';
import { systemClock } from '../../core/clock.ts';
import { TokenTuiError } from '../../core/errors.ts';
import { tokenStatus } from '../../core/token.ts';
import type { WireCapabilities } from '../../rest-contract/wire.ts';
import { createRestAdapter } from './index.ts';

let server: TestRestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The real fetch, recording `METHOD path if-match` of every request. */
function recordingFetch(log: string[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const ifMatch = request.headers.get('if-match');
    log.push(`${request.method} ${new URL(request.url).pathname}${ifMatch === null ? '' : ` ${ifMatch}`}`);
    return fetch(request);
  };
}

async function adapterFor(target: TestRestServer, log: string[] = []) {
  return createRestAdapter(
    { adapter: 'rest', context: 'test', server: target.url, apiKey: target.apiKey },
    { clock: systemClock, fetch: recordingFetch(log) },
  );
}

async function failure(promise: Promise<unknown>): Promise<TokenTuiError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(TokenTuiError);
  return error as TokenTuiError;
}

describe('createRestAdapter against the reference server', () => {
  it('revokes with the preview fingerprint, and refuses a stale one without a second DELETE', async () => {
    server = await startTestRestServer();
    const log: string[] = [];
    const adapter = await adapterFor(server, log);
    const created = await adapter.create!({ description: 'preview me', ttlSeconds: 600, fields: { maxUses: 5 } });
    const preview = await adapter.impact!(created.token.id);
    expect(fingerprintToRevision(preview.fingerprint)).toEqual(created.token.revision);

    await fetch(`${server.url}/api/v1/bootstrap`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: created.secret, machine: 'sneaky', canHoldCredential: false }),
    });
    log.length = 0;
    const stale = await failure(adapter.revoke!(created.token.id, fingerprintToRevision(preview.fingerprint)));
    expect(stale.kind).toBe('conflict');
    expect(stale.message).toContain('changed since the preview');
    expect(log).toEqual([`DELETE /api/v1/tokens/${created.token.id} ${fingerprintToRevision(preview.fingerprint).version}`]);

    const fresh = await adapter.impact!(created.token.id);
    expect(fresh.state === 'known' && fresh.items.map((item) => [item.kind, item.subject])).toEqual([
      ['machine-loses-access', 'sneaky'],
    ]);
    await adapter.revoke!(created.token.id, fingerprintToRevision(fresh.fingerprint));
    expect((await failure(adapter.get(created.token.id))).kind).toBe('not-found');
  });

  it('revokes unconditionally (no expected revision) by reading a fresh preview ETag first', async () => {
    server = await startTestRestServer();
    const log: string[] = [];
    const adapter = await adapterFor(server, log);
    const { token } = await adapter.create!({ description: '', ttlSeconds: 60 });
    log.length = 0;
    await adapter.revoke!(token.id);
    expect(log).toEqual([`GET /api/v1/tokens/${token.id}/impact`, `DELETE /api/v1/tokens/${token.id} ${token.revision?.version}`]);
  });

  it('refuses usages and groups before sending anything, and maps ttlSeconds errors to the ttl field', async () => {
    server = await startTestRestServer();
    const log: string[] = [];
    const adapter = await adapterFor(server, log);
    log.length = 0;
    const usages = await failure(adapter.create!({ description: '', ttlSeconds: 60, usages: ['signing'] }));
    expect([usages.kind, usages.field]).toEqual(['validation', 'usages']);
    expect(log).toEqual([]);
    const ttl = await failure(adapter.create!({ description: '', ttlSeconds: 10 ** 9 }));
    expect([ttl.kind, ttl.field, ttl.httpStatus]).toEqual(['validation', 'ttl', 422]);
  });

  it('maps a used-up single-use token to the used-up state (not invalid), and make-default to isDefault', async () => {
    server = await startTestRestServer();
    const adapter = await adapterFor(server);
    const created = await adapter.create!({ description: 'once', ttlSeconds: 600, fields: { scope: 'pool:a', maxUses: 1 } });
    await adapter.makeDefault!(created.token.id);
    await fetch(`${server.url}/api/v1/bootstrap`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: created.secret, machine: 'm1' }),
    });
    const token = await adapter.get(created.token.id);
    expect(token).toMatchObject({ isDefault: true, usesRemaining: 0, invalidReason: null, scope: 'pool:a', fields: { scope: 'pool:a', maxUses: 1 } });
    expect(tokenStatus(token, Date.now())).toBe('used-up');
    expect(token.extras).toMatchObject({ uses: 1, maxUses: 1, createdBy: 'alice' });
  });

  it('reports an unreachable server as a transport error that names the server but not the key', async () => {
    server = await startTestRestServer();
    const adapter = await adapterFor(server);
    const apiKey = server.apiKey;
    await server.close();
    server = undefined;
    const error = await failure(adapter.list());
    expect(error.kind).toBe('transport');
    expect(error.message).toMatch(/^rest: cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
    expect(JSON.stringify({ ...error, message: error.message, hint: error.hint, cause: String(error.cause) })).not.toContain(apiKey);
  });
});

const capabilities: WireCapabilities = {
  apiVersion: 'v1',
  mode: 'unique',
  makeDefault: false,
  impact: true,
  events: false,
  maxUses: true,
  ttl: { defaultSeconds: 900, minSeconds: 60, maxSeconds: 3600, allowNever: false },
  serverTime: '2026-01-01T00:00:00.000Z',
};

/** A transport that serves capabilities and answers every other request with `status`. */
function scripted(status: number, body: unknown, headers: Record<string, string> = {}): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname.endsWith('/capabilities')) return Response.json(capabilities);
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
  };
}

describe('createRestAdapter against a scripted transport', () => {
  it('offers exactly the methods the server declares', async () => {
    const adapter = await createRestAdapter(
      { adapter: 'rest', context: 'c', server: 'http://127.0.0.1:9', apiKey: 'k' },
      { clock: systemClock, fetch: scripted(200, {}) },
    );
    expect([typeof adapter.makeDefault, typeof adapter.watch, typeof adapter.impact, typeof adapter.revoke]).toEqual([
      'undefined',
      'undefined',
      'function',
      'function',
    ]);
    expect(adapter.capabilities.ttl).toEqual({ defaultSeconds: 900, minSeconds: 60, maxSeconds: 3600, allowNever: false });
  });

  it.each([
    [400, 'validation', {}],
    [401, 'unauthorized', {}],
    [403, 'forbidden', {}],
    [404, 'not-found', {}],
    [409, 'conflict', {}],
    [428, 'confirmation-required', {}],
    [429, 'rate-limited', { 'retry-after': '7' }],
    [500, 'server', {}],
  ] as const)('maps HTTP %i to %s', async (status, kind, headers) => {
    const adapter = await createRestAdapter(
      { adapter: 'rest', context: 'c', server: 'http://127.0.0.1:9', apiKey: 'k' },
      { clock: systemClock, fetch: scripted(status, { error: 'x', message: `server says ${status}`, details: {} }, headers) },
    );
    const error = await failure(adapter.revoke!('abcdef', { uid: 'abcdef', version: '"v"' }));
    expect([error.kind, error.httpStatus, error.source]).toEqual([kind, status, 'rest']);
    expect(error.message).toBe(`rest: server says ${status}`);
    if (status === 429) expect(error.retryAfterSeconds).toBe(7);
  });
});
