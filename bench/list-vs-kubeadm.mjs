// Benchmark (issue 2): `tokentui list -o json` against the real `kubeadm token list -o json`
// (1.20.2, built by scripts/k8s/build.sh) with 1,000 bootstrap tokens on the real control plane.
// Runs alternate between the two tools; prints medians and the ratio. Run through
// `npm run bench` (scripts/k8s/with-cluster.sh provides the cluster and env).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Agent } from 'undici';

const run = promisify(execFile);
const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through scripts/k8s/with-cluster.sh`);
  return value;
};
const server = env('TOKENTUI_K8S_SERVER');
const kubeconfig = env('TOKENTUI_K8S_KUBECONFIG');
const kubeadm = join(env('TOKENTUI_K8S_BIN'), 'kubeadm');
const dispatcher = new Agent({ connect: { ca: readFileSync(env('TOKENTUI_K8S_CA')) } });
const adminToken = process.env.TOKENTUI_K8S_ADMIN_TOKEN ?? 'admin-token-123';
const TOKENS = Number(process.env.BENCH_TOKENS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 11);

const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
const randomText = (length) => [...randomBytes(length)].map((b) => alphabet[b % 36]).join('');

async function createSecret(index) {
  const id = randomText(6);
  const body = {
    apiVersion: 'v1', kind: 'Secret', type: 'bootstrap.kubernetes.io/token',
    metadata: { name: `bootstrap-token-${id}`, namespace: 'kube-system' },
    stringData: {
      'token-id': id, 'token-secret': randomText(16), description: `bench token ${index}`,
      expiration: new Date(Date.now() + 3600_000 * (1 + (index % 48))).toISOString().replace(/\.\d+Z$/, 'Z'),
      'usage-bootstrap-authentication': 'true', 'usage-bootstrap-signing': index % 50 === 0 ? 'true' : 'false',
      'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token',
    },
  };
  const response = await fetch(`${server}/api/v1/namespaces/kube-system/secrets`, {
    method: 'POST', dispatcher, body: JSON.stringify(body),
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
  });
  if (response.status !== 201 && response.status !== 409) throw new Error(`create failed: ${response.status} ${await response.text()}`);
}

async function countTokens() {
  const response = await fetch(`${server}/api/v1/namespaces/kube-system/secrets?fieldSelector=type%3Dbootstrap.kubernetes.io%2Ftoken`,
    { dispatcher, headers: { authorization: `Bearer ${adminToken}` } });
  return (await response.json()).items.length;
}

async function timeCommand(file, args) {
  const start = process.hrtime.bigint();
  const { stdout } = await run(file, args, { maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, bytes: stdout.length };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const existing = await countTokens();
for (let index = existing; index < TOKENS; index += 25) {
  await Promise.all(Array.from({ length: Math.min(25, TOKENS - index) }, (_, k) => createSecret(index + k)));
}
const total = await countTokens();
console.log(`tokens on the real control plane: ${total}`);

const node = process.execPath;
const tokentui = [join(import.meta.dirname, '../dist/cli.js'), 'list', '-o', 'json', '--kubeconfig', kubeconfig];
const reference = ['token', 'list', '-o', 'json', '--kubeconfig', kubeconfig];
// Warm-up (page cache, apiserver watch cache) for both, then alternate.
const warmTui = await timeCommand(node, tokentui);
const warmRef = await timeCommand(kubeadm, reference);
const parsed = JSON.parse((await run(node, tokentui, { maxBuffer: 64 << 20 })).stdout);
if (!Array.isArray(parsed) || parsed.length !== total) throw new Error(`tokentui listed ${parsed.length}, expected ${total}`);
const bare = [join(import.meta.dirname, 'support/bare-list.mjs')];
await timeCommand(node, bare);
const tui = [];
const ref = [];
const floor = [];
for (let i = 0; i < RUNS; i++) {
  tui.push((await timeCommand(node, tokentui)).ms);
  ref.push((await timeCommand(kubeadm, reference)).ms);
  floor.push((await timeCommand(node, bare)).ms);
}
const tuiMedian = median(tui);
const refMedian = median(ref);
console.log(`runs: ${RUNS} each, alternating (warm-up ${warmTui.ms.toFixed(0)} / ${warmRef.ms.toFixed(0)} ms discarded)`);
console.log(`tokentui list -o json:      median ${tuiMedian.toFixed(1)} ms  (${tui.map((v) => v.toFixed(0)).join(', ')})  ${warmTui.bytes} bytes`);
console.log(`kubeadm token list -o json: median ${refMedian.toFixed(1)} ms  (${ref.map((v) => v.toFixed(0)).join(', ')})  ${warmRef.bytes} bytes`);
const floorMedian = median(floor);
console.log(`bare Node GET + JSON.parse:  median ${floorMedian.toFixed(1)} ms  (${floor.map((v) => v.toFixed(0)).join(', ')})  the floor for any Node client`);
console.log(`ratio tokentui/kubeadm: ${(tuiMedian / refMedian).toFixed(2)} (target <= 1.00); bare Node/kubeadm: ${(floorMedian / refMedian).toFixed(2)}; tokentui over the bare floor: ${(tuiMedian - floorMedian).toFixed(1)} ms`);
await dispatcher.close();
