// Benchmark (issue 6): mint + redeem throughput of the reference server on loopback.
// A bounded closed-loop load generator (undici Pool, keep-alive): CONCURRENCY workers each
// mint a single-use token and redeem it, until PAIRS pairs are done or DURATION_MS passes.
// Prints pairs/s, requests/s and p50/p99 latency per request type.
//   node_modules/.bin/node bench/rest-throughput.mjs   [BENCH_PAIRS=3000 BENCH_CONCURRENCY=16]
import { join } from 'node:path';
import { Pool } from 'undici';
import { benchDir, percentile, startServerProcess } from './rest-server-process.mjs';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 30_000);

const dir = benchDir();
// All workers share 127.0.0.1, so the per-client redemption limit (default 2/s, bursts of 20)
// is raised: this measures the server, not its rate limiter.
const server = await startServerProcess(join(dir.path, 'tokens.db'), ['--redeem-rate', '1000000/1000000']);
const pool = new Pool(server.url, { connections: CONCURRENCY, pipelining: 1 });
const latencies = { mint: [], redeem: [] };
let started = 0;
let failures = 0;

async function timed(kind, options) {
  const begin = performance.now();
  const response = await pool.request(options);
  const body = await response.body.json();
  latencies[kind].push(performance.now() - begin);
  return { status: response.statusCode, body };
}

async function worker(index, deadline) {
  while (started < PAIRS && performance.now() < deadline) {
    const pair = started++;
    const mint = await timed('mint', {
      method: 'POST',
      path: '/api/v1/tokens',
      headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ maxUses: 1, ttlSeconds: 600, description: `bench ${pair}` }),
    });
    if (mint.status !== 201) {
      failures++;
      continue;
    }
    const redeem = await timed('redeem', {
      method: 'POST',
      path: '/api/v1/bootstrap',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: mint.body.secret, machine: `bench-${index}-${pair}` }),
    });
    if (redeem.status !== 201) failures++;
  }
}

try {
  const begin = performance.now();
  const deadline = begin + DURATION_MS;
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, index) => worker(index, deadline)));
  const seconds = (performance.now() - begin) / 1000;
  const pairs = latencies.redeem.length;
  const requests = latencies.mint.length + latencies.redeem.length;
  console.log(`mint+redeem on loopback, ${CONCURRENCY} concurrent, server in its own process, SQLite WAL synchronous=FULL`);
  console.log(`  ${pairs} pairs (${requests} requests) in ${seconds.toFixed(2)} s, ${failures} failed`);
  console.log(`  ${(pairs / seconds).toFixed(0)} pairs/s, ${(requests / seconds).toFixed(0)} requests/s`);
  for (const kind of ['mint', 'redeem']) {
    const sorted = [...latencies[kind]].sort((a, b) => a - b);
    console.log(`  ${kind.padEnd(6)} p50 ${percentile(sorted, 0.5).toFixed(2)} ms  p99 ${percentile(sorted, 0.99).toFixed(2)} ms  max ${sorted.at(-1).toFixed(2)} ms`);
  }
  if (failures > 0) process.exitCode = 1;
} finally {
  await pool.close();
  await server.stop();
  dir.remove();
}
