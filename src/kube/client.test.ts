// The client against a real local HTTPS server with a certificate made for this run.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TokenTuiError } from '../core/errors.ts';
import { createKubeClient } from './client.ts';
import type { KubeAuth, KubeConnection } from './connection.ts';

interface LoggedRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization?: string;
  readonly body: string;
}

let dir: string;
let caPem: string;
let wrongCaPem: string;
let server: Server;
let server0: string;
const log: LoggedRequest[] = [];
const hits = new Map<string, number>();
let closedWatches = 0;

let otherCertificate: { cert: string; key: string };

function makeCertificate(name: string, commonName: string, subjectAltName: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${commonName}`, '-addext', `subjectAltName=${subjectAltName}`, '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
}

function sendJson(response: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(code, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

const forbidden = {
  kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Forbidden', code: 403, details: { kind: 'secrets' },
  message: 'secrets is forbidden: User "viewer" cannot create resource "secrets" in API group "" in the namespace "kube-system"',
};

function route(request: IncomingMessage, response: ServerResponse, url: URL): void {
  const count = (hits.get(url.pathname) ?? 0) + 1;
  hits.set(url.pathname, count);
  switch (`${request.method} ${url.pathname}`) {
    case 'GET /api/v1/namespaces/kube-system/secrets':
      return sendJson(response, 200, { kind: 'SecretList', items: [], query: url.search });
    case 'POST /api/v1/namespaces/kube-system/secrets':
      return sendJson(response, 403, forbidden);
    case 'GET /flaky':
      return count === 1 ? sendJson(response, 503, { kind: 'Status', code: 503, reason: 'ServiceUnavailable' }, { 'retry-after': '0' }) : sendJson(response, 200, { ok: true });
    case 'POST /flaky':
      return sendJson(response, 503, { kind: 'Status', code: 503, reason: 'ServiceUnavailable', message: 'try later' }, { 'retry-after': '0' });
    case 'GET /reset-once':
    case 'POST /reset-once':
      // As when the server drops a kept-alive connection just as it is reused.
      return count === 1 ? void request.socket.destroy() : sendJson(response, 200, { ok: true });
    case 'GET /exec-only':
      // Accepts only the plugin's second credential, to prove the 401 refresh.
      return request.headers.authorization === 'Bearer exec-token-2' ? sendJson(response, 200, { ok: true }) : sendJson(response, 401, { kind: 'Status', code: 401, reason: 'Unauthorized', message: 'Unauthorized' });
    case 'GET /slow':
      return; // never answers
    case 'GET /watch': {
      response.writeHead(200, { 'content-type': 'application/json' });
      // Objects split mid-line and mid-character across writes, as TCP may deliver them.
      const events = `${JSON.stringify({ type: 'ADDED', object: { name: 'a', note: 'héllo' } })}\n${JSON.stringify({ type: 'DELETED', object: { name: 'b' } })}\n`;
      const bytes = Buffer.from(events);
      const cuts = [5, bytes.indexOf(Buffer.from('é')) + 1, bytes.indexOf(0x0a) + 3, bytes.length];
      let start = 0;
      const writeNext = (index: number): void => {
        const cut = cuts[index];
        if (cut === undefined) return void response.end();
        response.write(bytes.subarray(start, cut));
        start = cut;
        setTimeout(() => writeNext(index + 1), 2);
      };
      return writeNext(0);
    }
    case 'GET /watch-flaky':
      // Busy once (as an apiserver under load says), then a watch that stays open.
      if (count === 1) return sendJson(response, 503, { kind: 'Status', code: 503, reason: 'ServiceUnavailable' }, { 'retry-after': '0' });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write(`${JSON.stringify({ type: 'ADDED', object: { name: 'after-retry' } })}\n`);
      // The head is out: the stream must outlive the request's timeout (it bounds the head only).
      setTimeout(() => response.end(`${JSON.stringify({ type: 'DELETED', object: { name: 'after-retry' } })}\n`), 300);
      return;
    case 'GET /watch-forever':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write(`${JSON.stringify({ type: 'ADDED', object: { name: 'first' } })}\n`);
      response.on('close', () => {
        closedWatches += 1;
      });
      return;
    case 'GET /list-slowly': {
      // A list written in pieces, cut inside strings and between elements, as TCP may deliver it.
      const body = Buffer.from(JSON.stringify({ kind: 'List', metadata: { resourceVersion: '5' }, items: [{ name: 'a', note: 'x},{"y' }, { name: 'b' }, { name: 'c', note: 'héllo' }] }));
      response.writeHead(200, { 'content-type': 'application/json' });
      let start = 0;
      const writeNext = (): void => {
        if (start >= body.length) return void response.end();
        response.write(body.subarray(start, start + 9));
        start += 9;
        setTimeout(writeNext, 1);
      };
      return writeNext();
    }
    case 'GET /list-broken':
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.end('{"kind":"List","items":[{"name":"a"},{"name":"secret-value-here"');
    case 'GET /list-reset': {
      // Two items, then the connection drops: the first attempt's items were handed over already.
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"kind":"List","items":[{"name":"a"},{"name":"b"},');
      setTimeout(() => request.socket.destroy(), 20);
      return;
    }
    case 'GET /watch-gone':
      return sendJson(response, 410, { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 1 (42)' });
    default:
      return sendJson(response, 404, { kind: 'Status', code: 404, reason: 'NotFound', message: `${url.pathname} not found` });
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tokentui-kube-client-'));
  const serving = makeCertificate('server', '127.0.0.1', 'IP:127.0.0.1');
  caPem = serving.cert;
  otherCertificate = makeCertificate('other', 'api.internal', 'DNS:api.internal');
  wrongCaPem = otherCertificate.cert;
  server = createServer({ cert: serving.cert, key: serving.key }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'https://127.0.0.1');
      log.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body: Buffer.concat(chunks).toString('utf8') });
      route(request, response, url);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server0 = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  log.length = 0;
  hits.clear();
});

function connection(overrides: Partial<KubeConnection> & { auth?: KubeAuth } = {}): KubeConnection {
  return { contextName: 'test', clusterName: 'local', userName: 'admin', server: server0, caPem, insecureSkipTlsVerify: false, auth: { type: 'token', token: 'test-bearer' }, sourceFile: '/tmp/kubeconfig', ...overrides };
}

async function failure(promise: Promise<unknown>): Promise<TokenTuiError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  if (error instanceof TokenTuiError) return error;
  throw new Error(`expected a TokenTuiError, got ${String(error)}`);
}

async function collect(iterable: AsyncIterable<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('createKubeClient request', () => {
  it('trusts the kubeconfig CA and sends the bearer token and search params', async () => {
    const client = createKubeClient(connection());
    const list = await client.request<{ kind: string; query: string }>('GET', '/api/v1/namespaces/kube-system/secrets', { searchParams: { fieldSelector: 'type=bootstrap.kubernetes.io/token' } });
    await client.close();
    expect(list.kind).toBe('SecretList');
    expect(list.query).toBe('?fieldSelector=type%3Dbootstrap.kubernetes.io%2Ftoken');
    expect(log).toMatchObject([{ method: 'GET', authorization: 'Bearer test-bearer' }]);
  });

  it('sends basic credentials', async () => {
    const client = createKubeClient(connection({ auth: { type: 'basic', username: 'ops', password: 'pw' } }));
    await client.request('GET', '/api/v1/namespaces/kube-system/secrets');
    await client.close();
    expect(log[0]?.authorization).toBe(`Basic ${Buffer.from('ops:pw').toString('base64')}`);
  });

  it('re-reads a token file when it changes', async () => {
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, 'file-token-one\n');
    const client = createKubeClient(connection({ auth: { type: 'token-file', path: tokenFile } }));
    await client.request('GET', '/api/v1/namespaces/kube-system/secrets');
    writeFileSync(tokenFile, 'file-token-second\n');
    await client.request('GET', '/api/v1/namespaces/kube-system/secrets');
    await client.close();
    expect(log.map((entry) => entry.authorization)).toEqual(['Bearer file-token-one', 'Bearer file-token-second']);
  });

  it('maps a 403 Status to forbidden, keeping the apiserver message', async () => {
    const client = createKubeClient(connection(), { source: 'kubeadm' });
    const error = await failure(client.request('POST', '/api/v1/namespaces/kube-system/secrets', { json: { kind: 'Secret' } }));
    await client.close();
    expect(error.kind).toBe('forbidden');
    expect(error.httpStatus).toBe(403);
    expect(error.message).toBe(`kubeadm: ${forbidden.message}`);
    expect(error.hint).toMatch(/grant User "viewer" verb "create" on resource "secrets"/);
    expect(log[0]?.body).toBe('{"kind":"Secret"}');
  });

  it('retries a GET after 503 with Retry-After, but never a POST', async () => {
    const client = createKubeClient(connection());
    expect(await client.request('GET', '/flaky')).toEqual({ ok: true });
    const error = await failure(client.request('POST', '/flaky', { json: {} }));
    await client.close();
    expect(error.kind).toBe('server');
    expect(log.map((entry) => entry.method)).toEqual(['GET', 'GET', 'POST']);
  });

  it('retries a GET once at once when the socket closes under it, never a POST', async () => {
    const client = createKubeClient(connection(), { retryDelayMs: () => 60_000 });
    expect(await client.request('GET', '/reset-once')).toEqual({ ok: true });
    hits.clear();
    const error = await failure(client.request('POST', '/reset-once', { json: {} }));
    await client.close();
    expect(error.kind).toBe('transport');
    expect(error.message).toMatch(/closed unexpectedly/);
    expect(log.map((entry) => entry.method)).toEqual(['GET', 'GET', 'POST']);
  });

  it('a wrong CA is a transport error naming the TLS problem', async () => {
    const client = createKubeClient(connection({ caPem: wrongCaPem }));
    const error = await failure(client.request('GET', '/api/v1/namespaces/kube-system/secrets'));
    await client.close();
    expect(error.kind).toBe('transport');
    expect(error.message).toMatch(new RegExp(`^kubernetes: TLS verification of ${server0} failed: .*not trusted`));
    expect(error.hint).toBe('check certificate-authority(-data) of cluster "local" in /tmp/kubeconfig');
    expect(log).toEqual([]);
  });

  it('a refused port is a transport error that asks whether the apiserver runs', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const client = createKubeClient(connection({ server: `https://127.0.0.1:${port}` }));
    const error = await failure(client.request('GET', '/api/v1/namespaces/kube-system/secrets'));
    await client.close();
    expect(error.kind).toBe('transport');
    expect(error.message).toBe(`kubernetes: cannot reach https://127.0.0.1:${port} (connection refused): is the apiserver running?`);
  });

  it('close() cuts off a request that never answers once the grace period ends', async () => {
    const client = createKubeClient(connection(), { closeGraceMs: 50 });
    const pending = failure(client.request('GET', '/slow'));
    await expect.poll(() => hits.get('/slow')).toBe(1);
    const started = Date.now();
    await client.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await pending).message).toBe('kubernetes: the Kubernetes client was closed before GET /slow finished');
  });

  it('a request that gets no answer times out', async () => {
    const client = createKubeClient(connection());
    const error = await failure(client.request('GET', '/slow', { timeoutMs: 100 }));
    await client.close();
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe(`kubernetes: no answer from ${server0} within 0.1 s (GET /slow)`);
  });
});

