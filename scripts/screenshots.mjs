// Screenshots for the README (issue 3): runs the real app (dist/cli.js) in tmux at 120×36
// against the real control plane seeded with a showcase of tokens, visits each screen,
// captures the terminal cells with their colours (capture-pane -e) and renders each to
// screenshots/<screen>.svg.
//
//   npm run screenshots
//   = node scripts/build.mjs && bash scripts/k8s/with-cluster.sh node scripts/screenshots.mjs
//
// Needs the TOKENTUI_K8S_* variables of scripts/k8s/with-cluster.sh, which starts a fresh
// cluster (so the list holds only the seeded tokens). `--png DIR` also writes PNGs there
// with rsvg-convert (Debian librsvg2-bin), to look at the result.
// Runs on Node 24 (npm run puts node_modules/.bin/node first), which imports the .ts helpers.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteAllTokens, randomTokenPart, seedTokens, showcaseTokens } from '../bench/support/seed-cluster.ts';
import { snapshotTokenHash } from '../src/core/k3s-token.ts';
import { createK3sNode, createSnapshot, installSnapshotCrd, k3sKubeconfigText, removeSnapshotCrd, sendAsAdmin } from '../test/support/k3s-real-objects.ts';
import { startK3sSupervisor } from '../test/support/k3s-supervisor.ts';
import { realCluster } from '../test/support/real-cluster.ts';
import { startTestRestServer } from '../test/support/rest-server.ts';
import { startTmux } from '../test/support/tmux.ts';
import { nodeBin, requireBuiltCli, startTui } from '../test/support/tui-app.ts';
import { shootScreen } from './lib/shoot-screen.mjs';

const root = join(import.meta.dirname, '..');
const COLUMNS = 120;
const ROWS = 36;
const SMALL = { columns: 56, rows: 10 };
const outDir = join(root, 'screenshots');
const pngIndex = process.argv.indexOf('--png');
const pngDir = pngIndex === -1 ? null : process.argv[pngIndex + 1];

const cluster = realCluster();

// The real tokencleaner deletes a token at its expiry second. Paused (SIGSTOP) while the
// screens are captured, it leaves the already-expired showcase token listed, as a busy one would.
const cleanerPid = Number(readFileSync(join(cluster.state, 'pids/controller-manager.pid'), 'utf8').trim());
const tokens = [
  ...showcaseTokens(),
  { id: randomTokenPart(6), description: 'expired a moment ago (cleaner not run yet)', ttlSeconds: -20, usages: ['authentication'], groups: [] },
];

const written = [];
let tui;
process.kill(cleanerPid, 'SIGSTOP');
try {
  await deleteAllTokens();
  await seedTokens(tokens);
  tui = await startTui({ cliPath: requireBuiltCli(), kubeconfig: cluster.kubeconfig, columns: COLUMNS, rows: ROWS });
  const validIds = tokens.map((token) => token.id).filter((id) => /^[a-z0-9]{6}$/.test(id));
  await tui.waitForScreen((screen) => screen.split('\n')[1]?.startsWith('● live') && validIds.every((id) => screen.includes(id)), 15_000);
  await shoot('list', COLUMNS, ROWS);

  await tui.sendKeys('/');
  await tui.sendText('eu-west');
  await tui.waitForScreen(/\/eu-west▏/, 5_000);
  await shoot('filter', COLUMNS, ROWS);
  await tui.sendKeys('Escape');
  await tui.waitForScreen((screen) => !screen.includes('/eu-west'), 5_000);

  await tui.sendKeys('Down', 'Down', 'Down', 'Enter');
  await tui.waitForScreen(/Join command/, 5_000);
  await shoot('details', COLUMNS, ROWS);
  await tui.sendKeys('Escape');
  await tui.waitForScreen(/sort: expiry/, 5_000);

  await tui.sendKeys('?');
  await tui.waitForScreen(/· help[\s\S]*Token list[\s\S]*lines 1-/, 5_000);
  await shoot('help', COLUMNS, ROWS);
  // The end of the help (G): the TTL legend (glyph + colour per urgency).
  await tui.sendKeys('G');
  await tui.waitForScreen(/TTL column[\s\S]*default token/, 5_000);
  await shoot('help-legend', COLUMNS, ROWS);
  await tui.sendKeys('Escape');
  await tui.waitForScreen(/sort: expiry/, 5_000);

  await shootRevokeAndRotate(tokens);

  await tui.resize(SMALL.columns, SMALL.rows);
  await tui.waitForScreen(/terminal too small/, 5_000);
  await shoot('too-small', SMALL.columns, SMALL.rows);

  await shootServerTokenRotation();
  await shootRestCreateWizard();
} finally {
  process.kill(cleanerPid, 'SIGCONT');
  await tui?.kill();
}

