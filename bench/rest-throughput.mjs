// Benchmark (issues 6 and 21): mint + redeem throughput of the reference server on loopback, in
// one run for SQLite (one process) and PostgreSQL (one replica, and three replicas on one
// database), then how long an event takes from a mint on one replica to another's stream.
// A bounded closed-loop load generator (undici Pool per replica, keep-alive): CONCURRENCY
// workers each mint a single-use token on one replica and redeem it on the next, until PAIRS
// pairs are done or DURATION_MS passes. Prints pairs/s, requests/s, p50/p99 per request type.
//   node_modules/.bin/node bench/rest-throughput.mjs   [BENCH_PAIRS=3000 BENCH_CONCURRENCY=16 BENCH_EVENTS=200]
import { join } from 'node:path';
import { Pool } from 'undici';
import { readSse } from '../src/adapters/rest/sse.ts';
import { benchApiKey, benchDir, percentile, startPostgres, startServerProcess } from './rest-server-process.mjs';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 30_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200);
// All workers share 127.0.0.1, so the per-client redemption limit (default 2/s, bursts of 20)
// is raised: this measures the server, not its rate limiter.
const UNLIMITED = ['--redeem-rate', '1000000/1000000'];

async function measure(label, servers) {
  const pools = servers.map((server) => new Pool(server.url, { connections: Math.ceil(CONCURRENCY / servers.length) + 1, pipelining: 1 }));
  const latencies = { mint: [], redeem: [] };
  let started = 0;
  let failures = 0;
  const timed = async (kind, pool, options) => {
    const begin = performance.now();
    const response = await pool.request(options);
    const body = await response.body.json();
    latencies[kind].push(performance.now() - begin);
    return { status: response.statusCode, body };
  };
  const worker = async (index, deadline) => {
    while (started < PAIRS && performance.now() < deadline) {
      const pair = started++;
      const mintOn = pools[(index + pair) % pools.length];
      const redeemOn = pools[(index + pair + 1) % pools.length];
      const mint = await timed('mint', mintOn, {
        method: 'POST',
        path: '/api/v1/tokens',
        headers: { authorization: `Bearer ${servers[0].apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ maxUses: 1, ttlSeconds: 600, description: `bench ${pair}` }),
      });
      if (mint.status !== 201) {
        failures++;
        continue;
      }
      const redeem = await timed('redeem', redeemOn, {
        method: 'POST',
        path: '/api/v1/bootstrap',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: mint.body.secret, machine: `bench-${index}-${pair}` }),
      });
      if (redeem.status !== 201) failures++;
    }
  };
  try {
    const begin = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, index) => worker(index, begin + DURATION_MS)));
    const seconds = (performance.now() - begin) / 1000;
    const pairs = latencies.redeem.length;
    const requests = latencies.mint.length + latencies.redeem.length;
    console.log(`${label}: ${(pairs / seconds).toFixed(0)} pairs/s`);
    console.log(`  ${pairs} pairs (${requests} requests) in ${seconds.toFixed(2)} s, ${failures} failed, ${(requests / seconds).toFixed(0)} requests/s`);
    for (const kind of ['mint', 'redeem']) {
      const sorted = [...latencies[kind]].sort((a, b) => a - b);
      console.log(`  ${kind.padEnd(6)} p50 ${percentile(sorted, 0.5).toFixed(2)} ms  p99 ${percentile(sorted, 0.99).toFixed(2)} ms  max ${sorted.at(-1).toFixed(2)} ms`);
    }
    if (failures > 0) process.exitCode = 1;
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
  }
}

/** From the start of a mint request on `from` to its event on `to`'s stream, EVENTS times, one at a time. */
async function eventLatency(from, to) {
  const controller = new AbortController();
  const response = await fetch(`${to.url}/api/v1/events`, { headers: { authorization: `Bearer ${to.apiKey}` }, signal: controller.signal });
  const arrivals = new Map();
  let ready;
  const isReady = new Promise((resolve) => (ready = resolve));
  const reading = (async () => {
    for await (const item of readSse(response.body)) {
      if (item.type !== 'message') continue;
      if (item.message.event === 'ready') ready();
      else arrivals.set(JSON.parse(item.message.data).tokenId, performance.now());
    }
  })().catch(() => undefined);
  await isReady;
  const latencies = [];
  for (let index = 0; index < EVENTS; index++) {
    const begin = performance.now();
    const minted = await fetch(`${from.url}/api/v1/tokens`, { method: 'POST', headers: { authorization: `Bearer ${from.apiKey}`, 'content-type': 'application/json' }, body: '{}' });
    const { token } = await minted.json();
    while (!arrivals.has(token.id)) await new Promise((resolve) => setTimeout(resolve, 1));
    latencies.push(arrivals.get(token.id) - begin);
  }
  controller.abort();
  await reading;
  const sorted = latencies.sort((a, b) => a - b);
  console.log(`event from a mint on replica A to replica C's stream (PostgreSQL NOTIFY), ${EVENTS} mints one at a time:`);
  console.log(`  p50 ${percentile(sorted, 0.5).toFixed(2)} ms  p99 ${percentile(sorted, 0.99).toFixed(2)} ms  max ${sorted.at(-1).toFixed(2)} ms  (includes the mint request itself)`);
}

const dir = benchDir();
const postgres = startPostgres();
const running = [];
const start = async (database) => {
  const key = running[0]?.apiKey ?? benchApiKey();
  const server = await startServerProcess(database, UNLIMITED, key);
  running.push(server);
  return server;
};
const stopAll = async () => {
  for (const server of running.splice(0)) await server.stop();
};
try {
  console.log(`mint+redeem on loopback, ${CONCURRENCY} concurrent, each server in its own process; SQLite WAL synchronous=FULL, PostgreSQL 15 fsync on`);
  await measure('SQLite, one process', [await start(join(dir.path, 'tokens.db'))]);
  await stopAll();
  await measure('PostgreSQL, one replica', [await start(await postgres.createDatabase('bench_one'))]);
  await stopAll();
  const shared = await postgres.createDatabase('bench_three');
  const three = [await start(shared), await start(shared), await start(shared)];
  await measure('PostgreSQL, three replicas on one database', three);
  await eventLatency(three[0], three[2]);
} finally {
  await stopAll();
  postgres.stop();
  dir.remove();
}
