// Benchmark (issue 18): fleet mode's idle output, against the single-context budget per visible
// row. The fleet of scripts/k8s/with-clusters.sh 3 (three real control planes and the reference
// REST server), each cluster seeded to 334 bootstrap tokens that expire within the hour, so every
// visible TTL changes every second (the worst case, as bench/tui-idle-bytes.mjs). The app:
// dist/cli.js in tmux 120x40, `:fleet`, every byte recorded with `tmux pipe-pane`; the minimum a
// renderer could send is diffed from captures at each mid-second, as there.
// The single-context budget (tui-idle-bytes.mjs): 1,500 B/s at 120x40, every visible row ticking.
//   node scripts/build.mjs && bash scripts/k8s/with-clusters.sh 3 node bench/fleet-idle-bytes.mjs
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { idleBytes } from './support/idle-bytes.mjs';
import { fleetEnv, realFleet } from '../test/support/real-fleet.ts';
import { requireBuiltCli } from '../test/support/tui-app.ts';
import { startTmux } from '../test/support/tmux.ts';

const PER_CLUSTER = 334;
const COLUMNS = 120;
const ROWS = 40;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const BUDGET = 1500;
const fleet = realFleet();
const secretsPath = '/api/v1/namespaces/kube-system/secrets';
const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
const randomText = (length) => [...randomBytes(length)].map((b) => alphabet[b % 36]).join('');

async function seed(cluster) {
  const adminToken = /ADMIN_TOKEN=(\S+)/.exec(readFileSync(join(cluster.state, 'cluster.vars'), 'utf8'))[1];
  const dispatcher = new Agent({ connect: { ca: cluster.ca } });
  const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const query = '?fieldSelector=type%3Dbootstrap.kubernetes.io%2Ftoken';
  const listed = await (await fetch(`${cluster.server}${secretsPath}${query}`, { dispatcher, headers })).json();
  for (let index = listed.items.length; index < PER_CLUSTER; index += 8) {
    await Promise.all(Array.from({ length: Math.min(8, PER_CLUSTER - index) }, (_, offset) => {
      const id = randomText(6);
      const body = {
        apiVersion: 'v1', kind: 'Secret', type: 'bootstrap.kubernetes.io/token',
        metadata: { name: `bootstrap-token-${id}`, namespace: 'kube-system' },
        stringData: {
          'token-id': id, 'token-secret': randomText(16), description: `fleet idle ${index + offset}`,
          expiration: new Date(Date.now() + (30 + ((index + offset) % 29)) * 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
          'usage-bootstrap-authentication': 'true',
        },
      };
      return fetch(`${cluster.server}${secretsPath}`, { method: 'POST', dispatcher, headers, body: JSON.stringify(body) }).then((answer) => answer.text());
    }));
  }
  await dispatcher.close();
}

await Promise.all(fleet.clusters.map(seed));
const scratch = mkdtempSync(join(tmpdir(), 'tokentui-fleet-idle-'));
const env = Object.fromEntries(Object.entries(fleetEnv()).filter((entry) => entry[1] !== undefined && /^(KUBECONFIG|XDG_|TOKENTUI_|HOME$|PATH$)/.test(entry[0])));
const tui = await startTmux({ command: [process.execPath, requireBuiltCli(), '--context', 'fleet-1'], columns: COLUMNS, rows: ROWS, env });
try {
  await tui.waitForScreen(/● live/, 20_000);
  await tui.sendText(':fleet');
  await tui.sendKeys('Enter');
  const contexts = [...fleet.clusters.map((cluster) => cluster.context), fleet.restContext];
  await tui.waitForScreen((screen) => contexts.every((context) => screen.includes(`${context} ● live`)), 30_000);
  const { written: bytes, minimal: least, rows } = await idleBytes(tui, { columns: COLUMNS, rows: ROWS, seconds: SECONDS, scratch, label: 'fleet' });
  console.log(`fleet-idle-bytes: fleet mode over ${contexts.length} contexts (${PER_CLUSTER} ticking tokens per cluster), ${COLUMNS}x${ROWS}, dist/cli.js in tmux (pipe-pane), ${SECONDS} s, medians per second`);
  console.log(`  written: ${bytes} B/s (${(bytes / Math.max(1, rows)).toFixed(1)} B/s per changed row); minimum possible ${least} B/s (${rows} rows changed); ratio ${(bytes / Math.max(1, least)).toFixed(2)}x`);
  console.log(`  TARGET the single-context budget, ${BUDGET} B/s at ${COLUMNS}x${ROWS}: ${bytes <= BUDGET ? 'met' : 'NOT met'}`);
} finally {
  await tui.kill();
}
