// k3s server-token rotation in the TUI, in-process: the real k3s adapter over a stub Kubernetes
// API (Nodes, ETCDSnapshotFiles) and the emulated supervisor (test/support/k3s-supervisor.ts),
// whose request log proves that no PUT is sent before the typed confirmation. Checklists go to
// a real rotation-journal directory, so ticks are read back from disk.
import chalk from 'chalk';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenAdapter } from '../../src/adapters/contract.ts';
import { createK3sAdapter, type K3sAdapter } from '../../src/adapters/k3s/index.ts';
import { snapshotTokenHash } from '../../src/core/k3s-token.ts';
import { newServerTokenChecklist } from '../../src/core/server-token-checklist.ts';
import { openServerTokenChecklists, type ServerTokenChecklists } from '../../src/journals/server-token-checklists.ts';
import { App } from '../../src/ui/app/App.tsx';
import { createStubKubeClient, list, nodeObject, snapshotObject, STUB_CONNECTION } from '../support/k3s-kube-stub.ts';
import { startK3sSupervisor, type K3sSupervisor } from '../support/k3s-supervisor.ts';
import { createMemoryBackend } from '../support/memory-adapter.ts';
import { renderFixedSize, type FixedSizeRender } from '../support/render.tsx';
import { CONFIRM_DWELL_MS } from '../../src/ui/shared/preview-gate.ts';
import { FakeTime, T0 } from './fixtures.ts';
import { keysFor } from './keys.ts';
import { createMemoryJournal, type MemoryJournal } from './memory-journal.ts';
import { decodeOsc52 } from './osc52-decode.ts';

const OLD = 'old-server-password-0123456789ab';
const kube = createStubKubeClient({
  '/api/v1/nodes': list([nodeObject('server-1', ['control-plane', 'etcd']), nodeObject('agent-1', [])]),
  '/apis/k3s.cattle.io/v1/etcdsnapshotfiles': list([
    snapshotObject('before-rotation', { node: 'server-1', tokenHash: snapshotTokenHash(OLD), createdAt: '2026-03-01T00:00:00Z', location: 'file:///snap/a' }),
    snapshotObject('ancient', { node: 'server-1', tokenHash: snapshotTokenHash('even-older-password'), createdAt: '2025-01-01T00:00:00Z' }),
  ]),
});
const WAIT = 8_000;

let supervisor: K3sSupervisor;
let stateDir: string;
let ui: FixedSizeRender | undefined;
const originalChalkLevel = chalk.level;

beforeEach(async () => {
  chalk.level = 0;
  supervisor = await startK3sSupervisor({ serverPassword: OLD });
  stateDir = mkdtempSync(join(tmpdir(), 'tokentui-server-token-ui-'));
});
afterEach(async () => {
  ui?.unmount();
  ui = undefined;
  chalk.level = originalChalkLevel;
  await supervisor.close();
  rmSync(stateDir, { recursive: true, force: true });
});

/** The k3s adapter over the stubs; no token file here, so the masked field is used. */
function k3sAdapter(time: FakeTime): K3sAdapter {
  const adapter = createK3sAdapter({ adapter: 'k3s', kube: STUB_CONNECTION, supervisor: supervisor.url }, { clock: time.clock, kubeClient: kube });
  const { watch: _watch, ...rest } = adapter;
  return { ...rest, list: async () => [], serverToken: { ...adapter.serverToken, readTokenFile: async () => ({ found: false, path: '/var/lib/rancher/k3s/server/token', reason: 'no such file' }) } };
}

interface Opened {
  readonly ui: FixedSizeRender;
  readonly journal: MemoryJournal;
  readonly checklists: ServerTokenChecklists;
  readonly time: FakeTime;
}

function open(options: { adapter?: (time: FakeTime) => TokenAdapter; readonly?: boolean; rows?: number } = {}): Opened {
  const time = new FakeTime(T0);
  const journal = createMemoryJournal();
  const checklists = openServerTokenChecklists({ stateDir });
  ui = renderFixedSize(
    <App
      adapter={(options.adapter ?? k3sAdapter)(time)}
      readonly={options.readonly ?? false}
      demo={false}
      contextLabel="k3s-test"
      pollIntervalMs={20}
      clock={time.clock}
      ticks={time.ticks}
      audit={journal}
      operator={{ user: 'alice', host: 'workstation' }}
      checklists={checklists}
      env={{}}
    />,
    { columns: 140, rows: options.rows ?? 40 },
  );
  return { ui, journal, checklists, time };
}

