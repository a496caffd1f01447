// Issue 7, server-token rotation in a real terminal (tmux): the built tokentui, k3s adapter
// forced, on a kubeconfig whose server is the emulated k3s supervisor
// (test/support/k3s-supervisor.ts), which serves /cacerts and PUT /v1-k3s/token itself and hands
// every other path to the REAL apiserver (scripts/k8s/with-cluster.sh), as k3s does on its one
// port. Snapshots and Nodes live in the real apiserver. The supervisor's request log proves that
// no PUT is sent before the typed confirmation; capture-pane proves the old token never shows.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotTokenHash } from '../../src/core/k3s-token.ts';
import { openServerTokenChecklists } from '../../src/journals/server-token-checklists.ts';
import { createK3sNode, createSnapshot, installSnapshotCrd, k3sKubeconfigText, removeSnapshotCrd, sendAsAdmin } from '../support/k3s-real-objects.ts';
import { startK3sSupervisor, type K3sSupervisor } from '../support/k3s-supervisor.ts';
import { realCluster, waitFor } from '../support/real-cluster.ts';
import { shellQuote, startTmux, type TmuxSession } from '../support/tmux.ts';
import { nodeBin, repoRoot, requireBuiltCli, startTui } from '../support/tui-app.ts';
import { removeScratch } from '../support/at-rest.ts';

const run = randomBytes(3).toString('hex');
const OLD = `old-server-password-${run}`;
const SERVER = `k3s-server-${run}`;
const WAIT = 20_000;
let supervisor: K3sSupervisor;
let scratch: string;
let kubeconfig: string;
let stateHome: string;
const sessions: TmuxSession[] = [];

const puts = () => supervisor.requests.filter((request) => request.method === 'PUT');
const host = () => new URL(supervisor.url).host;
const password = () => supervisor.passwd.find((row) => row.name === 'server')?.password ?? '';

beforeAll(async () => {
  const cluster = realCluster();
  supervisor = await startK3sSupervisor({ serverPassword: OLD, apiserver: { url: cluster.server, caPem: cluster.ca } });
  await installSnapshotCrd();
  const location = `file:///var/lib/rancher/k3s/server/db/snapshots/nightly-${run}`;
  await createSnapshot({ objectName: `nightly-${run}`, snapshotName: `nightly-${run}`, node: SERVER, tokenHash: snapshotTokenHash(OLD), createdAt: '2026-03-02T03:00:00Z', location });
  await createSnapshot({ objectName: `ancient-${run}`, snapshotName: `ancient-${run}`, node: SERVER, tokenHash: snapshotTokenHash(`older-${run}`), createdAt: '2025-01-01T03:00:00Z', location: 'file:///old' });
  await createK3sNode(SERVER, ['control-plane', 'etcd'], '10.0.0.31');
  scratch = mkdtempSync(join(tmpdir(), 'tokentui-k3s-tui-'));
  stateHome = join(scratch, 'state');
  kubeconfig = join(scratch, 'kubeconfig');
  writeFileSync(kubeconfig, k3sKubeconfigText(supervisor.url, supervisor.caBundle, cluster.tokens.admin));
});

afterAll(async () => {
  for (const session of sessions) await session.kill();
  await supervisor?.close();
  await sendAsAdmin(`/api/v1/nodes/${SERVER}`, 'DELETE');
  await removeSnapshotCrd();
  if (scratch !== undefined) removeScratch(scratch);
});

