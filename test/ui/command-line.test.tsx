import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/core/audit.ts';
import { appReducer } from '../../src/ui/view-model/app-reducer.ts';
import { initialAppState } from '../../src/ui/view-model/app-state.ts';
import { HOUR, T0, token } from './fixtures.ts';
import { keysFor } from './keys.ts';
import { createMemoryJournal } from './memory-journal.ts';
import { useAppHarness } from './render-app.tsx';

const open = useAppHarness();

function record(index: number): AuditRecord {
  return {
    time: new Date(T0 + index * 60_000).toISOString(),
    operator: { user: 'alice', host: 'workstation' },
    context: 'prod',
    adapter: 'kubeadm',
    action: 'revoke',
    tokenId: `tok${String(index).padStart(3, '0')}`,
    impact: { severity: 'none', items: 0, summary: 'no impact' },
    confirmation: 'yes',
    outcome: index % 5 === 0 ? 'failure' : 'success',
    ...(index % 5 === 0 ? { error: 'kubeadm: etcdserver: request timed out' } : {}),
  };
}

const tokens = [token('abcdef', { expiresAt: T0 + HOUR })];

describe(':audit', () => {
  it('lists the journal newest first and scrolls it', async () => {
    const journal = createMemoryJournal(Array.from({ length: 30 }, (_, index) => record(index + 1)));
    const app = open({ tokens, journal, rows: 20 });
    await app.waitForText('abcdef');
    app.ui.write(keysFor('command.line') + 'audit');
    await app.waitForText(':audit▏');
    app.ui.write(keysFor('command.run'));
    await app.waitForText('audit journal · 30 records, newest first');
    expect(app.lines()[2]).toMatch(/^2026-11-20 12:30:00Z {2}revoke {2}tok030 {2}failure {2}yes/);
    expect(app.lines()[3]).toContain('etcdserver: request timed out'); // the error under its record
    expect(app.lines()[4]).toContain('tok029');
    app.ui.write(keysFor('audit.pageDown'));
    await app.waitForText('lines 18-34 of 36');
    app.ui.write(keysFor('audit.back'));
    await app.waitForText('1 token · sort');
  });

  it('shows a journal that cannot be read instead of an empty one', async () => {
    const journal = createMemoryJournal();
    const app = open({ tokens, journal: { ...journal, read: () => { throw new Error('EACCES: permission denied'); } } });
    await app.waitForText('abcdef');
    app.ui.write(keysFor('command.line') + 'audit' + keysFor('command.run'));
    await app.waitForText('audit: EACCES: permission denied');
  });
});

describe('the : command line', () => {
  it('refuses :ctx without a switch port with its reason, names an unknown command, and opens :help', async () => {
    const app = open({ tokens });
    await app.waitForText('abcdef');
    app.ui.write(keysFor('command.line') + 'ctx prod' + keysFor('command.run'));
    await app.waitForText(':ctx: context switching is not available here');
    app.ui.write(keysFor('command.line') + 'frobnicate' + keysFor('command.run'));
    await app.waitForText('unknown command ":frobnicate" (try :ctx, :audit, :checklist, :help, :q; Tab completes)');
    app.ui.write(keysFor('command.line') + 'help' + keysFor('command.run'));
    await app.ui.waitForFrame(() => app.lines()[1]?.endsWith('· help') === true);
    expect(app.lines()[2]).toBe('Token list');
  });

  it('quits on :q and is closed by Esc without running anything', () => {
    const target = { adapterId: 'kubeadm', context: 'ctx', server: 's', joinCommand: false } as const;
    const state = initialAppState({ readonly: false, viewport: { columns: 100, rows: 20 }, target });
    const typed = [...':q'].reduce((current, key) => appReducer(current, { type: 'key', key: { name: key, text: key } }), state);
    expect(typed.screen).toEqual({ kind: 'command', text: 'q', back: { kind: 'list' } });
    expect(appReducer(typed, { type: 'key', key: { name: 'escape', text: '' } })).toMatchObject({ screen: { kind: 'list' }, exitRequested: false });
    expect(appReducer(typed, { type: 'key', key: { name: 'enter', text: '' } }).exitRequested).toBe(true);
  });
});
