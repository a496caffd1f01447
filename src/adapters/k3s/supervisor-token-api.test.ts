// The wire of PUT /v1-k3s/token: first that the emulated supervisor answers as k3s's
// pkg/server/handlers/token.go does (raw requests, no tokentui code), then how each answer maps to an error.
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startK3sSupervisor, type K3sSupervisor } from '../../../test/support/k3s-supervisor.ts';
import { putServerToken, rotationFailure } from './supervisor-token-api.ts';

const OLD = 'emulated-old-password';
let supervisor: K3sSupervisor;
let agent: Agent;

beforeAll(async () => {
  supervisor = await startK3sSupervisor({ serverPassword: OLD, agentPassword: 'agent-only-password', separateAgentToken: true });
  agent = new Agent({ connect: { ca: supervisor.caBundle } });
});

afterAll(async () => {
  await agent.close();
  await supervisor.close();
});

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

async function send(method: string, path: string, init: { authorization?: string; body?: string } = {}) {
  const headers: Record<string, string> = init.authorization === undefined ? {} : { authorization: init.authorization };
  const response = await fetch(`${supervisor.url}${path}`, { method, headers, body: init.body, dispatcher: agent });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('the emulated supervisor follows §5.4', () => {
  it('serves /cacerts without credentials: the CA file bytes as text/plain', async () => {
    const response = await fetch(`${supervisor.url}/cacerts`, { dispatcher: agent });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(Buffer.from(await response.arrayBuffer()).equals(supervisor.caBundle)).toBe(true);
  });

  it.each([
    ['no credentials', undefined],
    ['a wrong password', basic('server', 'wrong')],
    ['the agent token (group k3s:agent)', basic('node', 'agent-only-password')],
    ['a bearer token', 'Bearer abcdef.0123456789abcdef'],
  ])('403 Forbidden Status with Connection: close for %s', async (_label, authorization) => {
    const answer = await send('PUT', '/v1-k3s/token', { authorization, body: '{"newToken":"x-y-z-new-password"}' });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('connection')).toBe('close');
    expect(JSON.parse(answer.text)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'forbidden', reason: 'Forbidden', code: 403 });
  });

  it('authenticates before it checks the method (405) and the body (400)', async () => {
    const notPut = await send('GET', '/v1-k3s/token', { authorization: basic('server', OLD) });
    expect(notPut.status).toBe(405);
    expect(JSON.parse(notPut.text)).toMatchObject({ reason: 'MethodNotAllowed', code: 405, details: { name: '/v1-k3s/token' } });
    const notJson = await send('PUT', '/v1-k3s/token', { authorization: basic('server', OLD), body: '<newToken/>' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.text)).toMatchObject({ reason: 'BadRequest', message: "invalid character '<' looking for beginning of value" });
  });

  it('drops the connection when the newToken key is missing (the handler dereferences nil)', async () => {
    await expect(send('PUT', '/v1-k3s/token', { authorization: basic('server', OLD), body: '{}' })).rejects.toThrow();
    expect(supervisor.requests.at(-1)).toMatchObject({ bodyKeys: [], status: 0 });
    expect(supervisor.passwd[0]?.password).toBe(OLD);
  });
});

describe('rotationFailure', () => {
  const url = 'https://k3s-1:6443';
  const statusBody = (code: number, reason: string, message: string) => JSON.stringify({ kind: 'Status', status: 'Failure', code, reason, message });

  it.each([
    [400, statusBody(400, 'BadRequest', 'unexpected end of JSON input'), 'validation', /malformed \(400: unexpected end of JSON input\)/],
    [401, statusBody(401, 'Unauthorized', 'not authorized'), 'unauthorized', /could not authenticate.*nothing was rotated/],
    [405, statusBody(405, 'MethodNotAllowed', 'the server does not allow this method'), 'unsupported', /does not accept PUT \/v1-k3s\/token/],
    [404, 'page not found', 'unsupported', /does not accept PUT/],
    [502, statusBody(502, 'InternalError', 'bad gateway'), 'server', /HTTP 502: bad gateway/],
  ])('%i', (status, body, kind, message) => {
    const error = rotationFailure(status, body, url);
    expect(error).toMatchObject({ kind, httpStatus: status, source: 'k3s' });
    expect(error.message).toMatch(message);
  });

  it('500 with a token error ID names it and the log to read', () => {
    const error = rotationFailure(500, statusBody(500, 'InternalError', 'Internal error occurred: token error ID 04217'), url);
    expect(error.message).toBe('k3s: the k3s server at https://k3s-1:6443 failed to rotate the server token (token error ID 04217)');
    expect(error.hint).toMatch(/read the k3s server log .*grep "token error ID 04217".*partly applied/);
  });
});

describe('putServerToken', () => {
  it('trusts only the pinned bundle: another CA fails the TLS handshake and nothing is sent', async () => {
    const other = await startK3sSupervisor();
    try {
      const before = supervisor.requests.length;
      const error = await putServerToken({ url: supervisor.url, caBundle: other.caBundle }, OLD, 'a-new-password-0001').catch((caught: unknown) => caught);
      expect(String((error as Error).message)).toMatch(/nothing was sent/);
      expect(supervisor.requests.length).toBe(before);
    } finally {
      await other.close();
    }
  });

  it('a bootstrap-shaped new token, if it ever got through, would be persisted and answered 500 (k3s#12982)', async () => {
    // Why the adapter refuses it up front: the pre-#12989 server keeps it and cannot start again.
    const error = await putServerToken({ url: supervisor.url, caBundle: supervisor.caBundle }, OLD, 'abcdef.0123456789abcdef').catch((caught: unknown) => caught);
    expect(String((error as Error).message)).toMatch(/token error ID \d{5}/);
    expect(supervisor.passwd[0]?.password).toBe('abcdef.0123456789abcdef');
    expect(supervisor.serverLog.at(-1)).toMatch(/failed to normalize server token/);
  });
});