describe('k3s server-token rotation in tmux', () => {
  it('TUI: masked field, preview of the matching snapshot, no PUT before the typed confirmation, one after, the new token once, the checklist ticked', async () => {
    const tui = await startTui({ cliPath: requireBuiltCli(), kubeconfig, args: ['--adapter', 'k3s'], env: { XDG_STATE_HOME: stateHome } });
    sessions.push(tui);
    await tui.waitForScreen(/tokentui · k3s-emulated · k3s/, WAIT);
    await tui.sendKeys('R');
    await tui.waitForScreen(/Old server token: \[empty\]/, WAIT);
    const oldToken = supervisor.tokenFile.trim();
    await tui.sendText(oldToken);
    const typed = await tui.waitForScreen(/Old server token: \[entered \(hidden\)\]/, WAIT);
    expect(typed).not.toContain(OLD);
    expect(typed).not.toContain(oldToken.slice(0, 20));

    await tui.sendKeys('Enter');
    const preview = await tui.waitForScreen((screen) => screen.includes(`Type ${host()} to rotate`), WAIT);
    // Node, location and time (the line wraps at the pane's width).
    const unwrapped = preview.replace(/\n\s+/g, ' ');
    expect(unwrapped).toContain(`snapshot nightly-${run}: on ${SERVER} at file:///var/lib/rancher/k3s/server/db/snapshots/nightly-${run}, taken 2026-03-02T03:00:00Z`);
    expect(preview).not.toContain(`snapshot ancient-${run}`);
    expect(preview).toContain(`${SERVER}: server (`);
    expect(puts()).toEqual([]);

    await tui.sendText('nope');
    await tui.sendKeys('Enter');
    await tui.waitForScreen(/"nope" does not match: type .* exactly; nothing was sent/, WAIT);
    expect(puts()).toEqual([]);
    expect(password()).toBe(OLD);

    await tui.sendKeys('BSpace', 'BSpace', 'BSpace', 'BSpace');
    await tui.sendText(host());
    await tui.sendKeys('Enter');
    const result = await tui.waitForScreen(/✓ server token rotated/, WAIT);
    const newToken = supervisor.tokenFile.trim();
    expect(result).toContain(newToken);
    expect(puts()).toEqual([expect.objectContaining({ path: '/v1-k3s/token', basicUser: 'server', status: 200 })]);
    expect(password()).not.toBe(OLD);

    await tui.sendKeys('Enter');
    const checklist = await tui.waitForScreen(/Server token rotated .*: \d+ of \d+ open/, WAIT);
    expect(checklist).not.toContain(newToken);
    expect(checklist).toContain(`[ ] ${SERVER}: set the new token`);
    const [, open] = /: (\d+) of (\d+) open/.exec(checklist) ?? [];
    await tui.sendKeys('Space');
    await tui.waitForScreen((screen) => screen.includes(`: ${Number(open) - 1} of`), WAIT);
    await tui.sendKeys('Escape');
    await tui.waitForScreen(/checklist items open — :checklist/, WAIT);
    // The tick is written back to the journal (polled: the write follows the frame).
    const ticked = () => openServerTokenChecklists({ env: { XDG_STATE_HOME: stateHome } }).listOpen();
    await waitFor(() => ticked()[0]?.items.some((entry) => entry.doneAt !== null), { description: 'the tick is saved' });
    const kept = ticked();
    expect(kept.map((item) => item.items.filter((entry) => entry.doneAt !== null).length)).toEqual([1]);
    await tui.sendKeys('q');
    expect(kept[0]?.oldTokenHash).toBe(snapshotTokenHash(OLD));
  });

  it('CLI: the masked prompt shows, typed characters never appear, earlier checklists are printed; Ctrl-C aborts with exit 3 and nothing sent', async () => {
    const cli = (name: string) =>
      startTmux({
        // The shell prints the exit code on the screen: read like everything else, by polling.
        command: ['sh', '-c', `${[nodeBin, requireBuiltCli(), '--kubeconfig', kubeconfig, '--adapter', 'k3s', 'rotate', '--server-token'].map(shellQuote).join(' ')}; echo "exit code $?"`],
        columns: 200,
        rows: 60,
        cwd: repoRoot,
        env: { XDG_STATE_HOME: stateHome, XDG_CONFIG_HOME: join(scratch, `config-${name}`) },
      }).then((session) => (sessions.push(session), session));
    const current = supervisor.tokenFile.trim();
    const before = supervisor.requests.length;

    const asked = await cli('prompt');
    await asked.waitForScreen(/Old k3s server token \(input hidden\):/, WAIT);
    await asked.sendText(current);
    await asked.sendKeys('BSpace');
    await asked.sendText(current.slice(-1));
    const typedScreen = await asked.capture();
    expect(typedScreen).not.toContain(password());
    expect(typedScreen).not.toContain(current.slice(0, 20));
    await asked.sendKeys('Enter');
    const printed = await asked.waitForScreen(/--confirm/, WAIT);
    // The TUI's rotation above left its checklist open (one item ticked): printed first.
    expect(printed).toMatch(/k3s server token rotated .* 1 of \d+ checklist items open/);
    expect(printed).toContain(`snapshot token hash ${snapshotTokenHash(password())}`);
    expect(printed).not.toContain(password());
    await asked.waitForScreen(/^exit code 3$/m, WAIT);
    expect(puts()).toHaveLength(1);

    const aborted = await cli('abort');
    await aborted.waitForScreen(/Old k3s server token \(input hidden\):/, WAIT);
    const sentBefore = supervisor.requests.length;
    await aborted.sendText('half-typed');
    await aborted.sendKeys('C-c');
    const end = await aborted.waitForScreen(/aborted at the old server token prompt; nothing was sent/, WAIT);
    expect(end).not.toContain('half-typed');
    await aborted.waitForScreen(/^exit code 3$/m, WAIT);
    expect(supervisor.requests.length).toBe(sentBefore);
    expect(puts()).toHaveLength(1);
    expect(supervisor.requests.length).toBeGreaterThan(before);
  });
});
