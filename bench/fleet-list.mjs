// Benchmark (issue 18): `tokentui list --contexts fleet-1,fleet-2,fleet-3 -o json` (one process,
// the three real control planes asked at once) against what a script does today, the real
// `kubeadm token list -o json` once per cluster one after another, and against the three kubeadm
// runs in parallel. 1,000 bootstrap tokens per cluster (BENCH_TOKENS). Runs alternate between the
// three ways, a bare Node floor (support/bare-fleet-list.mjs: what any Node client pays) and a
// lean Node client that prints the same JSON and nothing else (support/lean-fleet-list.mjs);
// prints medians and the ratios (goal: <= 0.5x sequential, <= 1.0x parallel).
// Run through `npm run bench:fleet` (scripts/k8s/with-clusters.sh 3 provides the fleet and env).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Agent } from 'undici';

const run = promisify(execFile);
const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through scripts/k8s/with-clusters.sh 3`);
  return value;
};
const fleetDir = env('TOKENTUI_FLEET_DIR');
const count = Number(env('TOKENTUI_FLEET_N'));
const kubeadm = join(env('TOKENTUI_K8S_BIN'), 'kubeadm');
const TOKENS = Number(process.env.BENCH_TOKENS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 11);

const clusters = Array.from({ length: count }, (_, index) => {
  const state = join(fleetDir, `c${index + 1}`);
  const vars = readFileSync(join(state, 'cluster.vars'), 'utf8');
  return {
    context: `fleet-${index + 1}`,
    server: `https://127.0.0.1:${/APISERVER_PORT=(\d+)/.exec(vars)[1]}`,
    adminToken: /ADMIN_TOKEN=(\S+)/.exec(vars)[1],
    kubeconfig: join(state, 'admin.kubeconfig'),
    caFile: join(state, 'certs/apiserver.crt'),
    dispatcher: new Agent({ connect: { ca: readFileSync(join(state, 'certs/apiserver.crt')) } }),
  };
});

const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
const randomText = (length) => [...randomBytes(length)].map((b) => alphabet[b % 36]).join('');

async function createSecret(cluster, index) {
  const id = randomText(6);
  const body = {
    apiVersion: 'v1', kind: 'Secret', type: 'bootstrap.kubernetes.io/token',
    metadata: { name: `bootstrap-token-${id}`, namespace: 'kube-system' },
    stringData: {
      'token-id': id, 'token-secret': randomText(16), description: `fleet bench token ${index}`,
      expiration: new Date(Date.now() + 3600_000 * (1 + (index % 48))).toISOString().replace(/\.\d+Z$/, 'Z'),
      'usage-bootstrap-authentication': 'true', 'usage-bootstrap-signing': 'false',
    },
  };
  const response = await fetch(`${cluster.server}/api/v1/namespaces/kube-system/secrets`, {
    method: 'POST', dispatcher: cluster.dispatcher, body: JSON.stringify(body),
    headers: { authorization: `Bearer ${cluster.adminToken}`, 'content-type': 'application/json' },
  });
  if (response.status !== 201 && response.status !== 409) throw new Error(`create failed: ${response.status} ${await response.text()}`);
}

async function countTokens(cluster) {
  const response = await fetch(`${cluster.server}/api/v1/namespaces/kube-system/secrets?fieldSelector=type%3Dbootstrap.kubernetes.io%2Ftoken`,
    { dispatcher: cluster.dispatcher, headers: { authorization: `Bearer ${cluster.adminToken}` } });
  return (await response.json()).items.length;
}

