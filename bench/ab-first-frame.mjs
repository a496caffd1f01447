// A/B of the TUI's first frame with data: two builds alternately in the same run (paired
// runs, so a slow moment of a shared machine hits both), on the real control plane.
// For measuring a start-up change: copy dist/ aside before it, rebuild after it, then
//   BENCH_A=/tmp/dist-before/cli.js bash scripts/k8s/with-cluster.sh \
//     node --experimental-transform-types bench/ab-first-frame.mjs   (BENCH_B defaults to dist/cli.js)
//   (BENCH_SIZES=1000,10000 BENCH_RUNS=15)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBenchTokens } from './support/seed-cluster.ts';
import { firstFrame } from './support/first-frame.mjs';
import { fmt, loadLine, median, progress } from './support/process-runs.mjs';
import { realCluster } from '../test/support/real-cluster.ts';
import { requireBuiltCli } from '../test/support/tui-app.ts';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const builds = { A: process.env.BENCH_A, B: process.env.BENCH_B ?? requireBuiltCli() };
if (!builds.A) throw new Error('BENCH_A names the cli.js of the build to compare with (a copy of dist/)');
const cluster = realCluster();
const scratch = mkdtempSync(join(tmpdir(), 'tokentui-ab-'));

console.log(`ab-first-frame: A = ${builds.A}, B = ${builds.B}; ${loadLine()}`);
try {
  for (const tokens of SIZES) {
    await ensureBenchTokens(tokens);
    const results = { A: [], B: [] };
    for (let index = 0; index <= RUNS; index++) {
      progress(`${tokens} tokens: pair ${index} of ${RUNS} (0 = warm-up)`);
      // The order alternates from pair to pair.
      for (const name of index % 2 ? ['A', 'B'] : ['B', 'A']) {
        const frame = await firstFrame({ args: ['--kubeconfig', cluster.kubeconfig], tokens, scratch, name: `${name}-${tokens}-${index}`, cli: builds[name] });
        if (index > 0) results[name].push(frame);
      }
    }
    const column = (name, field) => median(results[name].map((frame) => frame[field]));
    const paired = (field) => median(results.B.map((frame, index) => frame[field] - results.A[index][field]));
    console.log(`${tokens.toLocaleString('en')} tokens, ${RUNS} pairs (ms, medians):`);
    for (const [field, label] of [['firstOutput', 'first output'], ['data', 'first frame with data']]) {
      console.log(`  ${label.padEnd(22)} A ${fmt(column('A', field), 0).padStart(5)}   B ${fmt(column('B', field), 0).padStart(5)}   B - A (paired) ${fmt(paired(field), 0).padStart(5)}`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
