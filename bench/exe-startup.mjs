// Benchmark (issue 16): start-up of the single executable (dist-exe/tokentui-linux-x64, Node 26
// with the app's code cache inside) against `node dist/cli.js` (the npm package on the project's
// Node 24, with its on-disk compile cache), for `--version`, `--demo list -o json` and
// `list -o json` on the real control plane with 1,000 tokens (BENCH_TOKENS), as
// bench/list-vs-kubeadm.mjs. Builds the executable from the current sources
// first. Runs alternate between the two, after two warm-up runs each (page cache, compile
// cache); prints medians and quartiles. Run through `npm run bench`, or
//   npm run build && bash scripts/k8s/with-cluster.sh node bench/exe-startup.mjs
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildExecutables } from '../scripts/build-exe.mjs';
import { ensureBenchTokens } from './support/seed-cluster.ts';

const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const kubeconfig = process.env.TOKENTUI_K8S_KUBECONFIG;
if (!kubeconfig) throw new Error('TOKENTUI_K8S_KUBECONFIG is not set: run through scripts/k8s/with-cluster.sh');

await ensureBenchTokens(Number(process.env.BENCH_TOKENS ?? 1000));
const [executable] = await buildExecutables(['linux-x64']);
const cli = join(import.meta.dirname, '../dist/cli.js');
const home = mkdtempSync(join(tmpdir(), 'tokentui-bench-exe-'));
// Both see the same small environment: no saved contexts, the demo's database in a scratch dir.
const env = { PATH: process.env.PATH, HOME: home, TMPDIR: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_STATE_HOME: join(home, 'state') };

const commands = [
  ['--version'],
  ['--demo', 'list', '-o', 'json'],
  ['--kubeconfig', kubeconfig, 'list', '-o', 'json'],
];
const runners = {
  executable: (args) => [executable, args],
  'node dist/cli.js': (args) => [process.execPath, [cli, ...args]],
};

async function timed(file, args) {
  const start = process.hrtime.bigint();
  const { stdout } = await run(file, args, { env, maxBuffer: 64 << 20 });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, stdout };
}

function quantile(sorted, q) {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  return sorted[low] + (sorted[Math.ceil(position)] - sorted[low]) * (position - low);
}

const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p25: quantile(sorted, 0.25), p75: quantile(sorted, 0.75) };
};

try {
  const tokens = JSON.parse((await timed(...runners['node dist/cli.js'](commands[2]))).stdout).length;
  console.log(`node ${process.version} (dist/cli.js) against ${executable} (Node 26), ${RUNS} alternating runs each; ${tokens} tokens on the real control plane`);
  console.log('command'.padEnd(34), 'executable ms (p25-p75)'.padEnd(26), 'node dist/cli.js ms (p25-p75)'.padEnd(30), 'ratio');
  for (const args of commands) {
    const times = { executable: [], 'node dist/cli.js': [] };
    for (const runner of Object.values(runners)) for (let warm = 0; warm < 2; warm++) await timed(...runner(args));
    for (let index = 0; index < RUNS; index++) {
      // Alternate which goes first, so neither always runs right after the other.
      const order = index % 2 === 0 ? Object.keys(runners) : Object.keys(runners).reverse();
      for (const name of order) times[name].push((await timed(...runners[name](args))).ms);
    }
    const exe = summary(times.executable);
    const node = summary(times['node dist/cli.js']);
    const label = args[0] === '--kubeconfig' ? 'list -o json (real control plane)' : args.join(' ');
    const cell = ({ median, p25, p75 }) => `${median.toFixed(1)} (${p25.toFixed(1)}-${p75.toFixed(1)})`;
    console.log(label.padEnd(34), cell(exe).padEnd(26), cell(node).padEnd(30), (exe.median / node.median).toFixed(2));
  }
} finally {
  rmSync(home, { recursive: true, force: true });
}
