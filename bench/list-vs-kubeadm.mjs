// Benchmark (issues 2 and 19): `tokentui list -o json` against the real `kubeadm token list -o
// json` (1.20.2, scripts/k8s/build.sh) and a bare Node floor (bench/support/bare-list.mjs: start
// Node, send the same LIST, JSON.parse it), on the real control plane, at 1,000 and 10,000
// bootstrap tokens (BENCH_SIZES). The three run alternately, the order rotating per round; each
// run's wall time, CPU time (user + sys) and peak RSS come from wait4 (support/process-runs.mjs).
// Targets (issue 19): at 1,000 tokens tokentui <= floor + 20 ms (median of paired differences),
// ratio to kubeadm printed; at 10,000 tokens wall <= 0.9 x kubeadm and peak RSS <= kubeadm's.
// At 1,000 tokens it also prints where tokentui's time goes next to the floor's, phase by phase
// (support/phase-marks.mjs, preloaded into both in runs of their own).
//   npm run build && bash scripts/k8s/with-cluster.sh node bench/list-vs-kubeadm.mjs
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureBenchTokens } from './support/seed-cluster.ts';
import { fmt, loadLine, median, medianOf, pairedDifference, pairedRuns, progress, verdict } from './support/process-runs.mjs';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through scripts/k8s/with-cluster.sh`);
  return value;
};
const kubeconfig = env('TOKENTUI_K8S_KUBECONFIG');
const kubeadm = join(env('TOKENTUI_K8S_BIN'), 'kubeadm');
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const ROUNDS = { 1000: Number(process.env.BENCH_RUNS ?? 31), 10000: Number(process.env.BENCH_RUNS_10K ?? 15) };
const PHASE_ROUNDS = Number(process.env.BENCH_PHASE_RUNS ?? 21);

const node = process.execPath;
const cli = join(import.meta.dirname, '../dist/cli.js');
const floorScript = join(import.meta.dirname, 'support/bare-list.mjs');
const marks = ['--import', join(import.meta.dirname, 'support/phase-marks.mjs')];
const commands = (preload = []) => [
  { name: 'tokentui', argv: [node, ...preload, cli, 'list', '-o', 'json', '--kubeconfig', kubeconfig] },
  { name: 'kubeadm', argv: [kubeadm, 'token', 'list', '-o', 'json', '--kubeconfig', kubeconfig] },
  { name: 'floor', argv: [node, ...preload, floorScript] },
];

function checkOutputs(tokens) {
  const listed = JSON.parse(execFileSync(node, [cli, 'list', '-o', 'json', '--kubeconfig', kubeconfig], { maxBuffer: 256 << 20 }).toString());
  if (listed.length !== tokens) throw new Error(`tokentui listed ${listed.length} tokens, expected ${tokens}`);
  const floor = Number(execFileSync(node, [floorScript]).toString().trim());
  if (floor !== tokens) throw new Error(`the floor read ${floor} items, expected ${tokens}`);
}

function printFigures(tokens, runs) {
  const row = (label, name) =>
    `  ${label.padEnd(30)} wall ${fmt(medianOf(runs[name], 'wallMs')).padStart(6)} ms   cpu ${fmt(medianOf(runs[name], 'cpuMs')).padStart(6)} ms   peak rss ${fmt(medianOf(runs[name], 'rssMiB')).padStart(6)} MiB`;
  console.log(row('tokentui list -o json', 'tokentui'));
  console.log(row('kubeadm token list -o json', 'kubeadm'));
  console.log(row('bare Node floor', 'floor'));
  const wallRatio = medianOf(runs.tokentui, 'wallMs') / medianOf(runs.kubeadm, 'wallMs');
  const cpuRatio = medianOf(runs.tokentui, 'cpuMs') / medianOf(runs.kubeadm, 'cpuMs');
  const floorRatio = medianOf(runs.floor, 'wallMs') / medianOf(runs.kubeadm, 'wallMs');
  console.log(`  tokentui / kubeadm: wall ${fmt(wallRatio, 2)}, cpu ${fmt(cpuRatio, 2)}   (floor / kubeadm: wall ${fmt(floorRatio, 2)})`);
  const aboveFloor = pairedDifference(runs.tokentui, runs.floor, 'wallMs');
  console.log(`  tokentui - floor, median of paired differences: wall ${fmt(aboveFloor)} ms, cpu ${fmt(pairedDifference(runs.tokentui, runs.floor, 'cpuMs'))} ms`);
  if (tokens === 1000) {
    console.log(`  TARGET 1,000 tokens: tokentui <= floor + 20 ms wall: ${fmt(aboveFloor)} ms -> ${verdict(aboveFloor <= 20)} (ratio to kubeadm ${fmt(wallRatio, 2)})`);
  }
  if (tokens === 10_000) {
    const rss = medianOf(runs.tokentui, 'rssMiB');
    const kubeadmRss = medianOf(runs.kubeadm, 'rssMiB');
    console.log(`  TARGET 10,000 tokens: wall <= 0.90 x kubeadm: ${fmt(wallRatio, 2)} -> ${verdict(wallRatio <= 0.9)}`);
    console.log(`  TARGET 10,000 tokens: peak rss <= kubeadm's: ${fmt(rss)} vs ${fmt(kubeadmRss)} MiB -> ${verdict(rss <= kubeadmRss)}`);
  }
}

