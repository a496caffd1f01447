// Benchmark (issue 4): `tokentui impact ID -o json` on the real control plane holding 5,000
// CSRs and 1,000 bootstrap tokens (target: <= 1 s median). Reference measured in the same run:
// one bare LIST of the CSRs with fetch, the floor any preview pays. Run via `npm run bench`.
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Agent } from 'undici';

const run = promisify(execFile);
const env = (name) => {
  if (!process.env[name]) throw new Error(`${name} is not set: run through scripts/k8s/with-cluster.sh`);
  return process.env[name];
};
const server = env('TOKENTUI_K8S_SERVER');
const kubeconfig = env('TOKENTUI_K8S_KUBECONFIG');
const dispatcher = new Agent({ connect: { ca: readFileSync(env('TOKENTUI_K8S_CA')) } });
const headers = { authorization: `Bearer ${process.env.TOKENTUI_K8S_ADMIN_TOKEN ?? 'admin-token-123'}`, 'content-type': 'application/json' };
const CSRS = Number(process.env.BENCH_CSRS ?? 5000);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const api = (path, init = {}) => fetch(`${server}${path}`, { dispatcher, headers, ...init });
const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
const randomText = (n) => [...randomBytes(n)].map((b) => alphabet[b % 36]).join('');
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

async function count(path) {
  return (await (await api(`${path}?limit=1`)).json()).metadata.remainingItemCount + 1 || 0;
}

async function inBatches(total, make) {
  for (let index = 0; index < total; index += 50) {
    await Promise.all(Array.from({ length: Math.min(50, total - index) }, (_, k) => make(index + k)));
  }
}

// One real PKCS#10 request reused for every CSR (the apiserver only checks it parses).
const csrPem = execFileSync('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
  '-keyout', '/dev/null', '-subj', '/O=system:nodes/CN=system:node:bench-node'], { stdio: ['ignore', 'pipe', 'ignore'] });
const csrBase64 = Buffer.from(csrPem).toString('base64');

const tokensPath = '/api/v1/namespaces/kube-system/secrets';
const existingTokens = (await (await api(`${tokensPath}?fieldSelector=type%3Dbootstrap.kubernetes.io%2Ftoken`)).json()).items.length;
await inBatches(Math.max(0, TOKENS - existingTokens), async () => {
  const id = randomText(6);
  const response = await api(tokensPath, { method: 'POST', body: JSON.stringify({
    apiVersion: 'v1', kind: 'Secret', type: 'bootstrap.kubernetes.io/token',
    metadata: { name: `bootstrap-token-${id}`, namespace: 'kube-system' },
    stringData: { 'token-id': id, 'token-secret': randomText(16), 'usage-bootstrap-authentication': 'true',
      expiration: new Date(Date.now() + 7200_000).toISOString().replace(/\.\d+Z$/, 'Z') },
  }) });
  if (![201, 409].includes(response.status)) throw new Error(`token create ${response.status}`);
});
const csrPath = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
const existingCsrs = await count(csrPath);
await inBatches(Math.max(0, CSRS - existingCsrs), async (index) => {
  const response = await api(csrPath, { method: 'POST', body: JSON.stringify({
    apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest',
    metadata: { name: `bench-${index}-${randomText(5)}` },
    spec: { request: csrBase64, signerName: 'kubernetes.io/kube-apiserver-client-kubelet', usages: ['digital signature', 'key encipherment', 'client auth'] },
  }) });
  if (response.status !== 201) throw new Error(`csr create ${response.status}`);
});

// The token to preview: a fresh signing + authentication token.
const created = JSON.parse((await run(process.execPath, [join(import.meta.dirname, '../dist/cli.js'), 'create', '--ttl', '1h', '-o', 'json', '--kubeconfig', kubeconfig],
  { env: { ...process.env, XDG_STATE_HOME: '/tmp/tokentui-bench-state' } })).stdout);
const impactArgs = [join(import.meta.dirname, '../dist/cli.js'), 'impact', created.id, '-o', 'json', '--kubeconfig', kubeconfig];

const tokentui = [];
const bareList = [];
await run(process.execPath, impactArgs); // warm-up
for (let i = 0; i < RUNS; i++) {
  let start = process.hrtime.bigint();
  const { stdout } = await run(process.execPath, impactArgs, { maxBuffer: 64 << 20 });
  tokentui.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (JSON.parse(stdout).tokenId !== created.id) throw new Error('unexpected impact output');
  start = process.hrtime.bigint();
  await (await api(csrPath)).arrayBuffer();
  bareList.push(Number(process.hrtime.bigint() - start) / 1e6);
}
console.log(`CSRs: ${await count(csrPath)}, tokens: ${TOKENS}+`);
console.log(`tokentui impact -o json (whole process): median ${median(tokentui).toFixed(0)} ms (${tokentui.map((v) => v.toFixed(0)).join(', ')}) target <= 1000 ms`);
console.log(`bare LIST of all CSRs (fetch, warm process): median ${median(bareList).toFixed(0)} ms`);
console.log(`ratio impact/bare CSR list: ${(median(tokentui) / median(bareList)).toFixed(2)}`);
await dispatcher.close();
