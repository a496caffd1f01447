// Issue 18 "must show", fleet mode in a real terminal (tmux 160×40) over the real fleet: three real
// control planes and the reference REST server (scripts/k8s/with-clusters.sh 3). `:fleet` and a
// filter typed before the create are the only typing; a token made by the real kubeadm arrives
// through that context's own watch, and a stopped apiserver changes that context's state only.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../support/run-cli.ts';
import { apiserver, fleetCli, fleetEnv, fleetKubeadm, realFleet } from '../support/real-fleet.ts';
import { startTmux, type TmuxSession } from '../support/tmux.ts';

let tui: TmuxSession;
const ALL = ['fleet-1', 'fleet-2', 'fleet-3', 'fleet-rest'];

/** The strip's part for one context: `fleet-2 ● live`, `fleet-2 ✗ unreachable`. */
function stateOf(screen: string, context: string): string | undefined {
  const strip = screen.split('\n').find((line) => line.includes('fleet-1 ') && line.includes(' · '));
  return strip?.split(' · ').find((part) => part.startsWith(`${context} `))?.slice(context.length + 1).trim();
}

const rowOf = (screen: string, context: string, id: string) => screen.split('\n').find((line) => new RegExp(`^\\s*${context}\\s+${id}\\s`).test(line));

beforeAll(async () => {
  // Soon to expire, so fleet mode (soonest expiry first) shows them on its first screen even on a
  // fleet that already holds many tokens (bench/fleet-list.mjs seeds 1,000 per cluster, 1 h on).
  for (const index of realFleet().clusters.keys()) {
    const seeded = await fleetKubeadm(index, ['token', 'create', '--ttl', '15m', '--description', `tui seed fleet-${index + 1}`]);
    expect(seeded.code, seeded.stderr).toBe(0);
  }
  const rest = await fleetCli(['create', '--context', 'fleet-rest', '--ttl', '15m', '--description', 'tui seed rest', '-o', 'json']);
  expect(rest.code, rest.stderr).toBe(0);
  const env = Object.fromEntries(Object.entries(fleetEnv()).filter((entry): entry is [string, string] => entry[1] !== undefined && /^(KUBECONFIG|XDG_|TOKENTUI_|HOME$|PATH$)/.test(entry[0])));
  tui = await startTmux({ command: [process.execPath, cliPath, '--context', 'fleet-1'], columns: 160, rows: 40, env });
  await tui.waitForScreen(/● live/, 20_000);
  await tui.sendText(':fleet');
  await tui.sendKeys('Enter');
  await tui.waitForScreen((screen) => ALL.every((context) => stateOf(screen, context) === '● live'), 30_000);
});

afterAll(async () => {
  await tui?.kill();
  await apiserver(2, 'start');
});

describe('fleet mode in tmux over three real control planes and the REST server', () => {
  it('shows tokens from all four contexts on one screen, each context live', async () => {
    const screen = await tui.waitForScreen((text) => ALL.every((context) => text.split('\n').some((line) => new RegExp(`^\\s*${context}\\s+[a-z0-9]{6}\\s`).test(line))), 15_000);
    expect(screen).toMatch(/tokentui fleet · 4 contexts/);
  });

  it('a token created with the real kubeadm appears in its context without a key press', async () => {
    // The filter is typed before the token exists, so its row is on the screen on a fleet of any
    // size (a held fleet has bench tokens that expire sooner); no key is pressed after the create.
    await tui.sendText('/fleet tui live');
    await tui.sendKeys('Enter');
    const started = Date.now();
    const created = await fleetKubeadm(0, ['token', 'create', '--ttl', '45m', '--description', 'fleet tui live']);
    expect(created.code, created.stderr).toBe(0);
    const id = created.stdout.trim().split('.')[0]!;
    const screen = await tui.waitForScreen((text) => rowOf(text, 'fleet-1', id) !== undefined, 10_000);
    expect(rowOf(screen, 'fleet-1', id)).toContain('fleet tui live');
    expect(Date.now() - started).toBeLessThan(10_000);
    await tui.sendText('/');
    await tui.sendKeys('Escape');
    await tui.waitForScreen((text) => rowOf(text, 'fleet-2', '[a-z0-9]{6}') !== undefined, 10_000);
  });

  it('stopping one apiserver changes only that context\'s state', async () => {
    const stop = await apiserver(2, 'stop');
    expect(stop.code, stop.stderr).toBe(0);
    const screen = await tui.waitForScreen((text) => stateOf(text, 'fleet-3') !== undefined && stateOf(text, 'fleet-3') !== '● live', 30_000);
    expect(stateOf(screen, 'fleet-3')).toMatch(/^(◐ reconnecting|✗ )/);
    for (const context of ['fleet-1', 'fleet-2', 'fleet-rest']) expect(stateOf(screen, context)).toBe('● live');
    // Its tokens are still shown (last known), the others' too.
    expect(screen).toMatch(/^\s*fleet-2\s+[a-z0-9]{6}\s/m);
    const start = await apiserver(2, 'start');
    expect(start.code, start.stderr).toBe(0);
    await tui.waitForScreen((text) => stateOf(text, 'fleet-3') === '● live', 60_000);
  });

  it('started on a context that a broken kubeconfig read first may define: the first screen says so, and the context is used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokentui-broken-first-'));
    const broken = join(dir, 'broken.kubeconfig');
    writeFileSync(broken, 'contexts:\n- name: fleet-2\n  context: [\n');
    const env = Object.fromEntries(Object.entries(fleetEnv()).filter((entry): entry is [string, string] => entry[1] !== undefined && /^(KUBECONFIG|XDG_|TOKENTUI_|HOME$|PATH$)/.test(entry[0])));
    const other = await startTmux({ command: [process.execPath, cliPath, '--context', 'fleet-2'], columns: 160, rows: 40, env: { ...env, KUBECONFIG: `${broken}${delimiter}${realFleet().kubeconfig}` } });
    try {
      const first = await other.waitForScreen(/warning: context "fleet-2" may not be the one meant: kubeconfig /, 20_000);
      expect(first).toContain(realFleet().clusters[1]!.server);
      await other.waitForScreen(/● live/, 20_000);
    } finally {
      await other.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
