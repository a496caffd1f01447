// `tokentui serve` (the built CLI, its own process) against hostile clients, each attack from
// the hardening issue: event-stream subscribers that never read, a body pushed without end at a
// route that reads none, hundreds of slow connections under a low open-file limit, and a
// database file that cannot be written.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { followEvents, percentile, spawnServe, type ServeProcess } from '../support/serve-process.ts';

const servers: ServeProcess[] = [];
const sockets = new Set<Socket>();
const dirs: string[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  for (const server of servers.splice(0)) await server.stop();
  for (const cleanup of cleanups.splice(0)) cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokentui-hostile-'));
  dirs.push(dir);
  return dir;
}

async function serve(args: readonly string[], extra: { maxOpenFiles?: number } = {}): Promise<ServeProcess> {
  const server = await spawnServe({ args: ['--quiet', '--redeem-rate', '1000000/1000000', ...args], ...extra });
  servers.push(server);
  return server;
}

function rawConnection(url: string, onClose?: () => void): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    sockets.add(socket);
    socket.on('error', reject);
    socket.on('close', () => {
      sockets.delete(socket);
      onClose?.();
    });
  });
}

describe('tokentui serve against hostile clients', () => {
  it('40 stalled event-stream subscribers and 20,000 events: RSS stays under 150 MB, the others get every event', async () => {
    const server = await serve(['--db', join(scratch(), 'tokens.db')]);
    for (let index = 0; index < 40; index++) {
      const socket = await rawConnection(server.url);
      socket.write(`GET /api/v1/events HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${server.readerKey}\r\n\r\n`);
      socket.pause();
    }
    const readers = [await followEvents(server.url, server.apiKey), await followEvents(server.url, server.apiKey)];
    for (const reader of readers) cleanups.push(reader.stop);
    const ids = (reader: (typeof readers)[number]) => reader.messages.flatMap((message) => (message.id === null ? [] : [message.id]));
    let peakMb = server.rssMb();
    const sampler = setInterval(() => (peakMb = Math.max(peakMb, server.rssMb())), 100);
    cleanups.push(() => clearInterval(sampler));

    const EVENTS = 20_000;
    const pool = new Pool(server.url, { connections: 16 });
    cleanups.push(() => void pool.close());
    let next = 0;
    const description = 'hostile-client test, a long description to make every event about a kilobyte: '.padEnd(200, 'x');
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < EVENTS) {
          next += 1;
          const response = await pool.request({
            method: 'POST',
            path: '/api/v1/tokens',
            headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ description, scope: 'x'.repeat(200) }),
          });
          await response.body.dump();
          expect(response.statusCode).toBe(201);
        }
      }),
    );
    await vi.waitFor(() => expect(readers.map((reader) => ids(reader).length)).toEqual([EVENTS, EVENTS]), { timeout: 60_000, interval: 200 });
    for (const reader of readers) expect(ids(reader)).toEqual(Array.from({ length: EVENTS }, (_, index) => index + 1));
    clearInterval(sampler);
    console.log(`40 stalled subscribers, ${EVENTS} events: peak RSS ${peakMb.toFixed(0)} MB`);
    expect(peakMb, `peak RSS ${peakMb.toFixed(0)} MB`).toBeLessThan(150);
  }, 240_000);

  it('cuts a 30 GiB push at a route that reads no body within a second, while others are served', async () => {
    const server = await serve(['--db', join(scratch(), 'tokens.db')]);
    const socket = await rawConnection(server.url);
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    let sent = 0;
    let answeredAt = 0;
    let closedAt = 0;
    socket.on('data', () => (answeredAt ||= performance.now()));
    const closed = new Promise<void>((resolve) =>
      socket.on('close', () => {
        closedAt = performance.now();
        resolve();
      }),
    );
    socket.on('error', () => undefined);
    socket.write(`GET /api/v1/health HTTP/1.1\r\nhost: x\r\ncontent-length: ${30 * 1024 ** 3}\r\n\r\n`);
    const pump = () => {
      while (sent < 30 * 1024 ** 3 && !socket.destroyed && socket.write(chunk)) sent += chunk.length;
    };
    socket.on('drain', pump);
    pump();
    const latencies: number[] = [];
    for (let index = 0; index < 20 && closedAt === 0; index++) {
      const begin = performance.now();
      expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
      latencies.push(performance.now() - begin);
    }
    await closed;
    expect(answeredAt).toBeGreaterThan(0);
    expect(closedAt - answeredAt, 'ms from the answer to the cut').toBeLessThan(1000);
    expect(sent, 'bytes the server took').toBeLessThan(512 * 1024 ** 2);
    expect(percentile(latencies, 0.5)).toBeLessThan(100);
  }, 60_000);

  it('300 slow connections under a 256-descriptor limit do not delay a normal client beyond 100 ms p99', async () => {
    const server = await serve(['--db', join(scratch(), 'tokens.db')], { maxOpenFiles: 256 });
    let stopping = false;
    cleanups.push(() => (stopping = true));
    // Each attacker sends a request line and then a header byte every 2 s, and reconnects when cut.
    const attack = async (): Promise<void> => {
      if (stopping) return;
      const socket = await rawConnection(server.url, () => void attack().catch(() => undefined)).catch(() => null);
      if (socket === null) return;
      socket.on('data', () => undefined);
      socket.write('GET /api/v1/health HTTP/1.1\r\nhost: x\r\n');
      const drip = setInterval(() => (socket.destroyed ? clearInterval(drip) : socket.write('x')), 2000);
      socket.once('close', () => clearInterval(drip));
    };
    for (let index = 0; index < 300; index++) await attack();
    const latencies: number[] = [];
    for (let index = 0; index < 200; index++) {
      const begin = performance.now();
      const status = await new Promise<number>((resolve, reject) => {
        // A new connection each time: the client that arrives while the slow ones hold the server.
        const outgoing = httpRequest(`${server.url}/api/v1/health`, { agent: false }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        });
        outgoing.on('error', reject);
        outgoing.end();
      });
      latencies.push(performance.now() - begin);
      expect(status).toBe(200);
    }
    const summary = `p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms`;
    console.log(`normal client beside 300 slow connections: ${summary}`);
    expect(percentile(latencies, 0.99), summary).toBeLessThan(100);
  }, 120_000);
});

