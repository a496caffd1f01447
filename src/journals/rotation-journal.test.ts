import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextStep, startRotation, type RotationState } from '../core/rotation-plan.ts';
import { openRotationJournal, ROTATIONS_DIR } from './rotation-journal.ts';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const target = { adapter: 'kubeadm', context: 'prod', server: 'https://10.0.0.1:6443' };

function rotation(rotationId: string, oldTokenId = 'abcdef', server = target.server, startedAt = T0): RotationState {
  return startRotation({
    rotationId,
    old: { id: oldTokenId, description: 'rack 7', expiresAt: null, usages: [], groups: [], invalidReason: null },
    ...target,
    server,
    capabilities: { makeDefault: false, usages: [], groups: false, createFields: [], ttl: { defaultSeconds: 60, minSeconds: 1, maxSeconds: null, allowNever: true } },
    replacement: { description: 'rack 7', ttlSeconds: 3600 },
    now: startedAt,
  });
}

const created = (state: RotationState) => nextStep(state, { type: 'replacement-created', newTokenId: 'ghijkl', at: state.updatedAt + 1 });

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tokentui-rotations-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('openRotationJournal', () => {
  it('writes one 0600 file per rotation under $XDG_STATE_HOME/tokentui/rotations (0700), leaving no temp file', () => {
    const journal = openRotationJournal({ env: { XDG_STATE_HOME: root }, home: '/nonexistent' });
    expect(journal.directory).toBe(join(root, 'tokentui', ROTATIONS_DIR));
    const state = created(rotation('r-1'));
    journal.save(state);
    journal.save(nextStep(state, { type: 'replacement-shown', at: T0 + 5 }));
    expect(readdirSync(journal.directory)).toEqual(['r-1.json']);
    expect(statSync(journal.directory).mode & 0o777).toBe(0o700);
    expect(statSync(journal.pathOf('r-1')).mode & 0o777).toBe(0o600);
    expect(journal.load('r-1')).toMatchObject({ step: 'preview-old-impact', newTokenId: 'ghijkl', completedSteps: ['create-replacement', 'show-replacement'] });
    expect(journal.load('r-2')).toBeNull();
  });

  it('listUnfinished: only unfinished rotations, only of the given target, oldest first', () => {
    const journal = openRotationJournal({ stateDir: root });
    journal.save(created(rotation('r-late', 'abcdef', target.server, T0 + 60_000)));
    journal.save(rotation('r-early', 'bbbbbb'));
    journal.save(rotation('r-other-cluster', 'abcdef', 'https://10.9.9.9:6443'));
    journal.save(nextStep(created(rotation('r-abandoned')), { type: 'abandoned', at: T0 + 9 }));
    expect(journal.listUnfinished(target).map((state) => state.rotationId)).toEqual(['r-early', 'r-late']);
    expect(journal.listUnfinished().map((state) => state.rotationId)).toHaveLength(3);
  });

  it('complete removes the file; abandon keeps it, marked abandoned, and it is no longer interrupted', () => {
    const journal = openRotationJournal({ stateDir: root });
    journal.save(created(rotation('r-1')));
    journal.save(created(rotation('r-2')));
    journal.complete('r-1');
    journal.complete('r-1');
    expect(journal.load('r-1')).toBeNull();
    expect(journal.abandon('r-2', T0 + 99)).toMatchObject({ status: 'abandoned', newTokenId: 'ghijkl', updatedAt: T0 + 99 });
    expect(journal.load('r-2')).toMatchObject({ status: 'abandoned' });
    expect(journal.listUnfinished()).toEqual([]);
    expect(() => journal.abandon('r-1', T0)).toThrow(/no rotation r-1/);
  });

  it('reports damaged files instead of throwing, and ignores leftover temp files of a crashed write', () => {
    const journal = openRotationJournal({ stateDir: root });
    journal.save(rotation('r-good'));
    writeFileSync(join(journal.directory, 'r-bad.json'), '{"version":1,');
    writeFileSync(join(journal.directory, '.0a1b2c.tmp'), '{');
    const listed = journal.list();
    expect(listed.rotations.map((state) => state.rotationId)).toEqual(['r-good']);
    expect(listed.corrupt).toEqual([{ file: join(journal.directory, 'r-bad.json'), error: expect.stringMatching(/^not JSON/) }]);
    expect(() => journal.load('r-bad')).toThrow(/is damaged/);
  });

  it('refuses rotation ids that are not plain file names', () => {
    const journal = openRotationJournal({ stateDir: root });
    expect(() => journal.save(rotation('../escape'))).toThrow(/not a rotation id/);
    expect(() => journal.pathOf('a/b')).toThrow(/not a rotation id/);
  });

  it('a write that cannot happen throws a TokenTuiError naming the path, and leaves no file', () => {
    const blocker = join(root, 'not-a-dir');
    writeFileSync(blocker, '');
    const journal = openRotationJournal({ stateDir: blocker });
    expect(() => journal.save(rotation('r-1'))).toThrow(/cannot write the rotation journal .*not-a-dir\/rotations\/r-1\.json/);
    expect(readFileSync(blocker, 'utf8')).toBe('');
  });
});