describe('TLS settings', () => {
  // A server whose certificate names only api.internal, reached as localhost, asking for a client certificate.
  async function startNamedServer(): Promise<{ url: string; peers: string[]; stop: () => Promise<unknown> }> {
    const peers: string[] = [];
    const named = createServer({ ...otherCertificate, requestCert: true, rejectUnauthorized: false }, (request, response) => {
      const peer = (request.socket as TLSSocket).getPeerCertificate();
      peers.push(String(peer.subject?.CN ?? 'none'));
      sendJson(response, 200, { ok: true });
    });
    await new Promise<void>((resolve) => named.listen(0, '127.0.0.1', resolve));
    const stop = () => {
      named.closeAllConnections();
      return new Promise((resolve) => named.close(resolve));
    };
    return { url: `https://localhost:${(named.address() as AddressInfo).port}`, peers, stop };
  }

  it('tls-server-name wins over the URL host, and the client certificate is presented', async () => {
    const named = await startNamedServer();
    const serverKey = readFileSync(join(dir, 'server.key'), 'utf8');
    const client = createKubeClient(connection({ server: named.url, caPem: otherCertificate.cert, tlsServerName: 'api.internal', clientCertPem: caPem, clientKeyPem: serverKey, auth: { type: 'none' } }));
    const answer = await client.request('GET', '/version');
    await client.close();
    await named.stop();
    expect(answer).toEqual({ ok: true });
    expect(named.peers).toEqual(['127.0.0.1']);
  });

  it('without tls-server-name the same server fails verification; insecure-skip-tls-verify accepts it', async () => {
    const named = await startNamedServer();
    const strict = createKubeClient(connection({ server: named.url, caPem: otherCertificate.cert }));
    const error = await failure(strict.request('GET', '/version'));
    await strict.close();
    const insecure = createKubeClient(connection({ server: named.url, caPem: undefined, insecureSkipTlsVerify: true }));
    const answer = await insecure.request('GET', '/version');
    await insecure.close();
    await named.stop();
    expect(error.message).toMatch(/not valid for "localhost"/);
    expect(answer).toEqual({ ok: true });
  });
});

