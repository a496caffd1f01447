// Benchmark (issue 3): key press to updated frame while scrolling 10,000 tokens, and the
// resident memory with them loaded. Backend: in-process, the real runTui (Ink, React
// production build, incremental rendering) over the in-memory adapter, 120×40 counting
// stdout, colour on. Keys arrive like a held arrow key (30 per second): each is timed from
// the stdin chunk to the stdout write that carries the footer's new position (`N/10000`).
// The countdown keeps ticking meanwhile, as it does for a user. RSS is the whole process's
// (Node, Ink, React, the bundle and 10,000 tokens), after the scrolling.
// Reference, same run: the same keys with 100 tokens.
// With the TOKENTUI_K8S_* variables of scripts/k8s/with-cluster.sh it then also runs the real
// app (dist/cli.js in tmux 120×40) on the real control plane seeded with 10,000 tokens: key
// latency end to end (tmux send-keys → the frame's bytes back through pipe-pane, so it
// includes starting a tmux client per key) and the process's RSS and peak RSS (VmHWM).
//   node bench/tui-keypress.mjs   (BENCH_KEYS, default 600)
//   node scripts/build.mjs && bash scripts/k8s/with-cluster.sh node bench/tui-keypress.mjs
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadHarness, median, percentile, sleep } from './support/load-harness.mjs';


const KEYS = Number(process.env.BENCH_KEYS ?? 600);
const REPEAT_MS = 33;
const TARGET_P95_MS = 30;
const TARGET_RSS_MB = 150;
const harness = await loadHarness();

const DOWN = '\x1b[B';
const UP = '\x1b[A';
const PAGE_DOWN = '\x1b[6~';
const PAGE_UP = '\x1b[5~';

// Down/Up with PgDn/PgUp every 10th key, turning near either end, and G / g now and then:
// every kind of window move, and (almost) no key that cannot move, which draws nothing.
function keyPlan(total) {
  let direction = 1;
  return (index, position) => {
    if (index % 100 === 50) return 'G';
    if (index % 100 === 99) return 'g';
    if (position >= total - 40) direction = -1;
    if (position <= 40) direction = 1;
    const page = index % 10 === 9;
    if (direction > 0) return page ? PAGE_DOWN : DOWN;
    return page ? PAGE_UP : UP;
  };
}

// tmux key names for the same plan.
const TMUX_KEY = { [DOWN]: 'Down', [UP]: 'Up', [PAGE_DOWN]: 'PageDown', [PAGE_UP]: 'PageUp', G: 'G', g: 'g' };

function positionIn(chunk, total) {
  const match = new RegExp(`(\\d+)/${total}(?!\\d)`).exec(chunk);
  return match === null ? null : Number(match[1]);
}

async function scroll(count) {
  const tui = harness.startInProcessTui(harness.makeTokens(count, Date.now()), 120, 40);
  let position = null;
  let resolveFrame = null;
  tui.stdout.onWrite = (chunk) => {
    const next = positionIn(chunk, count);
    if (next === null || next === position) return;
    position = next;
    resolveFrame?.(performance.now());
  };
  while (position === null) await sleep(20);
  await sleep(1500); // past the first ticks
  const latencies = [];
  const keyAt = keyPlan(count);
  for (let index = 0; index < KEYS; index += 1) {
    const frame = new Promise((resolve) => (resolveFrame = resolve));
    const before = position;
    const sentAt = performance.now();
    tui.stdin.type(keyAt(index, position));
    // A key that cannot move (Down at the end, g at the top) draws nothing: not timed.
    const arrivedAt = await Promise.race([frame, sleep(250).then(() => null)]);
    resolveFrame = null;
    if (arrivedAt !== null) latencies.push(arrivedAt - sentAt);
    else if (before !== position) throw new Error('position changed without a frame being seen');
    await sleep(Math.max(0, REPEAT_MS - (performance.now() - sentAt)));
  }
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  tui.stdin.type('q');
  await tui.exited;
  return { latencies, rssMb };
}

