// AN EMULATION of the k3s supervisor's unauthenticated `/cacerts` and its `PUT /v1-k3s/token`
// (server-token rotation). No real k3s can run on these machines, so this
// follows the k3s sources: pkg/server/handlers/{router,
// handlers,token}.go, pkg/server/auth/auth.go, pkg/util/apierrors.go. It is not k3s:
// - HTTPS on 127.0.0.1 with a CA made by openssl at test time; `/cacerts` answers the CA file's
//   exact bytes as text/plain (one self-signed CA, or with `caChain` an intermediate + root bundle
//   as a custom CA gives);
// - `/v1-k3s/token`: authentication first (Basic against the passwd rows, `password,name,uid,groups`;
//   no or wrong credentials or a group other than k3s:server -> 403 "forbidden"), then 405 for any
//   method but PUT, 400 for a body that is not JSON, a dropped connection (Go recovers the handler's
//   nil-pointer panic) when `newToken` is absent, 500 `token error ID NNNNN` when rotation fails
//   (details only in `serverLog`), 200 with an empty body on success. Errors are Kubernetes Status
//   JSON with `Connection: close`;
// - rotation rewrites the `server` row, the `node` row too when it held the old password and no
//   separate agent token is configured, and the token file `K10<hash>::server:<new>`; a
//   bootstrap-shaped new token is persisted and then answered with 500, as before k3s#12989.
// `requests` logs every request (never a password: the Basic user name and the body's keys only).
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { createServer, request as httpsRequest, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { generateK3sPki, type K3sPki } from './k3s-pki.ts';


export interface SupervisorRequest {
  method: string;
  path: string;
  auth: 'none' | 'basic' | 'bearer';
  /** The Basic-auth user name (never the password). */
  basicUser?: string;
  /** Top-level keys of a JSON body (never the values). */
  bodyKeys?: string[];
  /** The status answered; 0 when the connection was dropped. */
  status: number;
}

export interface PasswdRow {
  readonly password: string;
  readonly name: string;
  readonly uid: string;
  readonly groups: string;
}

export interface K3sSupervisorOptions {
  /** Default: 32 random hex characters. */
  readonly serverPassword?: string;
  /** The `node` row's password; default = the server password (agent token unset). */
  readonly agentPassword?: string;
  /** `--agent-token` configured: the node row never follows a rotation. */
  readonly separateAgentToken?: boolean;
  /** Serve an intermediate + root bundle (a custom CA) instead of one self-signed CA. */
  readonly caChain?: boolean;
  /**
   * Hand every other path to this kube-apiserver, as k3s does on its one port: then a kubeconfig
   * pointing at the emulation reaches the real apiserver behind it (real-terminal TUI tests).
   */
  readonly apiserver?: { readonly url: string; readonly caPem: string };
}

function status(code: number, reason: string, message: string, details?: Record<string, unknown>) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

export const K3S_GIT_VERSION = 'v1.31.4+k3s1';
const BOOTSTRAP_SHAPE = /^[a-z0-9]{6}\.[a-z0-9]{16}$/;

export class K3sSupervisor {
  readonly requests: SupervisorRequest[] = [];
  /** What k3s would write to its log (the details behind a `token error ID`). */
  readonly serverLog: string[] = [];
  /** The exact bytes `/cacerts` serves. */
  readonly caBundle: Buffer;
  readonly #pki: K3sPki;
  readonly #separateAgentToken: boolean;
  readonly #apiserver: K3sSupervisorOptions['apiserver'];
  readonly #sockets = new Set<Socket>();
  #rows: PasswdRow[];
  #tokenFile: string;
  #nextRotationFailure: string | undefined;
  #server: Server | undefined;
  #port = 0;

  constructor(options: K3sSupervisorOptions = {}) {
    this.#pki = generateK3sPki(options.caChain ?? false);
    this.caBundle = this.#pki.caBundle;
    this.#separateAgentToken = options.separateAgentToken ?? false;
    this.#apiserver = options.apiserver;
    const serverPassword = options.serverPassword ?? randomBytes(16).toString('hex');
    this.#rows = [
      { password: serverPassword, name: 'server', uid: 'server', groups: 'k3s:server' },
      { password: options.agentPassword ?? serverPassword, name: 'node', uid: 'node', groups: 'k3s:agent' },
    ];
    this.#tokenFile = this.#formatTokenFile(serverPassword);
  }

  async start(): Promise<this> {
    this.#server = createServer({ key: this.#pki.key, cert: this.#pki.certChain }, (request, response) => void this.#handle(request, response));
    this.#server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.#port = (this.#server.address() as { port: number }).port;
    return this;
  }

  get url(): string {
    return `https://127.0.0.1:${this.#port}`;
  }

  /** sha256 of the served `/cacerts` bytes (what a single-CA K10 hash is). */
  get caBundleSha256(): string {
    return createHash('sha256').update(this.caBundle).digest('hex');
  }

  /** The passwd rows as the server would write them. */
  get passwd(): readonly PasswdRow[] {
    return this.#rows;
  }

  /** `<data-dir>/server/token` as the server would have it now. */
  get tokenFile(): string {
    return this.#tokenFile;
  }

  /** The next rotation fails inside tokenRotate (500 `token error ID NNNNN`) with this cause. */
  failNextRotation(cause: string): void {
    this.#nextRotationFailure = cause;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  #formatTokenFile(password: string): string {
    // The token file is written with the K10 hash of the CA file itself.
    return `K10${createHash('sha256').update(this.caBundle).digest('hex')}::server:${password}\n`;
  }

  #authenticatedGroups(request: IncomingMessage, logged: SupervisorRequest): string[] | null {
    const header = request.headers.authorization ?? '';
    if (header.startsWith('Bearer ')) {
      logged.auth = 'bearer';
      return null; // no bootstrap tokens are registered here: the authenticator says ok=false
    }
    if (!header.startsWith('Basic ')) return null;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    logged.auth = 'basic';
    logged.basicUser = colon < 0 ? decoded : decoded.slice(0, colon);
    const row = this.#rows.find((candidate) => candidate.name === logged.basicUser && candidate.password === decoded.slice(colon + 1));
    return colon < 0 || row === undefined ? null : row.groups.split(',');
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', this.url).pathname;
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const logged: SupervisorRequest = { method: request.method ?? 'GET', path, auth: 'none', status: 0 };
    this.requests.push(logged);
    const answer = (code: number, payload?: unknown) => {
      logged.status = code;
      if (payload === undefined) return void response.writeHead(code).end();
      response.writeHead(code, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify(payload));
    };
    if (path === '/cacerts') {
      logged.status = 200;
      return void response.writeHead(200, { 'content-type': 'text/plain' }).end(this.caBundle);
    }
    if (path === '/version') {
      // Not the supervisor's own route: k3s hands unknown paths to the apiserver, which answers this anonymously.
      logged.status = 200;
      return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ major: '1', minor: '31', gitVersion: K3S_GIT_VERSION }));
    }
    if (path === '/ping') {
      logged.status = 200;
      return void response.writeHead(200, { 'content-type': 'text/plain' }).end('pong');
    }
    if (path !== '/v1-k3s/token' && path !== '/cacerts' && this.#apiserver !== undefined) return this.#forward(request, response, Buffer.concat(chunks), logged);
    if (path !== '/v1-k3s/token') return answer(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    const groups = this.#authenticatedGroups(request, logged);
    if (groups === null || !groups.includes('k3s:server')) return answer(403, status(403, 'Forbidden', 'forbidden'));
    if (request.method !== 'PUT') {
      const causes = [{ reason: 'UnexpectedServerResponse', message: 'method not allowed' }];
      return answer(405, status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', { name: path, causes }));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      // Go's encoding/json wording for an empty body and for one that starts with a non-JSON
      // character (other syntax errors word it differently; the client only relays the text).
      const first = body.trim()[0];
      const message = first === undefined ? 'unexpected end of JSON input' : `invalid character '${first}' looking for beginning of value`;
      return answer(400, status(400, 'BadRequest', message));
    }
    logged.bodyKeys = typeof parsed === 'object' && parsed !== null ? Object.keys(parsed) : [];
    const newToken = (parsed as { newToken?: unknown } | null)?.newToken;
    if (newToken !== undefined && newToken !== null && typeof newToken !== 'string') {
      return answer(400, status(400, 'BadRequest', 'json: cannot unmarshal into Go struct field TokenRotateRequest.newToken of type string'));
    }
    if (typeof newToken !== 'string') {
      // *sTokenReq.NewToken on a nil pointer: net/http recovers the panic and drops the connection.
      this.serverLog.push('http: panic serving: runtime error: invalid memory address or nil pointer dereference');
      return void request.socket.destroy();
    }
    this.#rotate(newToken, answer);
  }

  /** The apiserver behind the supervisor's port: headers (credentials included) and body as sent, the answer streamed back (watches too). */
  #forward(request: IncomingMessage, response: ServerResponse, body: Buffer, logged: SupervisorRequest): void {
    const upstream = new URL(request.url ?? '/', this.#apiserver!.url);
    const headers = { ...request.headers, host: upstream.host };
    const outgoing = httpsRequest(upstream, { method: request.method, headers, ca: this.#apiserver!.caPem }, (answer) => {
      logged.status = answer.statusCode ?? 0;
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    outgoing.on('error', () => response.destroy());
    response.on('close', () => outgoing.destroy());
    outgoing.end(body);
  }

  #rotate(newToken: string, answer: (code: number, payload?: unknown) => void): void {
    const fail = (cause: string) => {
      const id = String(randomInt(99_999)).padStart(5, '0');
      this.serverLog.push(`token error ID ${id}: ${cause}`);
      answer(500, status(500, 'InternalError', `Internal error occurred: token error ID ${id}`, { causes: [{ message: `token error ID ${id}` }] }));
    };
    if (this.#nextRotationFailure !== undefined) {
      const cause = this.#nextRotationFailure;
      this.#nextRotationFailure = undefined;
      return fail(cause);
    }
    const oldPassword = this.#rows.find((row) => row.name === 'server')!.password;
    const password = newToken === '' ? randomBytes(16).toString('hex') : newToken;
    this.#rows = this.#rows.map((row) => {
      if (row.name === 'server') return { ...row, password };
      if (row.name === 'node' && row.password === oldPassword && !this.#separateAgentToken) return { ...row, password };
      return row;
    });
    this.#tokenFile = this.#formatTokenFile(password);
    // Before k3s#12989 the bootstrap-shaped value was persisted first, then normalisation failed.
    if (BOOTSTRAP_SHAPE.test(password)) return fail('failed to normalize server token; must be in format K10<CA-HASH>::<USERNAME>:<PASSWORD> or <PASSWORD>');
    answer(200);
  }
}

export async function startK3sSupervisor(options: K3sSupervisorOptions = {}): Promise<K3sSupervisor> {
  return new K3sSupervisor(options).start();
}