describe('exec credential plugins', () => {
  function writePlugin(): string {
    const plugin = join(dir, 'get-token.mjs');
    writeFileSync(
      plugin,
      `#!/usr/bin/env node
import { appendFileSync, readFileSync } from 'node:fs';
const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO);
appendFileSync(process.env.PLUGIN_LOG, info.apiVersion + '\\n');
const runs = readFileSync(process.env.PLUGIN_LOG, 'utf8').trim().split('\\n').length;
if (process.env.PLUGIN_FAIL) { process.stderr.write('error: login required, token=abc123secretvalue\\nmore detail\\n'); process.exit(3); }
const expirationTimestamp = new Date(Date.now() + 3600000).toISOString();
process.stdout.write(JSON.stringify({ apiVersion: info.apiVersion, kind: 'ExecCredential', status: { token: 'exec-token-' + runs, expirationTimestamp } }));
`,
    );
    chmodSync(plugin, 0o755);
    return plugin;
  }

  function execAuth(pluginLog: string, extraEnv: { name: string; value: string }[] = []): KubeAuth {
    writePlugin();
    // A relative command resolves against the kubeconfig's directory, as in kubectl.
    return { type: 'exec', exec: { command: './get-token.mjs', args: [], env: [{ name: 'PLUGIN_LOG', value: pluginLog }, ...extraEnv], apiVersion: 'client.authentication.k8s.io/v1', baseDir: dir, interactiveMode: 'Never', userName: 'admin' } };
  }

  it('supplies a token, runs once while it is valid, and refreshes after a 401', async () => {
    const pluginLog = join(dir, `runs-${Date.now()}`);
    const client = createKubeClient(connection({ auth: execAuth(pluginLog) }), { plugin: { stderr: { write: () => true } } });
    await client.request('GET', '/api/v1/namespaces/kube-system/secrets');
    await client.request('GET', '/api/v1/namespaces/kube-system/secrets');
    expect(readFileSync(pluginLog, 'utf8')).toBe('client.authentication.k8s.io/v1\n');
    expect(await client.request('GET', '/exec-only')).toEqual({ ok: true });
    await client.close();
    expect(log.map((entry) => entry.authorization)).toEqual(['Bearer exec-token-1', 'Bearer exec-token-1', 'Bearer exec-token-1', 'Bearer exec-token-2']);
  });

  it('a failing plugin is unauthorized with its first stderr line, redacted', async () => {
    const pluginLog = join(dir, `runs-fail-${Date.now()}`);
    const stderr: string[] = [];
    const client = createKubeClient(connection({ auth: execAuth(pluginLog, [{ name: 'PLUGIN_FAIL', value: '1' }]) }), { plugin: { stderr: { write: (text: string) => stderr.push(text) } } });
    const error = await failure(client.request('GET', '/api/v1/namespaces/kube-system/secrets'));
    await client.close();
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toBe('kubernetes: exec plugin "./get-token.mjs" exited with 3: error: login required, token=[redacted]');
    // The user sees what the plugin said, as kubectl shows it; only the error message is redacted.
    expect(stderr.join('')).toBe('error: login required, token=abc123secretvalue\nmore detail\n');
    expect(log).toEqual([]);
  });
});

