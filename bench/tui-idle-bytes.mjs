// Benchmark (issue 3): bytes written to the terminal per second while idle, 1,000 tokens,
// 120×40. Backend: the real control plane (scripts/k8s/with-cluster.sh) seeded with 1,000
// bootstrap tokens; the app: dist/cli.js in tmux, every byte it writes recorded with
// `tmux pipe-pane`. Worst case on purpose: the screenful sorted first expires within the
// hour, so every visible TTL cell changes every second.
// The minimum possible, from the same run (support/idle-bytes.mjs). Colour on (the target),
// then NO_COLOR=1.
//   node scripts/build.mjs && bash scripts/k8s/with-cluster.sh node bench/tui-idle-bytes.mjs
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBenchTokens } from './support/seed-cluster.ts';
import { idleBytes } from './support/idle-bytes.mjs';
import { realCluster } from '../test/support/real-cluster.ts';
import { requireBuiltCli, startTui } from '../test/support/tui-app.ts';

const TOKENS = 1000;
const COLUMNS = 120;
const ROWS = 40;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const TARGET = 1500;
const scratch = mkdtempSync(join(tmpdir(), 'tokentui-idle-'));

const seeded = await ensureBenchTokens(TOKENS);

async function measure(label, env) {
  const tui = await startTui({ cliPath: requireBuiltCli(), kubeconfig: realCluster().kubeconfig, columns: COLUMNS, rows: ROWS, env });
  try {
    await tui.waitForScreen((screen) => /^● live · 1000 tokens/m.test(screen), 20_000);
    return { label, ...(await idleBytes(tui, { columns: COLUMNS, rows: ROWS, seconds: SECONDS, scratch, label })) };
  } finally {
    await tui.kill();
  }
}

const results = [await measure('colour', {}), await measure('no-colour', { NO_COLOR: '1' })];
console.log(
  `tui-idle-bytes: ${TOKENS} tokens, ${COLUMNS}x${ROWS}, real control plane + dist/cli.js in tmux (pipe-pane), ` +
    `${SECONDS} s each, medians per second${seeded.reused ? '' : `; seeded in ${(seeded.seededMs / 1000).toFixed(1)} s`}`,
);
for (const result of results) {
  const verdict = result.label === 'colour' ? ` (target <= ${TARGET} B/s: ${result.written <= TARGET ? 'met' : 'NOT met'})` : '';
  console.log(
    `  ${result.label.padEnd(9)}: ${result.written} B/s written${verdict}; minimum possible ${result.minimal} B/s ` +
      `(${result.rows} rows changed); ratio ${(result.written / Math.max(1, result.minimal)).toFixed(2)}x`,
  );
}
