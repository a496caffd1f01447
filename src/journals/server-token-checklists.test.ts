import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newServerTokenChecklist, toggleChecklistItem } from '../core/server-token-checklist.ts';
import { startRotation } from '../core/rotation-plan.ts';
import { openRotationJournal } from './rotation-journal.ts';
import { openServerTokenChecklists } from './server-token-checklists.ts';

const T0 = Date.parse('2026-11-23T12:00:00Z');
const target = { adapter: 'k3s', context: 'prod', server: 'https://10.0.0.1:6443' };
const make = (rotatedAt: number, context = 'prod') =>
  newServerTokenChecklist({
    target: { ...target, context },
    supervisor: target.server,
    oldTokenHash: 'a1b2c3d4e5f6',
    newTokenHash: `${rotatedAt}`.slice(-12),
    rotatedAt,
    items: [
      { id: 'server-config:k3s-1', subject: 'k3s-1', text: 'restart' },
      { id: 'store-old-token', subject: 'snapshots', text: 'store the old token' },
    ],
  });

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tokentui-checklists-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('openServerTokenChecklists', () => {
  it('keeps checklists 0600 in the rotation journal directory; a tick persists across a reopen', () => {
    const store = openServerTokenChecklists({ env: { XDG_STATE_HOME: root }, home: '/nonexistent' });
    const checklist = make(T0);
    store.save(checklist);
    const path = store.pathOf(checklist.checklistId);
    expect(path).toBe(join(root, 'tokentui', 'rotations', `${checklist.checklistId}.checklist.json`));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    store.save(toggleChecklistItem(checklist, 0, T0 + 1000));
    const reopened = openServerTokenChecklists({ env: { XDG_STATE_HOME: root }, home: '/nonexistent' });
    expect(reopened.listOpen(target).map((open) => open.items.map((item) => item.doneAt))).toEqual([[T0 + 1000, null]]);
    expect(readdirSync(join(root, 'tokentui', 'rotations')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('lists only open checklists of the target, oldest first; a fully ticked one stays on disk, unlisted', () => {
    const store = openServerTokenChecklists({ stateDir: root });
    const late = make(T0 + 2000);
    store.save(late);
    store.save(make(T0 + 1000));
    store.save(make(T0, 'staging'));
    expect(store.listOpen(target).map((open) => open.rotatedAt)).toEqual([T0 + 1000, T0 + 2000]);
    store.save(toggleChecklistItem(toggleChecklistItem(late, 0, T0 + 3000), 1, T0 + 3000));
    expect(store.listOpen(target).map((open) => open.rotatedAt)).toEqual([T0 + 1000]);
    expect(store.list().checklists).toHaveLength(3);
  });

  it('shares the directory with rotation records without either reading the other as damaged', () => {
    const journal = openRotationJournal({ stateDir: root });
    const store = openServerTokenChecklists({ stateDir: root });
    const rotation = startRotation({
      rotationId: 'r-1',
      old: { id: 'abcdef', description: '', expiresAt: null, usages: [], groups: [], invalidReason: null },
      ...target,
      capabilities: { makeDefault: false, usages: [], groups: false, createFields: [], ttl: { defaultSeconds: 60, minSeconds: 1, maxSeconds: null, allowNever: true } },
      replacement: { description: '', ttlSeconds: 3600 },
      now: T0,
    });
    journal.save(rotation);
    store.save(make(T0));
    writeFileSync(join(root, 'rotations', 'broken.checklist.json'), '{');
    expect(journal.list()).toEqual({ rotations: [rotation], corrupt: [] });
    expect(store.list().checklists).toHaveLength(1);
    expect(store.list().corrupt).toEqual([{ file: join(root, 'rotations', 'broken.checklist.json'), error: expect.stringContaining('not JSON') }]);
    expect(readFileSync(store.pathOf(make(T0).checklistId), 'utf8')).toContain('"kind": "k3s-server-token-checklist"');
  });
});