describe('createKubeClient request with onItem (a list read as it arrives)', () => {
  it('hands over each item as it arrives and answers the rest with items: []', async () => {
    const client = createKubeClient(connection());
    const items: unknown[] = [];
    const answer = await client.request('GET', '/list-slowly', { onItem: (item) => items.push(item) });
    await client.close();
    expect(items).toEqual([{ name: 'a', note: 'x},{"y' }, { name: 'b' }, { name: 'c', note: 'héllo' }]);
    expect(answer).toEqual({ kind: 'List', metadata: { resourceVersion: '5' }, items: [] });
  });

  it('a body that is not JSON is a server error that quotes none of it', async () => {
    const client = createKubeClient(connection());
    const error = await failure(client.request('GET', '/list-broken', { onItem: () => undefined }));
    await client.close();
    expect(error.kind).toBe('server');
    expect(error.message).toMatch(/answered GET \/list-broken with a body that is not JSON \(the answer ends before its JSON does\)/);
    expect(error.message).not.toContain('secret-value-here');
  });

  it('is not sent again when the connection drops after items were handed over', async () => {
    const client = createKubeClient(connection());
    const items: unknown[] = [];
    const error = await failure(client.request('GET', '/list-reset', { onItem: (item) => items.push(item) }));
    await client.close();
    expect(error.kind).toBe('transport');
    expect(items).toEqual([{ name: 'a' }]);
    expect(log.map((entry) => entry.url)).toEqual(['/list-reset']);
  });

  it('what onItem throws fails the request', async () => {
    const client = createKubeClient(connection());
    const refused = new TokenTuiError('server', 'items[1] that is not an object');
    const error = await failure(
      client.request('GET', '/list-slowly', {
        onItem: (item) => {
          if ((item as { name: string }).name === 'b') throw refused;
        },
      }),
    );
    await client.close();
    expect(error).toBe(refused);
  });
});