// Phase boundaries, in order (support/phase-marks.mjs); each phase ends at its mark.
const PHASES = [
  ['bootstrapComplete', 'Node start-up (to bootstrap complete)'],
  ['main', 'module load (the program\'s code)'],
  ['requestSent', 'to the LIST sent (args, kubeconfig, https, TLS)'],
  ['connected', 'TLS connect'],
  ['answerHead', 'server: to the answer\'s head'],
  ['lastByte', 'body: to its last byte (streamed parse+map)'],
  ['listed', 'parse + map after the last byte'],
  ['lastWrite', 'format + print'],
  ['exit', 'close and exit handlers'],
];

function phaseDurations(run) {
  const line = run.stderr.split('\n').find((text) => text.startsWith('TOKENTUI_PHASES '));
  if (line === undefined) throw new Error(`no phase marks in a run's stderr: ${run.stderr.slice(0, 300)}`);
  const recorded = JSON.parse(line.slice('TOKENTUI_PHASES '.length));
  const at = { ...recorded.marks, bootstrapComplete: recorded.bootstrapComplete };
  const durations = {};
  let previous = 0;
  for (const [mark] of PHASES) {
    // A mark a run did not reach (or reached out of order) adds nothing: the next phase holds it.
    const time = Math.max(previous, at[mark] ?? previous);
    durations[mark] = time - previous;
    previous = time;
  }
  durations.teardown = run.wallMs - previous;
  durations.parseMs = recorded.parseMs;
  return durations;
}

function printPhases(runs) {
  const tokentui = runs.tokentui.map(phaseDurations);
  const floor = runs.floor.map(phaseDurations);
  const column = (list, key) => median(list.map((durations) => durations[key]));
  const paired = (key) => median(tokentui.map((durations, index) => durations[key] - floor[index][key]));
  console.log(`  where the time goes (${PHASE_ROUNDS} rounds with phase marks preloaded in both; ms, medians; the last column is the median of paired differences):`);
  console.log(`    ${'phase'.padEnd(50)} ${'tokentui'.padStart(9)} ${'floor'.padStart(7)} ${'diff'.padStart(7)}`);
  for (const [key, label] of [...PHASES, ['teardown', 'process teardown (exit event to reaped)']]) {
    console.log(`    ${label.padEnd(50)} ${fmt(column(tokentui, key)).padStart(9)} ${fmt(column(floor, key)).padStart(7)} ${fmt(paired(key)).padStart(7)}`);
  }
  console.log(`    ${'of which inside JSON.parse (CPU)'.padEnd(50)} ${fmt(column(tokentui, 'parseMs')).padStart(9)} ${fmt(column(floor, 'parseMs')).padStart(7)} ${fmt(paired('parseMs')).padStart(7)}`);
  console.log(`    ${'total (wall)'.padEnd(50)} ${fmt(medianOf(runs.tokentui, 'wallMs')).padStart(9)} ${fmt(medianOf(runs.floor, 'wallMs')).padStart(7)} ${fmt(pairedDifference(runs.tokentui, runs.floor, 'wallMs')).padStart(7)}`);
}

console.log(`list-vs-kubeadm: real apiserver 1.20.2 on loopback; wall = elapsed, cpu = user+sys of the process, rss = its peak (wait4); medians; ${loadLine()}`);
for (const tokens of SIZES) {
  progress(`seeding ${tokens} tokens`);
  const seeded = await ensureBenchTokens(tokens);
  checkOutputs(tokens);
  const rounds = ROUNDS[tokens] ?? 15;
  progress(`${tokens} tokens: ${rounds} alternating rounds of tokentui, kubeadm and the floor`);
  const runs = await pairedRuns(commands(), { rounds });
  console.log(`${tokens.toLocaleString('en')} tokens: ${rounds} rounds after 2 warm-up rounds${seeded.reused ? '' : ` (seeded in ${fmt(seeded.seededMs / 1000)} s)`}`);
  printFigures(tokens, runs);
  if (tokens === 1000 && PHASE_ROUNDS > 0) {
    progress(`${tokens} tokens: ${PHASE_ROUNDS} rounds with phase marks`);
    printPhases(await pairedRuns(commands(marks).filter(({ name }) => name !== 'kubeadm'), { rounds: PHASE_ROUNDS, keepStderr: true }));
  }
}
console.log(`  (${loadLine()} at the end)`);
