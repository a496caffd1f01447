// Benchmark (issue 6): listing 10,000 tokens through the rest adapter (HTTP + JSON + mapping
// to the core model) from the reference server in its own process. Target: median <= 300 ms.
//   node_modules/.bin/node bench/rest-list.mjs   [BENCH_TOKENS=10000 BENCH_RUNS=15]
import { join } from 'node:path';
import { createRestAdapter } from '../src/adapters/rest/index.ts';
import { systemClock } from '../src/core/clock.ts';
import { createSqlStore } from '../src/server/store/sql-store.ts';
import { openSqliteDatabase } from '../src/server/store/sqlite.ts';
import { benchDir, percentile, startServerProcess } from './rest-server-process.mjs';

const TOKENS = Number(process.env.BENCH_TOKENS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 2;

const dir = benchDir();
const dbPath = join(dir.path, 'tokens.db');
{
  // Seeding only: no fsync per mint (the server itself always runs with synchronous=FULL).
  const { database, migration } = await openSqliteDatabase(dbPath, { synchronous: 'OFF' });
  const store = createSqlStore(database, migration, { clock: systemClock, mode: 'unique' });
  for (let index = 0; index < TOKENS; index++) {
    await store.mintToken({
      ttlSeconds: index % 10 === 0 ? null : 3600 * (1 + (index % 48)),
      maxUses: index % 3 === 0 ? 1 : null,
      description: `bench token ${index}`,
      scope: index % 2 === 0 ? 'workers' : 'edge',
      actor: 'bench',
      client: null,
    });
  }
  await store.close();
}

const server = await startServerProcess(dbPath);
try {
  const adapter = await createRestAdapter({ adapter: 'rest', context: 'bench', server: server.url, apiKey: server.apiKey }, { clock: systemClock });
  const timings = [];
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const begin = performance.now();
    const tokens = await adapter.list();
    const elapsed = performance.now() - begin;
    if (tokens.length !== TOKENS) throw new Error(`listed ${tokens.length} tokens, expected ${TOKENS}`);
    if (run >= WARMUP) timings.push(elapsed);
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const median = percentile(sorted, 0.5);
  console.log(`rest adapter list() of ${TOKENS} tokens, server in its own process, ${RUNS} runs after ${WARMUP} warm-up`);
  console.log(`  median ${median.toFixed(1)} ms  p90 ${percentile(sorted, 0.9).toFixed(1)} ms  min ${sorted[0].toFixed(1)} ms  max ${sorted.at(-1).toFixed(1)} ms  (target <= 300 ms median)`);
  if (median > 300) process.exitCode = 1;
} finally {
  await server.stop();
  dir.remove();
}
