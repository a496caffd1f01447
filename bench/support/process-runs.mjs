// Paired runs of whole processes for the benchmarks: commands run alternately, the order rotating
// from round to round (rusage-runner.py), each run's wall time, CPU time (user + sys) and peak
// resident memory from wait4(2); medians and paired differences (run i of A minus run i of B, so
// a slow moment of a shared machine hits both sides). Printing helpers keep every bench's output
// in one shape: a figure, its unit, and the target it checks with "met" / "NOT met".
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

export const median = (values) => {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** `python3` that has os.wait4 (Debian's); a clear error when there is none. */
function python() {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(candidate, ['-c', 'import os; os.wait4'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // next
    }
  }
  throw new Error('the benchmarks need python3 (Debian: apt-get install python3-minimal) to read each run\'s CPU time and peak memory');
}

/**
 * Runs `commands` ({ name, argv, env? }) `rounds` times each, alternately, after `warmup` rounds
 * that are dropped. With `keepStderr`, each run's stderr is kept and returned (phase marks).
 * Returns { [name]: [{ wallMs, cpuMs, userMs, sysMs, rssMiB, status, stderr? }] } in round order.
 */
export async function pairedRuns(commands, { rounds, warmup = 2, keepStderr = false, env = process.env } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tokentui-bench-runs-'));
  try {
    const spec = JSON.stringify({ runs: rounds, warmup, commands, ...(keepStderr ? { stderr_dir: dir } : {}) });
    const child = spawn(python(), [join(import.meta.dirname, 'rusage-runner.py')], { env, stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdin.end(spec);
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`rusage-runner.py exited with ${code}`);
    const results = Object.fromEntries(commands.map(({ name }) => [name, []]));
    for (const line of output.trim().split('\n')) {
      const run = JSON.parse(line);
      results[run.name][run.round] = {
        wallMs: run.wall_ms,
        cpuMs: run.user_ms + run.sys_ms,
        userMs: run.user_ms,
        sysMs: run.sys_ms,
        rssMiB: run.maxrss_kb / 1024,
        status: run.status,
        ...(keepStderr ? { stderr: readFileSync(run.stderr, 'utf8') } : {}),
      };
    }
    for (const [name, runs] of Object.entries(results)) {
      const failed = runs.filter((run) => run.status !== 0);
      if (failed.length > 0) throw new Error(`${name} failed in ${failed.length} of ${runs.length} runs${failed[0].stderr ? `: ${failed[0].stderr.slice(0, 300)}` : ''}`);
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median of one field over runs. */
export const medianOf = (runs, field) => median(runs.map((run) => run[field]));

/** Median of the per-round differences a[i] - b[i] of one field. */
export const pairedDifference = (a, b, field) => median(a.map((run, index) => run[field] - b[index][field]));

export const fmt = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/** "met" / "NOT met" for a figure against its limit. */
export const verdict = (ok) => (ok ? 'met' : 'NOT met');

/** The machine's load averages, for the record (the figures are only comparable at similar load). */
export function loadLine() {
  return `load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}`;
}

/** Progress for the person waiting (stderr), never mixed into the figures (stdout). */
export function progress(message) {
  process.stderr.write(`  .. ${message}\n`);
}