async function seed(cluster) {
  for (let index = await countTokens(cluster); index < TOKENS; index += 25) {
    await Promise.all(Array.from({ length: Math.min(25, TOKENS - index) }, (_, k) => createSecret(cluster, index + k)));
  }
  return countTokens(cluster);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function timed(work) {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const totals = await Promise.all(clusters.map(seed));
console.log(`tokens per cluster: ${totals.join(', ')}`);
const total = totals.reduce((sum, n) => sum + n, 0);

const fleetEnv = { ...process.env, KUBECONFIG: env('TOKENTUI_FLEET_KUBECONFIG'), XDG_CONFIG_HOME: env('TOKENTUI_FLEET_CONFIG_HOME'), TOKENTUI_SYSTEM_KUBECONFIGS: '' };
const tokentuiArgs = [join(import.meta.dirname, '../dist/cli.js'), 'list', '--contexts', clusters.map((c) => c.context).join(','), '-o', 'json'];
const tokentui = () => run(process.execPath, tokentuiArgs, { env: fleetEnv, maxBuffer: 256 << 20 });
const kubeadmList = (cluster) => run(kubeadm, ['token', 'list', '-o', 'json', '--kubeconfig', cluster.kubeconfig], { maxBuffer: 256 << 20 });
const sequential = async () => {
  for (const cluster of clusters) await kubeadmList(cluster);
};
const parallel = () => Promise.all(clusters.map(kubeadmList));
// What any Node client pays: start, the three LISTs at once, three JSON.parse (support/bare-fleet-list.mjs).
const bareFleet = JSON.stringify(clusters.map((cluster) => ({ server: cluster.server, token: cluster.adminToken, caFile: cluster.caFile })));
const floor = () => run(process.execPath, [join(import.meta.dirname, 'support/bare-fleet-list.mjs')], { env: { ...process.env, BARE_FLEET: bareFleet } });

// The least a Node client can do and still print tokentui's JSON (support/lean-fleet-list.mjs).
const leanFleet = JSON.stringify(clusters.map((cluster) => ({ context: cluster.context, server: cluster.server, token: cluster.adminToken, caFile: cluster.caFile })));
const lean = () => run(process.execPath, [join(import.meta.dirname, 'support/lean-fleet-list.mjs')], { env: { ...process.env, BARE_FLEET: leanFleet }, maxBuffer: 256 << 20 });

// Warm-up and a correctness check: every token of every cluster, each with its context, and the
// lean reference printing the same (TTLs aside: they count down between the two runs).
const withoutTtl = (text) => text.replace(/^ *"ttlSeconds": .*\n/gm, '');
const ourText = (await tokentui()).stdout;
const listed = JSON.parse(ourText);
if (listed.length !== total) throw new Error(`tokentui listed ${listed.length}, expected ${total}`);
if (withoutTtl((await lean()).stdout) !== withoutTtl(ourText)) throw new Error('the lean reference does not print what tokentui prints');
await sequential();
await parallel();
const floorCount = Number((await floor()).stdout.trim());
if (floorCount !== total) throw new Error(`the bare floor listed ${floorCount}, expected ${total}`);

const times = { tokentui: [], sequential: [], parallel: [], floor: [], lean: [] };
for (let i = 0; i < RUNS; i++) {
  times.tokentui.push(await timed(tokentui));
  times.sequential.push(await timed(sequential));
  times.parallel.push(await timed(parallel));
  times.floor.push(await timed(floor));
  times.lean.push(await timed(lean));
}
const show = (values) => values.map((v) => v.toFixed(0)).join(', ');
const [ours, seq, par, bare, leanMedian] = [median(times.tokentui), median(times.sequential), median(times.parallel), median(times.floor), median(times.lean)];
const pairedOverFloor = median(times.tokentui.map((value, index) => value - times.floor[index]));
const pairedOverLean = median(times.tokentui.map((value, index) => value - times.lean[index]));
console.log(`runs: ${RUNS} each, alternating; ${clusters.length} clusters, ${total} tokens in all`);
console.log(`tokentui list --contexts … -o json (one process):  median ${ours.toFixed(1)} ms  (${show(times.tokentui)})`);
console.log(`kubeadm token list -o json, one after another:   median ${seq.toFixed(1)} ms  (${show(times.sequential)})`);
console.log(`kubeadm token list -o json, all at once:          median ${par.toFixed(1)} ms  (${show(times.parallel)})`);
console.log(`bare Node floor (start, 3 LISTs at once, parse):  median ${bare.toFixed(1)} ms  (${show(times.floor)})`);
console.log(`lean Node client (the same JSON):                 median ${leanMedian.toFixed(1)} ms  (${show(times.lean)})`);
console.log(`ratio tokentui/sequential: ${(ours / seq).toFixed(2)} (goal <= 0.50); tokentui/parallel: ${(ours / par).toFixed(2)} (goal <= 1.00)`);
console.log(`floor/sequential: ${(bare / seq).toFixed(2)}; tokentui - floor, median of paired differences: ${pairedOverFloor.toFixed(1)} ms`);
console.log(`lean/sequential: ${(leanMedian / seq).toFixed(2)}; tokentui - lean, median of paired differences: ${pairedOverLean.toFixed(1)} ms`);
await Promise.all(clusters.map((cluster) => cluster.dispatcher.close()));
