// Every kind of request the kube client sends (a GET, a write through ky, a watch stream) carries
// the kubeconfig's impersonation, one header line per group, and goes through the proxy when
// there is one; the REST adapter honours HTTPS_PROXY too. Proven on a local HTTPS server's log.
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient } from '../../src/kube/client.ts';
import type { KubeConnection } from '../../src/kube/connection.ts';
import { createRestAdapter } from '../../src/adapters/rest/index.ts';
import { systemClock } from '../../src/core/clock.ts';
import { createCompatPki, type CompatPki } from '../support/compat-pki.ts';
import { ConnectProxy } from '../support/loopback-proxy.ts';
import { startTestRestServer, type TestRestServer } from '../support/rest-server.ts';

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly lines: readonly string[];
}

let dir: string;
let pki: CompatPki;
let server: Server;
let port: number;
let proxy: ConnectProxy;
const seen: Seen[] = [];

function impersonationLines(request: IncomingMessage): string[] {
  const lines: string[] = [];
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    const name = request.rawHeaders[index] ?? '';
    if (name.toLowerCase().startsWith('impersonate-')) lines.push(`${name.toLowerCase()}: ${request.rawHeaders[index + 1]}`);
  }
  return lines;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tokentui-identity-'));
  pki = createCompatPki(join(dir, 'pki'));
  server = createServer({ cert: pki.serverCertPem, key: pki.serverKeyPem }, (request, response) => {
    const url = new URL(request.url ?? '/', 'https://x');
    seen.push({ method: request.method ?? '', path: `${url.pathname}${url.searchParams.has('watch') ? '?watch' : ''}`, lines: impersonationLines(request) });
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json' });
    if (url.searchParams.has('watch')) {
      response.end(`${JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'a' } } })}\n`);
      return;
    }
    response.end(JSON.stringify({ kind: 'Status', status: 'Success' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  proxy = await new ConnectProxy({ aliases: [hostname().toLowerCase()] }).start();
});

afterAll(async () => {
  await proxy.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function connection(overrides: Partial<KubeConnection> = {}): KubeConnection {
  return {
    contextName: 'ctx',
    clusterName: 'c',
    userName: 'u',
    server: `https://127.0.0.1:${port}`,
    caPem: pki.caPem,
    insecureSkipTlsVerify: false,
    auth: { type: 'token', token: 'admin' },
    sourceFile: '/kubeconfig',
    ...overrides,
  };
}

async function exercise(client: ReturnType<typeof createKubeClient>): Promise<unknown[]> {
  await client.request('GET', '/api/v1/namespaces/kube-system/secrets');
  await client.request('POST', '/api/v1/namespaces/kube-system/secrets', { json: { kind: 'Secret' } });
  const events: unknown[] = [];
  for await (const event of client.stream('/api/v1/namespaces/kube-system/secrets', { searchParams: { watch: '1' } })) events.push(event);
  await client.close();
  return events;
}

describe('impersonation', () => {
  it('goes on the GET, the write and the watch, one line per group and extra value', async () => {
    seen.length = 0;
    const impersonate = { user: 'jane', uid: 'u-1', groups: ['ops', 'on call, eu'], extra: { 'example.com/reason': ['incident 42', 'pager'] } };
    const events = await exercise(createKubeClient(connection({ impersonate })));
    expect(events).toHaveLength(1);
    const expected = [
      'impersonate-user: jane',
      'impersonate-uid: u-1',
      'impersonate-group: ops',
      'impersonate-group: on call, eu',
      'impersonate-extra-example.com%2freason: incident 42',
      'impersonate-extra-example.com%2freason: pager',
    ];
    expect(seen.map((request) => request.path)).toEqual(['/api/v1/namespaces/kube-system/secrets', '/api/v1/namespaces/kube-system/secrets', '/api/v1/namespaces/kube-system/secrets?watch']);
    for (const request of seen) expect([...request.lines].sort(), `${request.method} ${request.path}`).toEqual([...expected].sort());
  });

  it('is absent when the kubeconfig user acts as itself', async () => {
    seen.length = 0;
    await exercise(createKubeClient(connection()));
    expect(seen.flatMap((request) => request.lines)).toEqual([]);
    expect(seen).toHaveLength(3);
  });
});

describe('through a CONNECT proxy', () => {
  it('the GET, the write and the watch all tunnel to a name only the proxy resolves', async () => {
    seen.length = 0;
    const before = proxy.requests.length;
    const events = await exercise(createKubeClient(connection({ server: `https://apiserver.test:${port}`, proxy: { url: proxy.url(), origin: 'HTTPS_PROXY' } })));
    expect(events).toHaveLength(1);
    expect(seen).toHaveLength(3);
    const tunnels = proxy.requests.slice(before);
    expect(tunnels.length).toBeGreaterThanOrEqual(1);
    for (const tunnel of tunnels) expect(tunnel).toEqual({ kind: 'connect', target: `apiserver.test:${port}` });
  });

  it('a proxy that refuses the tunnel is named in the error, with the variable it came from', async () => {
    const client = createKubeClient(connection({ proxy: { url: 'http://user:secret@127.0.0.1:9', origin: 'HTTPS_PROXY' } }));
    const error = await client.request('GET', '/version').catch((caught: unknown) => caught);
    await client.close();
    expect(error).toMatchObject({ kind: 'transport' });
    expect((error as Error).message).toMatch(/through proxy http:\/\/127\.0\.0\.1:9 \(HTTPS_PROXY\): connection refused/);
    expect((error as Error).message).not.toContain('secret');
  });
});

describe('the REST adapter', () => {
  let rest: TestRestServer;
  beforeAll(async () => {
    rest = await startTestRestServer();
  });
  afterAll(async () => {
    await rest.close();
  });

  it('goes through HTTPS_PROXY/HTTP_PROXY as kubectl decides it, and not for NO_PROXY hosts', async () => {
    // The machine's own name reaches the loopback server without being "localhost" or an IP.
    const server = rest.url.replace('127.0.0.1', hostname().toLowerCase());
    const before = proxy.requests.length;
    const open = (proxyEnv: Record<string, string>) => createRestAdapter({ adapter: 'rest', context: 'lab', server, apiKey: rest.apiKey }, { clock: systemClock, proxyEnv });
    const proxied = await open({ HTTP_PROXY: proxy.url() });
    expect(await proxied.list()).toEqual([]);
    await proxied.close?.();
    expect(proxy.requests.slice(before).map((request) => request.target)).toContain(new URL(server).host);
    const after = proxy.requests.length;
    const direct = await open({ HTTP_PROXY: proxy.url(), NO_PROXY: hostname().toLowerCase() });
    expect(await direct.list()).toEqual([]);
    await direct.close?.();
    expect(proxy.requests.length).toBe(after);
  });
});
