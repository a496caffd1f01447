import { describe, expect, it } from 'vitest';
import {
  checklistIdFor,
  formatChecklistRecord,
  isChecklistOpen,
  newServerTokenChecklist,
  openItemCount,
  parseChecklistRecord,
  toggleChecklistItem,
} from './server-token-checklist.ts';

const T0 = Date.parse('2026-11-23T12:00:00Z');
const checklist = newServerTokenChecklist({
  target: { adapter: 'k3s', context: 'prod', server: 'https://10.0.0.1:6443' },
  supervisor: 'https://10.0.0.1:6443',
  oldTokenHash: 'a1b2c3d4e5f6',
  newTokenHash: '0f1e2d3c4b5a',
  rotatedAt: T0,
  items: [
    { id: 'server-config:k3s-1', subject: 'k3s-1', text: 'set the new token and restart k3s' },
    { id: 'store-old-token', subject: '2 snapshots', text: 'store the OLD token (snapshot token hash a1b2c3d4e5f6) with the snapshots' },
  ],
});

describe('server-token checklist records', () => {
  it('round-trips through its file text, ticks included', () => {
    const ticked = toggleChecklistItem(checklist, 1, T0 + 60_000);
    const parsed = parseChecklistRecord(formatChecklistRecord(ticked));
    expect(parsed).toEqual({ ok: true, checklist: ticked });
    expect(ticked.items.map((item) => item.doneAt)).toEqual([null, T0 + 60_000]);
    expect(ticked.updatedAt).toBe(T0 + 60_000);
  });

  it('counts open items; a second toggle opens the item again; all ticked = no longer open', () => {
    expect(openItemCount(checklist)).toBe(2);
    const once = toggleChecklistItem(checklist, 0, T0 + 1);
    expect(openItemCount(once)).toBe(1);
    expect(openItemCount(toggleChecklistItem(once, 0, T0 + 2))).toBe(2);
    expect(isChecklistOpen(toggleChecklistItem(once, 1, T0 + 3))).toBe(false);
    expect(toggleChecklistItem(checklist, 7, T0)).toBe(checklist);
  });

  it('names the file by time and the new token hash', () => {
    expect(checklist.checklistId).toBe('server-token-20261123t120000z-0f1e2d3c4b5a');
    expect(checklistIdFor(T0, 'ABC')).toBe('server-token-20261123t120000z-abc');
  });

  it('redacts anything token-shaped that reached a string', () => {
    const leaky = { ...checklist, items: [{ id: 'x', subject: `K10${'ab'.repeat(32)}::server:hunter2-password`, text: 'abcdef.0123456789abcdef', doneAt: null }] };
    const text = formatChecklistRecord(leaky);
    expect(text).not.toContain('hunter2-password');
    expect(text).not.toContain('0123456789abcdef');
  });

  it('names the first bad field of a damaged record', () => {
    const record = JSON.parse(formatChecklistRecord(checklist)) as Record<string, unknown>;
    expect(parseChecklistRecord('{')).toMatchObject({ ok: false });
    expect(parseChecklistRecord(JSON.stringify({ ...record, kind: 'rotation' }))).toEqual({ ok: false, error: 'missing or invalid "kind"' });
    expect(parseChecklistRecord(JSON.stringify({ ...record, items: [] }))).toEqual({ ok: false, error: 'missing or invalid "items"' });
    expect(parseChecklistRecord(JSON.stringify({ ...record, checklistId: '../x' }))).toEqual({ ok: false, error: 'missing or invalid "checklistId"' });
  });
});