const puts = () => supervisor.requests.filter((request) => request.method === 'PUT');

/** R, then the old token as the token file holds it, submitted: the preview is computed next. */
async function submitTokenFile(app: FixedSizeRender): Promise<void> {
  await app.waitForFrame((frame) => frame.includes('R server token'));
  app.write(keysFor('token.rotateServerToken'));
  await app.waitForFrame((frame) => frame.includes('Old server token: [empty]'));
  app.write(supervisor.tokenFile.trim() + keysFor('serverToken.submitOldToken'));
}

/** The preview is drawn with its confirmation shut; the dwell passes on the fake clock, then the prompt shows. */
async function previewOpen(app: FixedSizeRender, time: FakeTime): Promise<string> {
  await app.waitForFrame((frame) => frame.includes('⏸') || frame.includes(`Type ${host()} to rotate`), WAIT);
  time.advance(CONFIRM_DWELL_MS);
  return app.waitForFrame((frame) => frame.includes(`Type ${host()} to rotate`), WAIT);
}
const host = () => new URL(supervisor.url).host;
const text = (frame: string) => frame;

describe('R: server-token rotation', () => {
  it('masked old token, preview of the matching snapshots, no PUT before the typed confirmation, one after, the new token once, then the checklist', async () => {
    const { ui: app, journal, checklists, time } = open();
    await app.waitForFrame((frame) => frame.includes('R server token'));
    app.write(keysFor('token.rotateServerToken'));
    await app.waitForFrame((frame) => frame.includes('Old server token: [empty]'));
    const oldToken = supervisor.tokenFile.trim();
    app.write(oldToken);
    await app.waitForFrame((frame) => frame.includes('Old server token: [entered (hidden)]'));
    app.write(keysFor('serverToken.submitOldToken'));
    const preview = await previewOpen(app, time);
    expect(preview).toContain('snapshot before-rotation: on server-1 at file:///snap/a, taken 2026-03-01T00:00:00Z');
    expect(preview).not.toContain('snapshot ancient');
    expect(preview).toContain('1 other snapshot(s) were taken under even older tokens');
    expect(preview).toContain('[ ] server-1: set the new token');
    expect(puts()).toEqual([]);

    app.write('wrong');
    app.write(keysFor('serverToken.rotate'));
    await app.waitForFrame((frame) => frame.includes('"wrong" does not match: type'));
    expect(puts()).toEqual([]);

    app.write(keysFor('serverToken.deleteChar').repeat(5) + host());
    app.write(keysFor('serverToken.rotate'));
    const result = await app.waitForFrame((frame) => frame.includes('✓ server token rotated'), WAIT);
    const newToken = supervisor.tokenFile.trim();
    expect(result).toContain(newToken);
    expect(puts()).toEqual([expect.objectContaining({ path: '/v1-k3s/token', basicUser: 'server', bodyKeys: ['newToken'], status: 200 })]);

    app.write(keysFor('serverToken.copy'));
    await app.waitForFrame((frame) => frame.includes('token sent to the terminal clipboard'));
    expect(app.frames.flatMap(decodeOsc52)).toEqual([newToken]);

    const shownUntil = app.frames.length;
    app.write(keysFor('serverToken.toChecklist'));
    await app.waitForFrame((frame) => frame.includes('3 of 3 open'));
    expect(app.frames.slice(shownUntil).some((frame) => frame.includes(newToken))).toBe(false);
    // Never on screen: the old token and its password, at any point.
    expect(app.frames.some((frame) => frame.includes(OLD) || frame.includes(oldToken))).toBe(false);

    app.write(keysFor('checklist.toggle'));
    await app.waitForFrame((frame) => frame.includes('2 of 3 open'));
    await app.waitForFrame(() => typeof openServerTokenChecklists({ stateDir }).listOpen()[0]?.items[0]?.doneAt === 'number');
    expect(checklists.listOpen().map((checklist) => checklist.items.map((item) => item.doneAt !== null))).toEqual([[true, false, false]]);
    const onDisk = readFileSync(checklists.pathOf(checklists.listOpen()[0]!.checklistId), 'utf8');
    expect(onDisk).not.toContain(OLD);
    expect(onDisk).not.toContain(supervisor.passwd[0]!.password);

    expect(journal.records).toEqual([expect.objectContaining({ action: 'rotate', tokenId: 'server-token', confirmation: 'typed-id', outcome: 'success', adapter: 'k3s' })]);
    expect(journal.lines.join('')).not.toContain(OLD);
    expect(journal.lines.join('')).not.toContain(supervisor.passwd[0]!.password);

    app.write(keysFor('checklist.back'));
    await app.waitForFrame((frame) => frame.includes('2 of 3 checklist items open — :checklist'));
  });

  it('a wrong old token: the 403 is shown clearly, audited as a failure, nothing rotated', async () => {
    const { ui: app, journal, time } = open();
    await app.waitForFrame((frame) => frame.includes('R server token'));
    app.write(keysFor('token.rotateServerToken'));
    await app.waitForFrame((frame) => frame.includes('Old server token: [empty]'));
    app.write(`K10${supervisor.caBundleSha256}::server:not-the-password`);
    app.write(keysFor('serverToken.submitOldToken'));
    await previewOpen(app, time);
    app.write(host() + keysFor('serverToken.rotate'));
    const failed = await app.waitForFrame((frame) => frame.includes('the server token was not rotated'), WAIT);
    expect(text(failed)).toMatch(/refused the old server token \(403 forbidden\)/);
    expect(failed).not.toContain('not-the-password');
    expect(supervisor.passwd.find((row) => row.name === 'server')?.password).toBe(OLD);
    expect(journal.records).toEqual([expect.objectContaining({ tokenId: 'server-token', outcome: 'failure' })]);
  });

  it('Esc on the preview leaves with nothing sent', async () => {
    const { ui: app, time } = open();
    await submitTokenFile(app);
    await previewOpen(app, time);
    app.write(keysFor('serverToken.leave'));
    await app.waitForFrame((frame) => frame.includes('server token not rotated: nothing was sent'));
    expect(puts()).toEqual([]);
  });

  it('HOST:PORT typed before the preview was on screen for the dwell sends nothing, and says so (issue 14)', async () => {
    const { ui: app, time } = open();
    await submitTokenFile(app);
    await app.waitForFrame((frame) => frame.includes('⏸ confirming opens in'), WAIT);
    app.write(host() + keysFor('serverToken.notYet'));
    await app.waitForFrame((frame) => frame.includes('Enter ignored: preview shown under 0.6 s ago — nothing was confirmed'), WAIT);
    expect(puts()).toEqual([]);
    time.advance(CONFIRM_DWELL_MS);
    // Nothing typed before carried over: the confirmation starts empty.
    await app.waitForFrame((frame) => frame.includes(`Type ${host()} to rotate the server token: ▏`), WAIT);
    expect(puts()).toEqual([]);
  });
});

