// Benchmark (issue 3): CPU per one-second countdown tick with 1,000 tokens, 120×40, colour on.
// Backend: in-process, the real runTui (Ink, React production build) over the in-memory
// adapter with a counting stdout; no network, so each second's CPU is the tick's. Sampled
// at mid-second, so every sample holds exactly one tick.
//   Worst case: the screenful sorted first expires within the hour (every TTL cell ticks).
//   Reference, same run: all tokens over 1 h away (each cell changes once a minute, so most
//   ticks re-render with little or nothing to write).
// Run: node bench/tui-tick-cpu.mjs   (BENCH_SECONDS, default 20)
import { loadHarness, median, percentile, untilSecondOffset } from './support/load-harness.mjs';

const TOKENS = 1000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const harness = await loadHarness();

async function measure(ticking) {
  const tui = harness.startInProcessTui(harness.makeTokens(TOKENS, Date.now(), ticking), 120, 40);
  // Warm up: the first snapshot, the first frames, JIT.
  await untilSecondOffset(500);
  await untilSecondOffset(500);
  await untilSecondOffset(500);
  const cpuMs = [];
  const bytes = [];
  let cpu = process.cpuUsage();
  let written = tui.stdout.bytes;
  for (let second = 0; second < SECONDS; second += 1) {
    await untilSecondOffset(500);
    const delta = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    cpuMs.push((delta.user + delta.system) / 1000);
    bytes.push(tui.stdout.bytes - written);
    written = tui.stdout.bytes;
  }
  tui.stdin.type('q');
  await tui.exited;
  return { cpuMs, bytes };
}

const fmt = (value) => value.toFixed(1);
const worst = await measure(60);
const quiet = await measure(0);
console.log(`tui-tick-cpu: ${TOKENS} tokens, 120x40, colour on, in-process (memory adapter), ${SECONDS} ticks each, Node ${process.version}`);
console.log(`  every visible TTL ticks : median ${fmt(median(worst.cpuMs))} ms/tick (p95 ${fmt(percentile(worst.cpuMs, 95))}), ${median(worst.bytes)} B written/tick`);
console.log(`  all TTLs over 1 h       : median ${fmt(median(quiet.cpuMs))} ms/tick (p95 ${fmt(percentile(quiet.cpuMs, 95))}), ${median(quiet.bytes)} B written/tick`);
console.log(`  ratio worst/quiet       : ${(median(worst.cpuMs) / Math.max(0.001, median(quiet.cpuMs))).toFixed(2)}x`);
