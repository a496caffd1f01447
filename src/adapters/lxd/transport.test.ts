// The transport against real local servers: node:http on a unix socket, node:https with a
// self-signed certificate that names no host we use, pinned as lxc pins a server certificate.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenTuiError } from '../../core/errors.ts';
import { openLxdConnection } from './transport.ts';

let dir: string;
const closers: (() => void)[] = [];
const seen: { method?: string; url?: string; body: string; clientCert?: boolean }[] = [];

function handler(request: IncomingMessage, response: ServerResponse): void {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    const socket = request.socket as Partial<TLSSocket>;
    seen.push({ method: request.method, url: request.url, body, clientCert: socket.getPeerCertificate ? Object.keys(socket.getPeerCertificate()).length > 0 : undefined });
    if (request.url === '/1.0/garbage') return void response.end('<html>proxy error</html>');
    response.setHeader('content-type', 'application/json');
    if (request.url === '/1.0/missing') {
      response.statusCode = 404;
      return void response.end(JSON.stringify({ type: 'error', error: 'not found', error_code: 404, status_code: 0, metadata: null }));
    }
    response.end(JSON.stringify({ type: 'sync', status_code: 200, error_code: 0, error: '', metadata: { echo: body === '' ? null : JSON.parse(body) } }));
  });
}

function makeCert(name: string): { cert: string; key: string } {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', `/CN=${name}`, '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.crt`)], { stdio: 'ignore' });
  return { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
}

let socketPath: string;
let httpsUrl: string;
let server: { cert: string; key: string };
let other: { cert: string; key: string };
let client: { cert: string; key: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lxd-transport-'));
  socketPath = join(dir, 'unix.socket');
  const unix = createHttpServer(handler);
  await new Promise<void>((resolve) => unix.listen(socketPath, resolve));
  closers.push(() => unix.close());
  [server, other, client] = [makeCert('lxd-server'), makeCert('someone-else'), makeCert('tokentui-client')];
  const https = createHttpsServer({ cert: readFileSync(server.cert), key: readFileSync(server.key), requestCert: true, rejectUnauthorized: false }, handler);
  await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  closers.push(() => https.close());
  httpsUrl = `https://127.0.0.1:${(https.address() as { port: number }).port}`;
});

afterAll(() => {
  for (const close of closers) close();
  rmSync(dir, { recursive: true, force: true });
});

describe('lxd transport', () => {
  it('talks JSON over a unix socket and returns the LXD envelope with its status', async () => {
    const connection = openLxdConnection({ kind: 'unix', socketPath });
    const answer = await connection.request({ method: 'POST', path: '/1.0/cluster/members', body: { server_name: 'n4' } });
    expect(answer).toEqual({ status: 200, envelope: expect.objectContaining({ type: 'sync', metadata: { echo: { server_name: 'n4' } } }) });
    expect((await connection.request({ method: 'GET', path: '/1.0/missing' })).status).toBe(404);
    await expect(connection.request({ method: 'GET', path: '/1.0/garbage' })).rejects.toMatchObject({ kind: 'server', message: expect.stringMatching(/other than an LXD answer/) });
    connection.close();
  });

  it('says there is no daemon when the socket does not exist', async () => {
    const connection = openLxdConnection({ kind: 'unix', socketPath: join(dir, 'nothing.socket') });
    await expect(connection.request({ method: 'GET', path: '/1.0' })).rejects.toMatchObject({ kind: 'transport', message: expect.stringMatching(/no LXD socket at unix:\/\/.*nothing\.socket/) });
  });

  it('presents the client certificate and accepts exactly the pinned server certificate, whatever its names', async () => {
    const pinned = openLxdConnection({ kind: 'https', url: httpsUrl, clientCertFile: client.cert, clientKeyFile: client.key, serverCertFile: server.cert });
    expect((await pinned.request({ method: 'GET', path: '/1.0' })).status).toBe(200);
    expect(seen.at(-1)).toMatchObject({ url: '/1.0', clientCert: true });
    pinned.close();
    const wrongPin = openLxdConnection({ kind: 'https', url: httpsUrl, clientCertFile: client.cert, clientKeyFile: client.key, serverCertFile: other.cert });
    await expect(wrongPin.request({ method: 'GET', path: '/1.0' })).rejects.toMatchObject({ kind: 'transport', message: expect.stringMatching(/TLS verification .* failed/) });
    wrongPin.close();
    const unpinned = openLxdConnection({ kind: 'https', url: httpsUrl, clientCertFile: client.cert, clientKeyFile: client.key });
    await expect(unpinned.request({ method: 'GET', path: '/1.0' })).rejects.toMatchObject({ kind: 'transport', message: expect.stringMatching(/self-signed/) });
    unpinned.close();
  });

  it('names the setting whose file cannot be read', () => {
    let error: unknown;
    try {
      openLxdConnection({ kind: 'https', url: httpsUrl, clientCertFile: join(dir, 'none.crt'), clientKeyFile: client.key });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TokenTuiError);
    expect(error).toMatchObject({ kind: 'validation', field: 'clientCertFile', message: expect.stringMatching(/ENOENT/) });
  });
});
