// Screenshots of fleet mode (issue 18) for the README: the real app in tmux at 120×36 over the real
// fleet (three control planes and the reference REST server, scripts/k8s/with-clusters.sh 3):
// `:fleet` with every context live, `f` with a leaked kubeadm token pasted into the masked prompt,
// and `X`'s combined preview before anything is typed (Esc then leaves every token in place).
//
//   npm run screenshots:fleet
//   = node scripts/build.mjs && bash scripts/k8s/with-clusters.sh 3 node scripts/screenshots-fleet.mjs
import { join } from 'node:path';
import { cliPath } from '../test/support/run-cli.ts';
import { fleetCli, fleetEnv, fleetKubeadm, realFleet } from '../test/support/real-fleet.ts';
import { startTmux } from '../test/support/tmux.ts';
import { shootScreen } from './lib/shoot-screen.mjs';

const COLUMNS = 120;
const ROWS = 36;
const outDir = join(import.meta.dirname, '..', 'screenshots');
const CONTEXTS = ['fleet-1', 'fleet-2', 'fleet-3', 'fleet-rest'];

async function must(result, what) {
  const done = await result;
  if (done.code !== 0) throw new Error(`${what}: exit ${done.code}: ${done.stderr}`);
  return done.stdout;
}

const DESCRIPTIONS = [
  ['rack 12 re-image', 'bastion bootstrap'],
  ['edge pool wave 3', 'ci runners'],
  ['gpu nodes', 'lab spare'],
];
for (const [index, names] of DESCRIPTIONS.entries()) {
  for (const [n, description] of names.entries()) await must(fleetKubeadm(index, ['token', 'create', '--ttl', n === 0 ? '2h' : '40m', '--description', description]), 'kubeadm token create');
}
await must(fleetCli(['create', '--context', 'fleet-rest', '--ttl', '3h', '--description', 'enrollment wave 9', '-o', 'json']), 'tokentui create (rest)');
// The one that leaked: its whole `id.secret` goes only into the masked prompt.
const leaked = (await must(fleetKubeadm(1, ['token', 'create', '--ttl', '1h', '--description', 'pasted in #incident'] ), 'kubeadm token create')).trim();

const env = Object.fromEntries(Object.entries(fleetEnv()).filter((entry) => entry[1] !== undefined && /^(KUBECONFIG|XDG_|TOKENTUI_|HOME$|PATH$)/.test(entry[0])));
const tui = await startTmux({ command: [process.execPath, cliPath, '--context', 'fleet-1'], columns: COLUMNS, rows: ROWS, env });
try {
  await tui.waitForScreen(/● live/, 20_000);
  await tui.sendText(':fleet');
  await tui.sendKeys('Enter');
  await tui.waitForScreen((screen) => CONTEXTS.every((context) => screen.includes(`${context} ● live`)), 30_000);
  await shootScreen(tui, outDir, 'fleet', COLUMNS, ROWS);

  await tui.sendKeys('f');
  await tui.waitForScreen(/input hidden/, 10_000);
  await tui.sendText(leaked);
  await tui.sendKeys('Enter');
  await tui.waitForScreen(/find token [a-z0-9]{6}:/, 15_000);
  await shootScreen(tui, outDir, 'fleet-find', COLUMNS, ROWS);

  await tui.sendKeys('X');
  await tui.waitForScreen(/Type the token id/, 15_000);
  await shootScreen(tui, outDir, 'fleet-sweep', COLUMNS, ROWS);
  await tui.sendKeys('Escape');
} finally {
  await tui.kill();
}
console.log(`fleet screenshots from ${realFleet().clusters.length} clusters and the REST server`);