describe('tokentui serve with a database it cannot write', () => {
  /** Makes the file read-only even for root (the immutable attribute); undone after the test. */
  function makeReadOnly(path: string): () => void {
    if (process.getuid?.() !== 0) {
      execFileSync('chmod', ['0400', path]);
      return () => execFileSync('chmod', ['0600', path]);
    }
    execFileSync('chattr', ['+i', path]);
    const undo = () => execFileSync('chattr', ['-i', path]);
    cleanups.push(() => {
      try {
        undo();
      } catch {
        // already undone
      }
    });
    return undo;
  }

  it('creates its directory 0700 and its files 0600', async () => {
    const dbPath = join(scratch(), 'nested', 'state', 'tokens.db');
    const server = await serve(['--db', dbPath]);
    await fetch(`${server.url}/api/v1/tokens`, { method: 'POST', headers: { authorization: `Bearer ${server.apiKey}` } });
    expect(statSync(join(dbPath, '..')).mode & 0o777).toBe(0o700);
    for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) expect(statSync(file).mode & 0o777, file).toBe(0o600);
  });

  it('starts, warns, fails /ready and answers writes 503 with the reason; recovers when the file is writable again', async () => {
    const dbPath = join(scratch(), 'tokens.db');
    const first = await serve(['--db', dbPath]);
    await first.stop();
    const undo = makeReadOnly(dbPath);
    const server = await serve(['--db', dbPath]);
    expect(server.stderrLines.join('\n')).toMatch(/WARNING: the token database is read-only/);
    const auth = { authorization: `Bearer ${server.apiKey}` };
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
    const ready = await fetch(`${server.url}/api/v1/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ error: 'unavailable', details: { reason: 'database-read-only' } });
    expect((await fetch(`${server.url}/api/v1/tokens`, { headers: auth })).status).toBe(200);
    const mint = await fetch(`${server.url}/api/v1/tokens`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
    expect(mint.status).toBe(503);
    expect(mint.headers.get('retry-after')).toBe('2');
    expect(await mint.json()).toMatchObject({ error: 'unavailable', message: expect.stringMatching(/read-only/), details: { reason: 'database-read-only' } });

    undo();
    await vi.waitFor(async () => expect((await fetch(`${server.url}/api/v1/ready`)).status).toBe(200), { timeout: 10_000, interval: 250 });
    const again = await fetch(`${server.url}/api/v1/tokens`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
    expect(again.status).toBe(201);
  });
});
