// Fleet mode in-process (ink, fixed-size terminal): two contexts on their own in-memory watches and
// one that cannot be opened; each context's events change only its own rows and state; Enter hands
// the selected token and its context to the host; `f` is a masked prompt whose result names contexts.
import { afterEach, describe, expect, it } from 'vitest';
import type { FleetMember } from '../../src/adapters/operations/fleet.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { TokenTuiError } from '../../src/core/errors.ts';
import { FleetApp } from '../../src/ui/app/FleetApp.tsx';
import type { TickSource } from '../../src/ui/clock-ticker.ts';
import { createMemoryBackend } from '../support/memory-adapter.ts';
import { frameLines, renderFixedSize, type FixedSizeRender } from '../support/render.tsx';
import { token } from './fixtures.ts';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const noTicks: TickSource = { subscribe: () => () => undefined };
let view: FixedSizeRender | undefined;
afterEach(() => view?.unmount());

function setup() {
  const eu = createMemoryBackend({ watch: true, tokens: [token('aaaaaa', { description: 'eu one', expiresAt: NOW + 3_600_000 })] });
  const us = createMemoryBackend({ watch: true, tokens: [token('bbbbbb', { description: 'us one', expiresAt: NOW + 60_000 })] });
  const members: FleetMember[] = [
    { context: 'prod-eu', readonly: false, open: async () => eu.adapter },
    { context: 'prod-us', readonly: true, open: async () => us.adapter },
    { context: 'lab', readonly: false, open: async () => Promise.reject(new TokenTuiError('forbidden', 'secrets is forbidden', { httpStatus: 403 })) },
  ];
  const opened: string[] = [];
  view = renderFixedSize(
    <FleetApp members={async () => members} clock={new ManualClock(NOW)} ticks={noTicks} pollIntervalMs={5_000} onOpen={(context, id) => opened.push(`${context}/${id}`)} onExit={() => opened.push('exit')} />,
    { columns: 140, rows: 20 },
  );
  return { eu, us, opened, view };
}

const stripOf = (frame: string) => frameLines(frame)[1] ?? '';