if (pngDir) {
  mkdirSync(pngDir, { recursive: true });
  for (const svg of written) {
    const png = join(pngDir, svg.replace(/^.*\//, '').replace(/\.svg$/, '.png'));
    execFileSync('rsvg-convert', ['-o', png, svg]);
    console.log(`  ${png}`);
  }
}

/** Filters the list to `text`. */
async function filterTo(text) {
  await tui.sendKeys('/');
  await tui.sendText(text);
  await tui.sendKeys('Enter');
  await tui.waitForScreen((screen) => screen.includes(`match "${text}"`), 5_000);
}

async function clearFilter() {
  await tui.sendKeys('Escape');
  await tui.waitForScreen((screen) => !screen.includes('match "'), 5_000);
}

// The headline flows (issue 14): the revoke preview with its typed-id prompt, the combined
// preview of a batch, and a rotation's plan at its confirmation. Nothing is revoked; the
// rotation stops at the confirmation (its replacement's secret screen is never captured).
async function shootRevokeAndRotate(seeded) {
  const idOf = (description) => seeded.find((token) => token.description === description).id;
  const breakGlass = idOf('break-glass: node recovery');
  await filterTo('break-glass');
  await tui.sendKeys('d');
  await tui.waitForScreen((screen) => screen.includes(`Type ${breakGlass} to revoke it:`), 15_000);
  await tui.sendText(breakGlass.slice(0, 3));
  await tui.waitForScreen((screen) => screen.includes(`to revoke it: ${breakGlass.slice(0, 3)}▏`), 5_000);
  await shoot('revoke', COLUMNS, ROWS);
  await tui.sendKeys('Escape');
  await tui.waitForScreen(/revoke cancelled/, 5_000);
  await clearFilter();

  await filterTo('node batch 1');
  await tui.sendKeys('C-Space');
  await tui.waitForScreen(/· \d+ marked/, 5_000);
  await tui.sendKeys('d');
  await tui.waitForScreen((screen) => screen.includes("Enter: each token's own preview"), 20_000);
  await shoot('revoke-batch', COLUMNS, ROWS);
  await tui.sendKeys('Escape');
  await tui.waitForScreen(/revoke cancelled/, 5_000);
  await tui.sendKeys('C-Space');
  await tui.waitForScreen((screen) => !/· \d+ marked/.test(screen), 5_000);
  await clearFilter();

  const gpu = idOf('GPU nodes (rack 7)');
  await filterTo('GPU nodes');
  await tui.sendKeys('r');
  await tui.waitForScreen(/Replacement · step \d of \d: /, 5_000);
  for (let steps = 0; !/Replacement · step (\d) of \1: review/.test(await tui.capture()); steps++) {
    if (steps > 6) throw new Error('the replacement wizard never reached its review');
    const step = /Replacement · step (\d) of/.exec(await tui.capture())?.[1];
    await tui.sendKeys('Enter');
    await tui.waitForScreen((next) => /Replacement · step (\d) of/.exec(next)?.[1] !== step, 5_000);
  }
  await tui.sendKeys('Enter');
  await tui.waitForScreen(/✓ replacement [a-z0-9]{6} created/, 15_000);
  await tui.sendKeys('Escape');
  await tui.waitForScreen((screen) => screen.includes(`Type ${gpu} to revoke it:`), 15_000);
  await shoot('rotate', COLUMNS, ROWS);
  await tui.sendKeys('Escape');
  await tui.waitForScreen(/Stopped before the revoke/, 5_000);
  await tui.sendKeys('Escape');
  await tui.waitForScreen(/rotation stopped/, 5_000);
  await clearFilter();
}

// k3s server-token rotation: the same app, k3s adapter forced, on a kubeconfig whose server is
// the supervisor emulation (test/support/k3s-supervisor.ts; no real k3s runs here), which hands
// API paths to the real apiserver. One snapshot needs the old token, one is older; a server and
// an agent Node exist. Shots: the impact preview and, after the rotation, the checklist (the
// result screen in between shows the new token, so it is not captured).
async function shootServerTokenRotation() {
  const oldPassword = `showcase-${randomTokenPart(8)}`;
  const supervisor = await startK3sSupervisor({ serverPassword: oldPassword, apiserver: { url: cluster.server, caPem: cluster.ca } });
  const dir = mkdtempSync(join(tmpdir(), 'tokentui-shots-k3s-'));
  const nodes = ['k3s-server-1', 'k3s-server-2', 'k3s-agent-7'];
  const main = tui;
  try {
    await installSnapshotCrd();
    const snapshots = '/var/lib/rancher/k3s/server/db/snapshots';
    await createSnapshot({ objectName: 'etcd-snapshot-nightly', snapshotName: 'etcd-snapshot-k3s-server-1-1764370800', node: 'k3s-server-1', tokenHash: snapshotTokenHash(oldPassword), createdAt: '2026-11-22T03:00:00Z', location: `file://${snapshots}/etcd-snapshot-k3s-server-1-1764370800` });
    await createSnapshot({ objectName: 'etcd-snapshot-before-upgrade', snapshotName: 'etcd-snapshot-k3s-server-1-1751331600', node: 'k3s-server-1', tokenHash: snapshotTokenHash('an-even-older-token'), createdAt: '2026-07-01T03:00:00Z', location: `file://${snapshots}/etcd-snapshot-k3s-server-1-1751331600` });
    await createK3sNode(nodes[0], ['control-plane', 'etcd'], '10.0.0.11');
    await createK3sNode(nodes[1], ['control-plane', 'etcd'], '10.0.0.12');
    await createK3sNode(nodes[2], [], '10.0.0.27');
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, k3sKubeconfigText(supervisor.url, supervisor.caBundle, cluster.tokens.admin));
    tui = await startTui({ cliPath: requireBuiltCli(), kubeconfig, args: ['--adapter', 'k3s'], columns: COLUMNS, rows: ROWS, env: { XDG_STATE_HOME: join(dir, 'state') } });
    await tui.waitForScreen((screen) => screen.split('\n')[1]?.startsWith('● live'), 15_000);
    await tui.sendKeys('R');
    await tui.waitForScreen(/Old server token: \[empty\]/, 5_000);
    await tui.sendText(supervisor.tokenFile.trim());
    await tui.sendKeys('Enter');
    const host = new URL(supervisor.url).host;
    await tui.waitForScreen((screen) => screen.includes(`Type ${host} to rotate`), 15_000);
    await shoot('server-token', COLUMNS, ROWS);
    await tui.sendText(host);
    await tui.sendKeys('Enter');
    await tui.waitForScreen(/✓ server token rotated/, 15_000);
    await tui.sendKeys('Enter');
    await tui.waitForScreen(/Server token rotated .*: \d+ of \d+ open/, 5_000);
    await tui.sendKeys('Space');
    await tui.waitForScreen(/\[x\]/, 5_000);
    await shoot('checklist', COLUMNS, ROWS);
  } finally {
    await tui?.kill();
    tui = main;
    await supervisor.close();
    for (const node of nodes) await sendAsAdmin(`/api/v1/nodes/${node}`, 'DELETE');
    await removeSnapshotCrd();
    rmSync(dir, { recursive: true, force: true });
  }
}

// The create wizard on a REST token service (the reference server, in-process on loopback): the
// review of a token with the fields that backend declares, scope and max uses.
async function shootRestCreateWizard() {
  const rest = await startTestRestServer();
  const dir = mkdtempSync(join(tmpdir(), 'tokentui-shots-rest-'));
  const main = tui;
  try {
    for (const body of [
      { description: 'fleet default', ttlSeconds: null, scope: 'workers' },
      { description: 'edge rollout wave 2', ttlSeconds: 15 * 86_400, scope: 'edge', maxUses: 20 },
    ]) {
      await fetch(`${rest.url}/api/v1/tokens`, { method: 'POST', headers: { authorization: `Bearer ${rest.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    }
    tui = await startTmux({
      command: [nodeBin, requireBuiltCli(), '--server', rest.url],
      columns: COLUMNS,
      rows: ROWS,
      cwd: root,
      env: { XDG_CONFIG_HOME: join(dir, 'config'), XDG_STATE_HOME: join(dir, 'state'), TOKENTUI_API_KEY: rest.apiKey },
    });
    await tui.waitForScreen((screen) => screen.split('\n')[1]?.startsWith('● live'), 15_000);
    await tui.sendKeys('c');
    await tui.waitForScreen(/step 1 of 5: description/, 5_000);
    await tui.sendText('gpu rack 4 re-image');
    await tui.sendKeys('Enter');
    await tui.waitForScreen(/step 2 of 5: time to live/, 5_000);
    await tui.sendKeys(...Array.from({ length: 8 }, () => 'BSpace'));
    await tui.sendText('8h');
    await tui.sendKeys('Enter');
    await tui.waitForScreen(/step 3 of 5: scope/, 5_000);
    await tui.sendText('pool:gpu');
    await tui.sendKeys('Enter');
    await tui.waitForScreen(/step 4 of 5: max uses/, 5_000);
    await tui.sendText('4');
    await tui.sendKeys('Enter');
    await tui.waitForScreen(/step 5 of 5: review[\s\S]*Max uses\s+4/, 5_000);
    await shoot('create-rest', COLUMNS, ROWS);
  } finally {
    await tui?.kill();
    tui = main;
    await rest.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function shoot(name, columns, rows) {
  written.push(await shootScreen(tui, outDir, name, columns, rows));
}
