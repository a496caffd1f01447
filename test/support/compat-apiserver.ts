// A fake HTTPS apiserver on 127.0.0.1 for the kubeconfig compatibility matrix: it answers
// /version and the bootstrap-token Secret LIST (empty), and logs what identifies each request:
// the Authorization header, the client certificate's common name, the SNI name the client sent
// and every Impersonate-* header line. It serves kubectl and tokentui alike; the log is the proof.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { CompatPki } from './compat-pki.ts';

export interface IdentityRecord {
  readonly method: string;
  readonly path: string;
  readonly authorization?: string;
  /** Lower-cased header name -> its lines, in order (one Impersonate-Group line per group). */
  readonly impersonation: Readonly<Record<string, readonly string[]>>;
  /** The client certificate's CN, when one was presented. */
  readonly clientCert?: string;
  /** The server name the client asked for in the TLS handshake (none for an IP). */
  readonly sni?: string;
}

/** Tokens the server rejects with 401, as an apiserver rejects an expired credential. */
export const STALE_TOKEN_PREFIX = 'stale-';

function impersonationLines(request: IncomingMessage): Record<string, string[]> {
  const lines: Record<string, string[]> = {};
  const raw = request.rawHeaders;
  for (let index = 0; index < raw.length; index += 2) {
    const name = (raw[index] ?? '').toLowerCase();
    if (name.startsWith('impersonate-')) (lines[name] ??= []).push(raw[index + 1] ?? '');
  }
  return lines;
}

function sendJson(response: ServerResponse, code: number, body: unknown): void {
  response.writeHead(code, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function status(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code, reason, message };
}

export class CompatApiserver {
  readonly requests: IdentityRecord[] = [];
  readonly #server: Server;

  constructor(pki: CompatPki) {
    // Client certificates are asked for and recorded, not required (token rows present none).
    this.#server = createServer({ cert: pki.serverCertPem, key: pki.serverKeyPem, ca: pki.caPem, requestCert: true, rejectUnauthorized: false }, (request, response) =>
      this.#handle(request, response),
    );
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** The requests for the token LIST, which both clients send. */
  get listRequests(): IdentityRecord[] {
    return this.requests.filter((request) => request.path === '/api/v1/namespaces/kube-system/secrets');
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  #handle(request: IncomingMessage, response: ServerResponse): void {
    const socket = request.socket as TLSSocket;
    const peer = socket.getPeerCertificate();
    const servername = (socket as TLSSocket & { servername?: string | false }).servername;
    const url = new URL(request.url ?? '/', 'https://compat');
    const authorization = request.headers.authorization;
    this.requests.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      ...(authorization === undefined ? {} : { authorization }),
      impersonation: impersonationLines(request),
      ...(peer?.subject?.CN === undefined ? {} : { clientCert: String(peer.subject.CN) }),
      ...(typeof servername === 'string' && servername !== '' ? { sni: servername } : {}),
    });
    request.resume();
    if (authorization?.startsWith(`Bearer ${STALE_TOKEN_PREFIX}`)) return sendJson(response, 401, status(401, 'Unauthorized', 'Unauthorized'));
    if (url.pathname === '/version') return sendJson(response, 200, { major: '1', minor: '20', gitVersion: 'v1.20.2', platform: 'linux/amd64' });
    if (url.pathname === '/api/v1/namespaces/kube-system/secrets') {
      return sendJson(response, 200, { kind: 'SecretList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: [] });
    }
    sendJson(response, 404, status(404, 'NotFound', `${url.pathname} not found`));
  }
}
