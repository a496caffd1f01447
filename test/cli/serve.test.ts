// `tokentui serve` in-process: flags refused before anything listens (exit 2), a port already
// taken (exit 1), and a real run over loopback until a stop signal ends it cleanly (exit 0).
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { StopCleanup } from '../../src/cli/stop-signals.ts';
import { capturingCliIo, runTokentui } from './harness.ts';
import { removeScratch } from '../support/at-rest.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokentui-serve-cli-'));
});
afterAll(() => removeScratch(dir));

/** Starts `tokentui ARGV` without waiting for it; serve runs until a stop cleanup is called. */
function startServe(argv: readonly string[], env: Readonly<Record<string, string>> = {}) {
  const stopCleanups = new Set<StopCleanup>();
  const { io, captured: output } = capturingCliIo({ env: { HOME: dir, ...env }, cwd: dir, stopCleanups });
  const exit = main(argv, io);
  const listening = async () => {
    await expect.poll(() => output().stderr, { timeout: 5_000 }).toMatch(/listening on http/);
    return /listening on (http:\/\/[^ ]+)/.exec(output().stderr)?.[1] ?? '';
  };
  return { output, stopCleanups, exit, listening };
}

const authorized = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });

describe('tokentui serve: flags', () => {
  it.each([
    [['serve', '--listen', 'nonsense'], /^tokentui: invalid listen address "nonsense": expected HOST:PORT/],
    [['serve', '--listen', '0.0.0.0:0'], /^tokentui: refusing to listen on 0\.0\.0\.0: .*\nhint: add --allow-remote/],
    [['serve', '--listen'], /^tokentui: option '--listen' needs a value/],
    [['serve', '--mode', 'shared'], /^tokentui: --mode must be unique or legacy\nhint: run 'tokentui serve --help'\n$/],
    [['serve', '--redeem-rate', 'fast'], /^tokentui: --redeem-rate must be PER_SECOND\/BURST, e.g. 2\/20\n/],
    [['serve', '--api-key-env', 'TOKENTUI_TEST_UNSET'], /^tokentui: environment variable TOKENTUI_TEST_UNSET \(API key "TOKENTUI_TEST_UNSET"\) is not set/],
    [['serve', '-o', 'json'], /^tokentui: `tokentui serve` has no -o option/],
    [['serve', '--ttl', '1h'], /^tokentui: --ttl is not an option of `tokentui serve`/],
    [['serve', 'extra'], /^tokentui: unexpected argument 'extra' for `tokentui serve`/],
    [['--server', 'http://127.0.0.1:9', 'serve'], /^tokentui: --server is for clients; `tokentui serve` does not take it/],
    [['--demo', 'serve'], /^tokentui: --demo is for clients/],
  ])('%j exits 2 before listening', async (argv, message) => {
    const run = startServe(argv);
    expect(await run.exit).toBe(2);
    expect(run.output().stderr).toMatch(message);
    expect(run.output().stderr).not.toMatch(/listening|ttk_/);
    expect(run.output().stdout).toBe('');
    expect(run.stopCleanups.size).toBe(0);
  });

  it('--help describes the server flags and how clients connect', async () => {
    const result = await runTokentui(['serve', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: tokentui serve \[--listen HOST:PORT\] \[--db PATH \| --database postgres:\/\/…\] \[--migrate-only\]\n/);
    for (const flag of ['--mode unique|legacy', '--api-key-env [NAME=]VAR', '--allow-remote', 'TOKENTUI_API_KEY', 'SIGTERM', 'TOKENTUI_DATABASE_URL', 'PGPASSWORD']) {
      expect(result.stdout).toContain(flag);
    }
  });
});

describe('tokentui serve: running', () => {
  let taken: Server;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('a port already in use exits 1 and shows no key', async () => {
    const port = (taken.address() as { port: number }).port;
    const run = startServe(['serve', '--listen', `127.0.0.1:${port}`, '--db', 'taken.db']);
    expect(await run.exit).toBe(1);
    expect(run.output().stderr).toMatch(new RegExp(`^tokentui: serve: cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`));
    expect(run.output().stderr).not.toMatch(/ttk_/);
  });

  it('serves on loopback with a generated key shown once, until a stop signal (exit 0)', async () => {
    const run = startServe(['serve', '--listen', '127.0.0.1:0', '--db', 'data/server.db', '--quiet']);
    const url = await run.listening();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const key = /^ {2}(ttk_\S+)$/m.exec(run.output().stderr)?.[1] ?? '';
    expect(run.output().stderr.split(key)).toHaveLength(2);
    expect(existsSync(join(dir, 'data/server.db'))).toBe(true); // --db is relative to the working directory

    expect((await fetch(`${url}/api/v1/tokens`, authorized(key))).status).toBe(200);
    expect((await fetch(`${url}/api/v1/tokens`, authorized('ttk_wrong-key-0000000000'))).status).toBe(401);
    const listed = await runTokentui(['--server', url, 'list', '-o', 'json'], { env: { TOKENTUI_API_KEY: key } });
    expect(listed).toMatchObject({ code: 0, stdout: '[]\n' });

    expect(run.stopCleanups.size).toBe(1);
    const [cleanup] = run.stopCleanups;
    expect(await cleanup?.('SIGTERM')).toBe(0);
    expect(await run.exit).toBe(0);
    expect(run.output().stderr).toMatch(/SIGTERM received, stopping\n$/);
    expect(run.stopCleanups.size).toBe(0);
    await expect(fetch(`${url}/api/v1/tokens`, authorized(key))).rejects.toThrow();
  });

  it('with --api-key-env uses that key and prints none', async () => {
    const key = 'serve-test-key-0123456789abcdef';
    const run = startServe(['serve', '--listen', '127.0.0.1:0', '--db', 'keyed.db', '--api-key-env', 'ops=SERVE_TEST_KEY'], { SERVE_TEST_KEY: key });
    const url = await run.listening();
    expect(run.output().stderr).not.toMatch(/generated|ttk_/);
    expect(run.output().stderr).not.toContain(key);
    const created = await runTokentui(['--server', url, 'create', '--ttl', '10m', '-o', 'json'], { env: { TOKENTUI_API_KEY: key, HOME: dir } });
    expect(created.code).toBe(0);
    // The request log names the operator, never the key or the token's secret.
    expect(run.output().stderr).toMatch(/POST \/api\/v1\/tokens 201/);
    expect(run.output().stderr).not.toMatch(/\b[a-z0-9]{6}\.[a-z0-9]{16}\b/);
    await [...run.stopCleanups][0]?.('SIGINT');
    expect(await run.exit).toBe(0);
  });
});