describe('createKubeClient stream', () => {
  it('yields each JSON line even when chunks split lines and characters', async () => {
    const client = createKubeClient(connection());
    const events = await collect(client.stream('/watch', { searchParams: { watch: '1' } }));
    await client.close();
    expect(events).toEqual([
      { type: 'ADDED', object: { name: 'a', note: 'héllo' } },
      { type: 'DELETED', object: { name: 'b' } },
    ]);
    expect(log[0]).toMatchObject({ url: '/watch?watch=1', authorization: 'Bearer test-bearer' });
  });

  it('throws the mapped Status when the watch is refused at start', async () => {
    const client = createKubeClient(connection());
    const error = await failure(collect(client.stream('/watch-gone')));
    await client.close();
    expect(error.kind).toBe('conflict');
    expect(error.httpStatus).toBe(410);
  });

  it('retries a busy watch like any GET, and the timeout bounds only the wait for its head', async () => {
    const client = createKubeClient(connection(), { retryDelayMs: () => 1 });
    const events = await collect(client.stream('/watch-flaky', { timeoutMs: 100 }));
    await client.close();
    expect(events).toEqual([
      { type: 'ADDED', object: { name: 'after-retry' } },
      { type: 'DELETED', object: { name: 'after-retry' } },
    ]);
    expect(hits.get('/watch-flaky')).toBe(2);
  });

  it('ends quietly on abort and drops the connection', async () => {
    const client = createKubeClient(connection());
    const controller = new AbortController();
    const before = closedWatches;
    const events: unknown[] = [];
    for await (const event of client.stream('/watch-forever', { signal: controller.signal })) {
      events.push(event);
      controller.abort();
    }
    await client.close();
    expect(events).toEqual([{ type: 'ADDED', object: { name: 'first' } }]);
    await expect.poll(() => closedWatches).toBe(before + 1);
  });
});
