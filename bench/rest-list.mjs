// Benchmark (issues 6 and 19): listing tokens through the rest adapter (HTTP + JSON + mapping to
// the core model) from the reference server in its own process, at 10,000 and 100,000 tokens
// (BENCH_SIZES). Per size: the adapter's list() in this process (median of BENCH_RUNS after
// warm-up), `tokentui list -o json` against the same server as a whole process (wall, CPU and
// peak memory from wait4, support/process-runs.mjs), and the TUI's first frame with data on it
// (tmux, support/first-frame.mjs). The API key reaches the processes through the environment.
// Targets: 10,000 tokens <= 300 ms median (issue 6); 100,000 tokens <= 1.5 s (issue 19).
//   node_modules/.bin/node --experimental-transform-types bench/rest-list.mjs
//   (BENCH_SIZES=10000,100000 BENCH_RUNS=7 BENCH_CLI_RUNS=5 BENCH_FRAME_RUNS=5)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRestAdapter } from '../src/adapters/rest/index.ts';
import { systemClock } from '../src/core/clock.ts';
import { createSqlStore } from '../src/server/store/sql-store.ts';
import { openSqliteDatabase } from '../src/server/store/sqlite.ts';
import { firstFrame } from './support/first-frame.mjs';
import { fmt, loadLine, median, medianOf, pairedRuns, progress, verdict } from './support/process-runs.mjs';
import { benchDir, startServerProcess } from './rest-server-process.mjs';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 5);
const FRAME_RUNS = Number(process.env.BENCH_FRAME_RUNS ?? 5);
const WARMUP = 2;
const TARGET_MS = { 10_000: 300, 100_000: 1500 };
const cli = join(import.meta.dirname, '../dist/cli.js');

async function seed(dbPath, tokens) {
  // Seeding only: no fsync per mint (the server itself always runs with synchronous=FULL).
  const { database, migration } = await openSqliteDatabase(dbPath, { synchronous: 'OFF' });
  const store = createSqlStore(database, migration, { clock: systemClock, mode: 'unique' });
  for (let index = 0; index < tokens; index++) {
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

async function adapterRuns(server, tokens) {
  const adapter = await createRestAdapter({ adapter: 'rest', context: 'bench', server: server.url, apiKey: server.apiKey }, { clock: systemClock });
  const timings = [];
  let heapAfter = 0;
  try {
    for (let run = 0; run < WARMUP + RUNS; run++) {
      const begin = performance.now();
      const listed = await adapter.list();
      const elapsed = performance.now() - begin;
      if (listed.length !== tokens) throw new Error(`listed ${listed.length} tokens, expected ${tokens}`);
      if (run >= WARMUP) timings.push(elapsed);
      heapAfter = process.memoryUsage().heapUsed;
    }
  } finally {
    await adapter.close?.();
  }
  return { timings, heapAfter };
}

console.log(`rest-list: reference server (SQLite) in its own process on loopback; ${loadLine()}`);
for (const tokens of SIZES) {
  const dir = benchDir();
  const scratch = mkdtempSync(join(tmpdir(), 'tokentui-rest-frame-'));
  try {
    progress(`seeding ${tokens} tokens`);
    const dbPath = join(dir.path, 'tokens.db');
    const seedStarted = performance.now();
    await seed(dbPath, tokens);
    const seededMs = performance.now() - seedStarted;
    const server = await startServerProcess(dbPath);
    try {
      progress(`${tokens} tokens: adapter list() x ${WARMUP + RUNS}`);
      const { timings, heapAfter } = await adapterRuns(server, tokens);
      const listMs = median(timings);
      progress(`${tokens} tokens: tokentui list -o json x ${CLI_RUNS}`);
      const argv = [process.execPath, cli, 'list', '-o', 'json', '--adapter', 'rest', '--server', server.url];
      const runs = await pairedRuns([{ name: 'tokentui', argv, env: { TOKENTUI_API_KEY: server.apiKey } }], { rounds: CLI_RUNS, warmup: 1 });
      const keyFile = join(scratch, 'api-key');
      writeFileSync(keyFile, server.apiKey, { mode: 0o600 });
      const frames = [];
      for (let index = 0; index <= FRAME_RUNS; index++) {
        progress(`${tokens} tokens: TUI first frame ${index} of ${FRAME_RUNS} (0 = warm-up)`);
        const frame = await firstFrame({ args: ['--adapter', 'rest', '--server', server.url], tokens, scratch, name: `rest-${tokens}-${index}`, secretFiles: { TOKENTUI_API_KEY: keyFile }, timeoutMs: 60_000 });
        if (index > 0) frames.push(frame.data);
      }
      const target = TARGET_MS[tokens];
      console.log(`${tokens.toLocaleString('en')} tokens (seeded in ${fmt(seededMs / 1000)} s):`);
      console.log(`  adapter list() in-process     : median ${fmt(listMs)} ms (${RUNS} runs after ${WARMUP} warm-up; runs ${timings.map((ms) => ms.toFixed(0)).join(', ')}); heap used after ${fmt(heapAfter / 2 ** 20)} MiB`);
      console.log(`  tokentui list -o json process : wall ${fmt(medianOf(runs.tokentui, 'wallMs'))} ms, cpu ${fmt(medianOf(runs.tokentui, 'cpuMs'))} ms, peak rss ${fmt(medianOf(runs.tokentui, 'rssMiB'))} MiB (median of ${CLI_RUNS})`);
      console.log(`  TUI first frame with data     : ${fmt(median(frames), 0)} ms (median of ${FRAME_RUNS}; runs ${frames.map((ms) => ms.toFixed(0)).join(', ')})`);
      if (target !== undefined) console.log(`  TARGET ${tokens.toLocaleString('en')} tokens: adapter list() <= ${target} ms: ${fmt(listMs)} ms -> ${verdict(listMs <= target)}`);
    } finally {
      await server.stop();
    }
  } finally {
    dir.remove();
    rmSync(scratch, { recursive: true, force: true });
  }
}
console.log(`  (${loadLine()} at the end)`);
