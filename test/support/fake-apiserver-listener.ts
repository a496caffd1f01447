// Where the fake apiserver listens: 127.0.0.1 on an ephemeral port, plain HTTP, or HTTPS with a
// CA and serving certificate made by openssl now (k3s-pki.ts). Every connection is tracked so a
// test can drop them all, as when the apiserver goes away.
import { createServer, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Server, Socket } from 'node:net';
import { generateK3sPki } from './k3s-pki.ts';

export class LoopbackListener {
  readonly #server: Server;
  readonly #caPem: string | undefined;
  readonly #sockets = new Set<Socket>();
  #refusing = false;
  #port = 0;

  constructor(tls: boolean, handler: RequestListener) {
    const pki = tls ? generateK3sPki(false) : undefined;
    this.#caPem = pki?.caBundle.toString('utf8');
    this.#server = pki === undefined ? createServer(handler) : createHttpsServer({ key: pki.key, cert: pki.certChain }, handler);
  }

  async start(): Promise<void> {
    this.#server.on('connection', (socket) => {
      if (this.#refusing) return socket.destroy();
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#port = (this.#server.address() as { port: number }).port;
  }

  get url(): string {
    return `${this.#caPem === undefined ? 'http' : 'https'}://127.0.0.1:${this.#port}`;
  }

  /** The CA that signed the serving certificate (PEM) with TLS; undefined for plain HTTP. */
  get caPem(): string | undefined {
    return this.#caPem;
  }

  /** While on, every connection is dropped at once, new ones included. */
  setRefuseConnections(refusing: boolean): void {
    this.#refusing = refusing;
    if (refusing) this.#dropConnections();
  }

  async close(): Promise<void> {
    this.#dropConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #dropConnections(): void {
    for (const socket of this.#sockets) socket.destroy();
  }
}