describe('where R is not offered', () => {
  it('read-only: R is not in the footer or help, and R and :rotate-server-token are refused', async () => {
    const { ui: app } = open({ readonly: true, rows: 120 });
    await app.waitForFrame((frame) => frame.includes('[READ-ONLY]'));
    expect(app.lastFrame()).not.toContain('R server token');
    app.write('R');
    await app.waitForFrame((frame) => frame.includes('read-only mode: "Rotate the k3s server token'));
    app.write(':rotate-server-token\r');
    await app.waitForFrame((frame) => frame.includes('read-only mode: "Rotate the k3s server token'));
    app.write('?');
    const help = await app.waitForFrame((frame) => frame.includes('Command line (:)'));
    expect(help).not.toContain('Rotate the k3s server token');
    expect(help).not.toContain('k3s server token (R');
    expect(supervisor.requests).toEqual([]);
  });

  it('another backend: R says k3s only and the help does not list it', async () => {
    open({ adapter: (time) => createMemoryBackend({ clock: time.clock }).adapter, rows: 120 });
    const app = ui!;
    await app.waitForFrame((frame) => frame.includes('no tokens on this backend'));
    app.write(':rotate-server-token\r');
    await app.waitForFrame((frame) => frame.includes('server-token rotation: this backend has no server token to rotate (k3s only)'));
    app.write('?');
    const help = await app.waitForFrame((frame) => frame.includes('Command line (:)'));
    expect(help).not.toContain('Rotate the k3s server token');
    expect(help).not.toContain('k3s server token (R');
  });

  it('k3s: the help lists R and the checklist keys', async () => {
    const { ui: app } = open({ rows: 120 });
    await app.waitForFrame((frame) => frame.includes('R server token'));
    app.write('?');
    const help = await app.waitForFrame((frame) => frame.includes('Command line (:)'));
    expect(help).toContain('R               Rotate the k3s server token');
    expect(help).toContain('k3s server token (R, :rotate-server-token) and its checklist (:checklist)');
    // The : words close the help, which is longer than 120 rows now: its end.
    app.write(keysFor('help.bottom'));
    expect(await app.waitForFrame((frame) => frame.includes('EXPIRES  in UTC'))).toContain(':checklist, :rotate-server-token');
  });
});

