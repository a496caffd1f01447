// Bundles bench/support/tui-harness.ts (the UI is .tsx, which Node cannot strip) with the
// options of scripts/build.mjs and imports it. React's production build and 16-colour
// output are switched on first, as dist/cli.js runs in a colour terminal.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '../..');

export async function loadHarness() {
  process.env.NODE_ENV = 'production';
  // chalk fixes its level at import from process.stdout, which is a pipe under `| tee`.
  process.env.FORCE_COLOR = '1';
  delete process.env.NO_COLOR;
  // The app's config and audit journal go to a scratch directory, never the user's.
  const scratch = mkdtempSync(join(tmpdir(), 'tokentui-bench-'));
  process.env.XDG_CONFIG_HOME = join(scratch, 'config');
  process.env.XDG_STATE_HOME = join(scratch, 'state');
  const outdir = join(root, 'node_modules/.cache/tokentui-bench');
  await build({
    entryPoints: { 'tui-harness': join(root, 'bench/support/tui-harness.ts') },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    jsx: 'automatic',
    logLevel: 'warning',
  });
  return import(pathToFileURL(join(outdir, 'tui-harness.js')).href);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves at the next `offsetMs` past a whole second of the wall clock. */
export function untilSecondOffset(offsetMs) {
  const now = Date.now();
  const wait = (1000 - (now % 1000) + offsetMs) % 1000 || 1000;
  return sleep(wait);
}
