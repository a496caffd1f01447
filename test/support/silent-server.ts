// A backend that hangs: an HTTP server on loopback that takes every request and answers none,
// counting them (so a test can tell "gave up waiting" from "never asked"). Registers its own
// hooks, so call it at the top level of a describe block.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export interface SilentServer {
  readonly url: string;
  /** Requests received so far. */
  readonly requests: number;
}

export function useSilentServer(): SilentServer {
  let server: Server | undefined;
  let requests = 0;
  beforeAll(async () => {
    server = createServer(() => requests++);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => {
    server?.closeAllConnections();
    server?.close();
  });
  return {
    get url() {
      if (server === undefined) throw new Error('useSilentServer: not started yet (use it inside a test or hook)');
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    get requests() {
      return requests;
    },
  };
}
