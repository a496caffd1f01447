// Proxies on 127.0.0.1 for the kubeconfig compatibility matrix: an HTTP CONNECT proxy (plain or
// TLS, optionally demanding Basic credentials) and a SOCKS5 proxy (no auth or user/password).
// Each logs what it was asked to reach. They resolve names themselves, and resolve every `*.test`
// name (and any alias given) to 127.0.0.1: a server named apiserver.test is reachable only
// through a proxy, like a cluster behind a corporate one. Only loopback is ever dialled.
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface ProxyRecord {
  readonly kind: 'connect' | 'socks5';
  /** host:port the client asked for, as it asked. */
  readonly target: string;
  /** The Proxy-Authorization header, or "user:password" for SOCKS5. */
  readonly credentials?: string;
}

export interface ProxyOptions {
  /** Serve the proxy itself over TLS (an https:// proxy). */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** Demand these Basic credentials ("user:password"); 407 otherwise. */
  readonly requireCredentials?: string;
  /** Extra names that resolve to 127.0.0.1. */
  readonly aliases?: readonly string[];
}

function loopbackFor(host: string, aliases: readonly string[]): string | undefined {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === '127.0.0.1' || bare === 'localhost' || bare.endsWith('.test') || aliases.includes(bare)) return '127.0.0.1';
  return undefined;
}

function splice(client: Duplex, upstream: Socket, head?: Buffer): void {
  if (head !== undefined && head.length > 0) upstream.write(head);
  client.pipe(upstream).pipe(client);
  const drop = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', drop);
  upstream.on('error', drop);
  client.on('close', drop);
  upstream.on('close', drop);
}

export class ConnectProxy {
  readonly requests: ProxyRecord[] = [];
  readonly #server: Server;
  readonly #sockets = new Set<Duplex>();

  constructor(readonly options: ProxyOptions = {}) {
    const refuse = (_request: IncomingMessage, response: import('node:http').ServerResponse) => {
      response.writeHead(405);
      response.end('CONNECT only');
    };
    this.#server = options.tls === undefined ? createHttpServer(refuse) : createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, refuse);
    this.#server.on('connect', (request: IncomingMessage, client: Duplex, head: Buffer) => this.#onConnect(request, client, head));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The proxy URL, with credentials when given. */
  url(credentials?: string): string {
    const scheme = this.options.tls === undefined ? 'http' : 'https';
    // A TLS proxy by name, so that its certificate (valid for localhost) is checked against a name.
    const host = this.options.tls === undefined ? '127.0.0.1' : 'localhost';
    return `${scheme}://${credentials === undefined ? '' : `${credentials}@`}${host}:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  #onConnect(request: IncomingMessage, client: Duplex, head: Buffer): void {
    this.#sockets.add(client);
    client.on('close', () => this.#sockets.delete(client));
    const target = request.url ?? '';
    const credentials = request.headers['proxy-authorization'];
    this.requests.push({ kind: 'connect', target, ...(credentials === undefined ? {} : { credentials }) });
    const required = this.options.requireCredentials;
    if (required !== undefined && credentials !== `Basic ${Buffer.from(required).toString('base64')}`) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="compat"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const colon = target.lastIndexOf(':');
    const address = loopbackFor(target.slice(0, colon), this.options.aliases ?? []);
    if (address === undefined) {
      client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(Number(target.slice(colon + 1)), address, () => {
      client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      splice(client, upstream, head);
    });
    upstream.on('error', () => client.destroy());
  }
}

/** A SOCKS5 proxy (RFC 1928, RFC 1929 user/password) that connects only to loopback. */
export class Socks5Proxy {
  readonly requests: ProxyRecord[] = [];
  readonly #server: TcpServer;
  readonly #sockets = new Set<Socket>();

  constructor(readonly options: Pick<ProxyOptions, 'requireCredentials' | 'aliases'> = {}) {
    this.#server = createTcpServer((socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      void this.#serve(socket);
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  url(credentials?: string): string {
    return `socks5://${credentials === undefined ? '' : `${credentials}@`}127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  async #serve(socket: Socket): Promise<void> {
    const reader = byteReader(socket);
    const [, methodCount = 0] = await reader(2);
    const methods = await reader(methodCount);
    let credentials: string | undefined;
    if (this.options.requireCredentials !== undefined) {
      if (!methods.includes(0x02)) return void socket.end(Buffer.from([0x05, 0xff]));
      socket.write(Buffer.from([0x05, 0x02]));
      const [, userLength = 0] = await reader(2);
      const user = (await reader(userLength)).toString('utf8');
      const [passwordLength = 0] = await reader(1);
      credentials = `${user}:${(await reader(passwordLength)).toString('utf8')}`;
      const accepted = credentials === this.options.requireCredentials;
      socket.write(Buffer.from([0x01, accepted ? 0x00 : 0x01]));
      if (!accepted) return void socket.end();
    } else socket.write(Buffer.from([0x05, 0x00]));
    const [, command, , addressType] = await reader(4);
    let host: string;
    if (addressType === 0x01) host = [...(await reader(4))].join('.');
    else if (addressType === 0x03) host = (await reader((await reader(1))[0] ?? 0)).toString('utf8');
    else host = `[${(await reader(16)).toString('hex').replace(/(.{4})(?!$)/g, '$1:')}]`;
    const port = (await reader(2)).readUInt16BE(0);
    this.requests.push({ kind: 'socks5', target: `${host}:${port}`, ...(credentials === undefined ? {} : { credentials }) });
    const address = loopbackFor(host, this.options.aliases ?? []);
    // 0x02: connection not allowed; 0x07: command not supported.
    if (command !== 0x01 || address === undefined) return void socket.end(Buffer.from([0x05, command !== 0x01 ? 0x07 : 0x02, 0x00, 0x01, 0, 0, 0, 0, 0, 0]));
    const upstream = connect(port, address, () => {
      socket.write(Buffer.from([0x05, 0x00, 0x00, 0x01, 127, 0, 0, 1, 0, 0]));
      splice(socket, upstream, reader.rest());
    });
    upstream.on('error', () => socket.destroy());
  }
}

/** Reads exactly n bytes at a time from a socket (the SOCKS handshake is a sequence of small frames). */
function byteReader(socket: Socket): ((n: number) => Promise<Buffer>) & { rest(): Buffer } {
  let buffered = Buffer.alloc(0);
  const waiting: { n: number; resolve: (bytes: Buffer) => void }[] = [];
  const pump = () => {
    while (waiting.length > 0 && buffered.length >= (waiting[0]?.n ?? 0)) {
      const next = waiting.shift();
      if (next === undefined) break;
      next.resolve(buffered.subarray(0, next.n));
      buffered = buffered.subarray(next.n);
    }
  };
  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    pump();
  };
  socket.on('data', onData);
  const read = (n: number) =>
    new Promise<Buffer>((resolve) => {
      waiting.push({ n, resolve });
      pump();
    });
  return Object.assign(read, {
    rest() {
      socket.off('data', onData);
      const rest = buffered;
      buffered = Buffer.alloc(0);
      return rest;
    },
  });
}
