// `tokentui serve` from the built CLI (dist/cli.js) as its own process, the way an operator
// runs it: for the real-backend server tests (hostile clients, replicas on PostgreSQL).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { readSse } from '../../src/adapters/rest/sse.ts';
import { cliPath } from './run-cli.ts';
import { randomApiKey } from './rest-server.ts';

export interface ServeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly apiKey: string;
  readonly readerKey: string;
  readonly stderrLines: string[];
  readonly exited: Promise<number | null>;
  /** Resident memory now, in MB (Linux /proc). */
  rssMb(): number;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** Flags after `serve` (the database, limits). */
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Open-file limit for the process (the way `ulimit -n` would set it). */
  readonly maxOpenFiles?: number;
  /** The same keys for several replicas; default: fresh ones. */
  readonly keys?: { readonly apiKey: string; readonly readerKey: string };
}

export function spawnServe(options: ServeOptions = {}): Promise<ServeProcess> {
  const apiKey = options.keys?.apiKey ?? randomApiKey();
  const readerKey = options.keys?.readerKey ?? randomApiKey();
  const serveArgs = [
    cliPath,
    'serve',
    '--listen',
    '127.0.0.1:0',
    '--api-key-env',
    'alice=SERVE_ADMIN_KEY',
    '--reader-key-env',
    'rita=SERVE_READER_KEY',
    ...(options.args ?? []),
  ];
  const [command, args] =
    options.maxOpenFiles === undefined
      ? [process.execPath, serveArgs]
      : ['prlimit', [`--nofile=${options.maxOpenFiles}:${options.maxOpenFiles}`, '--', process.execPath, ...serveArgs]];
  const child = spawn(command, args, {
    env: { ...process.env, SERVE_ADMIN_KEY: apiKey, SERVE_READER_KEY: readerKey, ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderrLines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderrLines.join('\n')}`)), 20_000);
    createInterface({ input: child.stderr! }).on('line', (line) => {
      stderrLines.push(line);
      const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      resolve({
        url,
        child,
        apiKey,
        readerKey,
        stderrLines,
        exited,
        rssMb: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]) / 1024,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before listening: ${stderrLines.join('\n')}`));
    });
  });
}

/** p-th percentile (0..1) of `values`. */
export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN;
}

export interface FollowedEvent {
  /** null for `ready` and `resync`, which carry no id. */
  readonly id: number | null;
  readonly event: string;
  readonly data: string;
  /** performance.now() when it arrived. */
  readonly at: number;
}

/** Follows GET /api/v1/events on a server, collecting every message until stopped. */
export async function followEvents(url: string, key: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/v1/events`, { headers: { authorization: `Bearer ${key}`, ...headers }, signal: controller.signal });
  const messages: FollowedEvent[] = [];
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  void (async () => {
    for await (const item of readSse(response.body!)) {
      if (item.type !== 'message') continue;
      const { id, event, data } = item.message;
      if (event === 'ready') markReady();
      messages.push({ id: id ? Number(id) : null, event, data, at: performance.now() });
    }
  })().catch(() => undefined);
  await ready;
  /** The token ids of the token events so far. */
  const tokenIds = () => messages.filter((message) => message.event.startsWith('token.')).map((message) => (JSON.parse(message.data) as { tokenId: string }).tokenId);
  return { messages, tokenIds, stop: () => controller.abort() };
}
