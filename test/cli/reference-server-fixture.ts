// The set-up the rest-adapter command tests share: the reference server in-process for the whole
// file, its own request log (emptied before each test: what a test proves sent or not sent), a
// private XDG_STATE_HOME, and `cli`, which runs tokentui against the server with its admin key.
// Registers its own hooks, like useFakeCluster: call it at the top level of a test file.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import type { TokenServerOptions } from '../../src/server/options.ts';
import { startTestRestServer, type TestRestServer } from '../support/rest-server.ts';
import { tempStateHome } from './command-harness.ts';
import { runTokentui, type CliRun } from './harness.ts';

export interface ReferenceServerFixture {
  readonly server: TestRestServer;
  readonly state: ReturnType<typeof tempStateHome>;
  /** The server's log, one line a request ("METHOD path status ..."). */
  readonly serverLog: string[];
  /** tokentui with `argv` and `--server` this server, at the current time. */
  cli(...argv: string[]): Promise<CliRun>;
}

/** `options`: the server's own (a TTL limit, say); the log is the fixture's. */
export function useReferenceServer(options: Partial<Omit<TokenServerOptions, 'apiKeys' | 'log'>> = {}): ReferenceServerFixture {
  let server: TestRestServer | undefined;
  let state: ReturnType<typeof tempStateHome> | undefined;
  const serverLog: string[] = [];
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useReferenceServer: ${what} is not set up yet (use it inside a test or hook)`);
    return value;
  };
  beforeAll(async () => {
    server = await startTestRestServer({ ...options, log: (line) => serverLog.push(line) });
    state = tempStateHome();
  });
  afterAll(async () => {
    await server?.close();
    state?.remove();
  });
  beforeEach(() => {
    serverLog.length = 0;
  });
  return {
    get server() {
      return ready(server, 'the reference server');
    },
    get state() {
      return ready(state, 'the state home');
    },
    serverLog,
    cli(...argv) {
      const { url, apiKey } = ready(server, 'the reference server');
      const home = ready(state, 'the state home').path;
      const env = { TOKENTUI_API_KEY: apiKey, XDG_STATE_HOME: home, HOME: home };
      return runTokentui([...argv, '--server', url], { env, clock: new ManualClock(Date.now()) });
    },
  };
}