async function watched(...backends: { readonly watcherCount: number }[]): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (backends.some((backend) => backend.watcherCount === 0)) {
    if (Date.now() > deadline) throw new Error('the fleet never started its watches');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('FleetApp', () => {
  it('shows every context\'s tokens with a CONTEXT column and each context\'s own state', async () => {
    const { eu, view } = setup();
    await watched(eu);
    eu.emitState('live');
    const frame = await view.waitForFrame((text) => text.includes('aaaaaa') && text.includes('bbbbbb') && stripOf(text).includes('lab ✗ 403'));
    expect(stripOf(frame)).toContain('prod-eu ● live');
    expect(stripOf(frame)).toContain('[ro]');
    // Most urgent first: prod-us's token expires in a minute.
    const rows = frameLines(frame).filter((line) => /^\s+prod-/.test(line));
    expect(rows.map((line) => line.trim().split(/\s+/).slice(0, 2).join(' '))).toEqual(['prod-us bbbbbb', 'prod-eu aaaaaa']);
  });

  it('a context\'s own events change only its rows and its part of the strip', async () => {
    const { eu, us, view } = setup();
    await watched(eu, us);
    eu.emitState('live');
    us.emitState('live');
    await view.waitForFrame((text) => stripOf(text).includes('prod-us ● live [ro]'));
    eu.upsert(token('cccccc', { description: 'new in eu', expiresAt: NOW + 7_200_000 }));
    us.emitState('reconnecting', 'connection refused');
    const frame = await view.waitForFrame((text) => text.includes('cccccc') && stripOf(text).includes('prod-us ◐ reconnecting'));
    expect(stripOf(frame)).toContain('prod-eu ● live');
    expect(frame).toMatch(/prod-eu\s+cccccc/);
    expect(frame).toContain('bbbbbb');
  });

  it('Enter hands the selected token and its context to the host; Esc goes back', async () => {
    const { opened, view } = setup();
    await view.waitForFrame((text) => text.includes('aaaaaa') && text.includes('bbbbbb'));
    view.write('j');
    await view.settle(20);
    view.write('\r');
    await view.settle(20);
    view.write('\u001b');
    await view.settle(50);
    expect(opened).toEqual(['prod-eu/aaaaaa', 'exit']);
  });

  it('f: a masked prompt; the secret is never drawn, the result names each context', async () => {
    const { view } = setup();
    await view.waitForFrame((text) => text.includes('aaaaaa'));
    view.write('f');
    await view.waitForFrame((text) => text.includes('input hidden'));
    view.write('aaaaaa.0123456789abcdef');
    await view.settle(20);
    expect(view.frames.join('')).not.toContain('0123456789abcdef');
    view.write('\r');
    const frame = await view.waitForFrame((text) => text.includes('find token aaaaaa:'));
    expect(frame).toContain('prod-eu unchecked');
    expect(frame).toContain('prod-us absent');
    // The context that never opened was not searched, and says so rather than dropping out of the answer.
    expect(frame).toContain('lab ✗ not searched (403)');
    expect(view.frames.join('')).not.toContain('0123456789abcdef');
  });
});

describe('FleetApp: keys that arrive together', () => {
  // A paste, fast typing over SSH, tmux send-keys: Ink hands them over as one string.
  it('reads "/us one" + Enter in one chunk as the filter it types, and "f", a token and Enter as a search', async () => {
    const { view } = setup();
    await view.waitForFrame((text) => text.includes('aaaaaa') && text.includes('bbbbbb'));
    view.write('/us one\r');
    const filtered = await view.waitForFrame((text) => text.includes('filter: us one'));
    expect(filtered).toContain('bbbbbb');
    expect(filtered).not.toContain('aaaaaa');
    view.write('/\u001b');
    await view.waitForFrame((text) => text.includes('aaaaaa') && !text.includes('filter:'));
    view.write('faaaaaa.0123456789abcdef\r');
    const found = await view.waitForFrame((text) => text.includes('find token aaaaaa:'));
    expect(found).toContain('prod-eu unchecked');
    expect(view.frames.join('')).not.toContain('0123456789abcdef');
  });
});

describe('FleetApp: revoke all found (X)', () => {
  const canRevoke = { revoke: true, impactPreview: true };

  /** `twin`: prod-us is a second context on prod-eu's backend (one cluster), writable unless 'read-only'. */
  function sweepSetup(rows: number, twin: boolean | 'read-only' = false) {
    const eu = createMemoryBackend({ watch: true, capabilities: canRevoke, tokens: [token('kkkkkk', { description: 'leaked eu' })] });
    // Another cluster: the same id, its own Secret (uid), as two real clusters would have.
    const us = twin !== false ? eu : createMemoryBackend({ watch: true, capabilities: canRevoke, tokens: [token('kkkkkk', { description: 'leaked us', revision: { uid: 'uid-us-kkkkkk', version: '1' } })] });
    const lab = createMemoryBackend({ watch: true, tokens: [token('otherr')] });
    const appended: { context: string; outcome: string; confirmation?: string }[] = [];
    const members: FleetMember[] = [
      { context: 'prod-eu', readonly: false, open: async () => eu.adapter },
      { context: 'prod-us', readonly: twin !== true, open: async () => us.adapter },
      { context: 'lab', readonly: false, open: async () => lab.adapter },
    ];
    const clock = new ManualClock(NOW);
    view = renderFixedSize(
      <FleetApp
        members={async () => members}
        clock={clock}
        ticks={noTicks}
        pollIntervalMs={5_000}
        onOpen={() => undefined}
        onExit={() => undefined}
        audit={{ append: (record) => void appended.push(record as never), read: () => ({ records: [], problems: [] }) as never }}
        operator={{ user: 'sre', host: 'box' } as never}
      />,
      { columns: 160, rows },
    );
    return { eu, us, lab, appended, clock, view };
  }

  async function findAndSweep(render: FixedSizeRender, ...backends: { readonly watcherCount: number }[]): Promise<void> {
    await watched(...backends);
    render.write('f');
    await render.waitForFrame((text) => text.includes('input hidden'));
    render.write('kkkkkk.0123456789abcdef');
    await render.settle(10);
    render.write('\r');
    await render.waitForFrame((text) => text.includes('find token kkkkkk:'));
    render.write('X');
    await render.waitForFrame((text) => text.includes('Type the token id'));
  }

  it('previews in every context where it was found, revokes nothing before the id is typed and the preview has been up for its dwell, then each context as previewed; read-only skipped', async () => {
    const { eu, us, lab, appended, clock, view } = sweepSetup(24);
    await findAndSweep(view, eu, us, lab);
    expect(view.lastFrame()).toContain('read-only: will be skipped');
    // The combined line revoke --everywhere prints, over both contexts where the token is live.
    expect(view.lastFrame()).toContain('Combined impact over 2 contexts: NONE; 0 machine(s)/node(s) lose access or fail to join.');
    view.write('kkkkk');
    await view.settle(10);
    view.write('\r');
    await view.settle(50);
    expect(eu.revokeCalls).toEqual([]);
    expect(us.revokeCalls).toEqual([]);
    view.write('k');
    await view.settle(10);
    // The right id, but the preview has been on screen for no time at all: confirms nothing.
    view.write('\r');
    await view.waitForFrame((text) => text.includes('Enter ignored: preview shown under 0.6 s ago — nothing was confirmed'));
    expect(eu.revokeCalls).toEqual([]);
    clock.advance(600);
    view.write('\r');
    const done = await view.waitForFrame((text) => text.includes('Done (every attempt'), 5_000);
    expect(done).toMatch(/prod-eu\s+revoked/);
    expect(done).toMatch(/prod-us\s+skipped: read-only/);
    expect(eu.revokeCalls).toHaveLength(1);
    expect(us.revokeCalls).toEqual([]);
    expect(lab.revokeCalls).toEqual([]);
    expect(appended.map((record) => `${record.context}:${record.outcome}`)).toEqual([`${eu.adapter.target.context}:success`]);
  });

  it('r retries only the contexts where it failed, as a new sweep: previewed again, nothing revoked before the id is typed again', async () => {
    const { eu, us, lab, appended, clock, view } = sweepSetup(24);
    eu.setRevokeFailure('etcdserver: request timed out');
    await findAndSweep(view, eu, us, lab);
    view.write('kkkkkk');
    await view.settle(10);
    clock.advance(600);
    view.write('\r');
    const done = await view.waitForFrame((text) => text.includes('Done (every attempt'), 5_000);
    expect(done).toMatch(/prod-eu\s+failed: .*request timed out/);
    expect(done).toContain('r: retry the 1 failed context');
    expect(eu.revokeCalls).toHaveLength(1);
    eu.setRevokeFailure(null);
    const impactsBefore = eu.requests.filter((request) => request.startsWith('impact')).length;
    view.write('r');
    const again = await view.waitForFrame((text) => text.includes('Type the token id to revoke it in 1 context'));
    // Only the failed context, previewed afresh; the read-only one is not in it.
    expect(again).toContain('Revoke token kkkkkk everywhere it is live (1 context):');
    expect(again).toMatch(/^prod-eu {2}impact NONE/m);
    expect(again).not.toMatch(/^prod-us {2}/m);
    expect(eu.requests.filter((request) => request.startsWith('impact')).length).toBe(impactsBefore + 1);
    view.write('\r');
    await view.settle(50);
    expect(eu.revokeCalls).toHaveLength(1);
    view.write('kkkkkk');
    await view.settle(10);
    clock.advance(600);
    view.write('\r');
    const retried = await view.waitForFrame((text) => text.includes('Done (every attempt') && /prod-eu\s+revoked/.test(text), 5_000);
    expect(retried).toContain('Esc closes.');
    expect(retried).not.toContain('r: retry');
    expect(eu.revokeCalls).toHaveLength(2);
    expect(us.revokeCalls).toEqual([]);
    expect(appended.map((record) => record.outcome)).toEqual(['failure', 'success']);
  });

  it('on a terminal too short for every preview, the typed id counts only after the rest was scrolled into view', async () => {
    const { eu, us, lab, clock, view } = sweepSetup(9);
    await findAndSweep(view, eu, us, lab);
    view.write('kkkkkk');
    await view.settle(10);
    clock.advance(5_000);
    view.write('\r');
    await view.waitForFrame((text) => /Enter ignored: \d+ more lines? not yet on screen — nothing was confirmed/.test(text));
    expect(eu.revokeCalls).toEqual([]);
    for (let page = 0; page < 10; page++) view.write('\u001b[6~'); // PgDn to the end
    await view.settle(50);
    view.write('\r');
    await view.waitForFrame((text) => text.includes('Done (every attempt'), 5_000);
    expect(eu.revokeCalls).toHaveLength(1);
  });

  // prod-us on prod-eu's backend (one cluster), writable or a read-only view: one revoke, and
  // prod-us's row says the token is gone there too (a read-only one said "skipped").
  it.each([true, 'read-only'] as const)('two contexts on one backend (prod-us %s): revoked once, both rows gone', async (twin) => {
    const { eu, lab, appended, clock, view } = sweepSetup(30, twin);
    await findAndSweep(view, eu, lab);
    expect(view.lastFrame()).toContain('prod-eu, prod-us see the same token (one cluster or store): it is revoked once, and counted once');
    expect(view.lastFrame()).toContain('prod-us  impact NONE · 0 machine(s)/node(s) lose access or fail to join · the same token as in prod-eu: checked gone after its revoke');
    clock.advance(600);
    view.write('kkkkkk\r');
    const done = await view.waitForFrame((text) => text.includes('Done (every attempt'), 5_000);
    expect(eu.revokeCalls).toHaveLength(1);
    expect(done).toMatch(/prod-eu\s+revoked: verified gone/);
    expect(done).toMatch(/prod-us\s+revoked: verified gone: the same token as in prod-eu, revoked there/);
    expect(appended).toHaveLength(1);
  });
});