describe(':checklist', () => {
  it('an open checklist from an earlier rotation is announced, ticked off item by item, then no longer shown', async () => {
    const earlier = newServerTokenChecklist({
      target: { adapter: 'k3s', context: 'stub', server: STUB_CONNECTION.server },
      supervisor: 'https://127.0.0.1:6443',
      oldTokenHash: 'a1b2c3d4e5f6',
      newTokenHash: '0f1e2d3c4b5a',
      rotatedAt: T0 - 3_600_000,
      items: [
        { id: 'server-config:k3s-1', subject: 'k3s-1', text: 'restart it' },
        { id: 'store-old-token', subject: 'snapshots', text: 'store the old token' },
      ],
    });
    openServerTokenChecklists({ stateDir }).save(earlier);
    const { ui: app } = open();
    await app.waitForFrame((frame) => frame.includes('k3s server token rotated 2026-11-20 11:00Z: 2 of 2 checklist items open — :checklist'));
    app.write(':checklist\r');
    await app.waitForFrame((frame) => frame.includes('› [ ] k3s-1: restart it'));
    app.write(keysFor('checklist.toggle', 'checklist.down', 'checklist.toggle'));
    await app.waitForFrame((frame) => frame.includes('all done: no longer listed once you leave'));
    await app.waitForFrame(() => openServerTokenChecklists({ stateDir }).listOpen().length === 0);
    app.write(keysFor('checklist.back'));
    await app.waitForFrame((frame) => frame.includes('sort: expiry') && !frame.includes(':checklist'));
    app.write(':checklist\r');
    await app.waitForFrame((frame) => frame.includes('no open server-token checklist'));
    expect(openServerTokenChecklists({ stateDir }).list().checklists[0]?.items.every((item) => item.doneAt !== null)).toBe(true);
  });

  it('shows a long item whole, wrapped under its text, never cut off', async () => {
    const tail = 'and restart k3s-agent on every node that joined with it (the LAST WORDS)';
    const long = `set the new token in /etc/rancher/k3s/config.yaml (token:) or K3S_TOKEN, ${tail}`;
    openServerTokenChecklists({ stateDir }).save(
      newServerTokenChecklist({
        target: { adapter: 'k3s', context: 'stub', server: STUB_CONNECTION.server },
        supervisor: 'https://127.0.0.1:6443',
        oldTokenHash: 'a1b2c3d4e5f6',
        newTokenHash: '0f1e2d3c4b5a',
        rotatedAt: T0 - 60_000,
        items: [{ id: 'agents', subject: 'agents', text: long }],
      }),
    );
    const { ui: app } = open();
    await app.waitForFrame((frame) => frame.includes(':checklist'));
    app.write(':checklist\r');
    const frame = await app.waitForFrame((screen) => screen.includes('› [ ] agents: set the new token'));
    expect(frame).toContain('(the LAST WORDS)');
    expect(frame).not.toContain('…');
    const rows = frame.split('\n');
    const first = rows.findIndex((row) => row.includes('› [ ] agents:'));
    expect(rows[first + 1]).toMatch(/^ {6}\S/);
  });
});