const fmt = (value) => value.toFixed(1);
const rssBaseMb = process.memoryUsage().rss / 2 ** 20;
const big = await scroll(10_000);
const small = await scroll(100);
const p95 = percentile(big.latencies, 95);
console.log(`tui-keypress: in-process (memory adapter), 120x40, colour on, ${KEYS} keys at ${Math.round(1000 / REPEAT_MS)}/s (Down/Up, PgDn/PgUp, G, g), Node ${process.version}`);
console.log(
  `  10,000 tokens: median ${fmt(median(big.latencies))} ms, p95 ${fmt(p95)} ms (target <= ${TARGET_P95_MS}: ${p95 <= TARGET_P95_MS ? 'met' : 'NOT met'}), ` +
    `max ${fmt(Math.max(...big.latencies))} ms over ${big.latencies.length} frames`,
);
console.log(`  100 tokens   : median ${fmt(median(small.latencies))} ms, p95 ${fmt(percentile(small.latencies, 95))} ms (reference); p95 ratio ${(p95 / percentile(small.latencies, 95)).toFixed(2)}x`);
console.log(
  `  RSS of this bench process: ${fmt(big.rssMb)} MB, ${fmt(rssBaseMb)} MB before the TUI started (it also holds ` +
    `the harness, the in-memory backend and both runs; the ${TARGET_RSS_MB} MB budget is the real app's, below)`,
);

if (process.env.TOKENTUI_K8S_SERVER) {
  // Loaded only now, so the in-process RSS above does not include them.
  const { openPaneStream, paneMemory } = await import('./support/pane-stream.mjs');
  const { ensureBenchTokens } = await import('./support/seed-cluster.ts');
  const { realCluster } = await import('../test/support/real-cluster.ts');
  const { requireBuiltCli, startTui } = await import('../test/support/tui-app.ts');
  const count = 10_000;
  const keys = Math.min(KEYS, 300);
  const seeded = await ensureBenchTokens(count);
  const scratch = mkdtempSync(join(tmpdir(), 'tokentui-keypress-'));
  const tui = await startTui({ cliPath: requireBuiltCli(), kubeconfig: realCluster().kubeconfig, columns: 120, rows: 40 });
  try {
    await tui.waitForScreen((screen) => /^● live · 10000 tokens/m.test(screen), 60_000);
    const loaded = await paneMemory(tui);
    const pane = await openPaneStream(tui, scratch, 'keys');
    let position = 1;
    let tail = '';
    let resolveFrame = null;
    pane.onData((chunk, at) => {
      tail = (tail + chunk).slice(-4096);
      const matches = [...tail.matchAll(/(\d+)\/10000(?!\d)/g)];
      const next = matches.length === 0 ? null : Number(matches[matches.length - 1][1]);
      if (next === null || next === position) return;
      position = next;
      tail = '';
      resolveFrame?.(at);
    });
    const keyAt = keyPlan(count);
    const latencies = [];
    for (let index = 0; index < keys; index += 1) {
      const frame = new Promise((resolve) => (resolveFrame = resolve));
      const sentAt = performance.now();
      await tui.sendKeys(TMUX_KEY[keyAt(index, position)]);
      const arrivedAt = await Promise.race([frame, sleep(500).then(() => null)]);
      resolveFrame = null;
      if (arrivedAt !== null) latencies.push(arrivedAt - sentAt);
      await sleep(Math.max(0, REPEAT_MS - (performance.now() - sentAt)));
    }
    pane.close();
    const scrolled = await paneMemory(tui);
    const tmuxP95 = percentile(latencies, 95);
    console.log(
      `real app: dist/cli.js in tmux on the real control plane, ${count} tokens${seeded.reused ? '' : ` (seeded in ${(seeded.seededMs / 1000).toFixed(1)} s)`}, ${keys} keys`,
    );
    console.log(
      `  key to frame through tmux: median ${fmt(median(latencies))} ms, p95 ${fmt(tmuxP95)} ms (target <= ${TARGET_P95_MS}: ${tmuxP95 <= TARGET_P95_MS ? 'met' : 'NOT met'}), max ${fmt(Math.max(...latencies))} ms over ${latencies.length} frames`,
    );
    console.log(
      `  RSS: ${fmt(loaded.rssMb)} MB once loaded, ${fmt(scrolled.rssMb)} MB after scrolling (target <= ${TARGET_RSS_MB}: ` +
        `${scrolled.rssMb <= TARGET_RSS_MB ? 'met' : 'NOT met'}); peak ${fmt(scrolled.peakMb)} MB`,
    );
  } finally {
    await tui.kill();
  }
}
