// Benchmark (issues 3 and 19): time from process start to the first frame showing data, at
// 1,000 and 10,000 tokens on the real control plane (scripts/k8s/with-cluster.sh), with the
// real `kubeadm token list -o json` (fetch + print of the same data) timed alternately in the
// same run as the reference. The app is dist/cli.js in a tmux pane (support/first-frame.mjs).
// Target (issue 19): at 1,000 tokens the first frame with data <= 2 x kubeadm; the 10,000-token
// figure is printed beside it.
//   node scripts/build.mjs && bash scripts/k8s/with-cluster.sh node bench/tui-first-frame.mjs
//   (BENCH_SIZES=1000,10000 BENCH_RUNS=9)
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { ensureBenchTokens } from './support/seed-cluster.ts';
import { firstFrame } from './support/first-frame.mjs';
import { fmt, loadLine, median, progress, verdict } from './support/process-runs.mjs';
import { realCluster } from '../test/support/real-cluster.ts';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const TARGET_RATIO = 2;
const scratch = mkdtempSync(join(tmpdir(), 'tokentui-first-frame-'));
const run = promisify(execFile);
const cluster = realCluster();

async function kubeadmList() {
  const started = performance.now();
  await run(join(cluster.bin, 'kubeadm'), ['token', 'list', '-o', 'json', '--kubeconfig', cluster.kubeconfig], { maxBuffer: 256 << 20 });
  return performance.now() - started;
}

console.log(`tui-first-frame: real control plane, dist/cli.js in tmux 120x40, medians of ${RUNS} alternating runs (app, kubeadm); ${loadLine()}`);
try {
  for (const tokens of SIZES) {
    progress(`seeding ${tokens} tokens`);
    const seeded = await ensureBenchTokens(tokens);
    const open = (index) => firstFrame({ args: ['--kubeconfig', cluster.kubeconfig], tokens, scratch, name: `k8s-${tokens}-${index}` });
    // Warm-up: page cache, the apiserver's watch cache, Node's compile cache.
    await open(0);
    await kubeadmList();
    const frames = [];
    const references = [];
    for (let index = 1; index <= RUNS; index += 1) {
      progress(`${tokens} tokens: run ${index} of ${RUNS}`);
      frames.push(await open(index));
      references.push(await kubeadmList());
    }
    const dataMs = median(frames.map((frame) => frame.data));
    const outputMs = median(frames.map((frame) => frame.firstOutput));
    const referenceMs = median(references);
    const ratio = dataMs / referenceMs;
    console.log(`${tokens.toLocaleString('en')} tokens${seeded.reused ? '' : ` (seeded in ${fmt(seeded.seededMs / 1000)} s)`}:`);
    console.log(`  ${'first output of the app'.padEnd(28)}: ${fmt(outputMs, 0)} ms (alternate screen, "connecting" frame)`);
    console.log(`  ${'first frame showing data'.padEnd(28)}: ${fmt(dataMs, 0)} ms; runs: ${frames.map((frame) => frame.data.toFixed(0)).join(', ')}`);
    console.log(`  ${'kubeadm token list -o json'.padEnd(28)}: ${fmt(referenceMs, 0)} ms (reference, same run); ratio ${fmt(ratio, 2)} x`);
    if (tokens === 1000) console.log(`  TARGET 1,000 tokens: first frame with data <= ${TARGET_RATIO} x kubeadm: ${fmt(ratio, 2)} -> ${verdict(ratio <= TARGET_RATIO)}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`  (${loadLine()} at the end)`);
