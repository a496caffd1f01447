import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../core/audit.ts';
import { AUDIT_JOURNAL_FILE, openAuditJournal } from './audit-journal.ts';

const record = (tokenId: string, extra: Partial<AuditRecord> = {}): AuditRecord => ({
  time: '2026-05-01T12:00:00.000Z',
  operator: { user: 'sre', host: 'jumpbox' },
  context: 'prod',
  adapter: 'kubeadm',
  action: 'revoke',
  tokenId,
  outcome: 'success',
  ...extra,
});

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tokentui-audit-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('openAuditJournal', () => {
  it('defaults to $XDG_STATE_HOME/tokentui/audit.jsonl, creating the directory 0700 and the file 0600', () => {
    const journal = openAuditJournal({ env: { XDG_STATE_HOME: root }, home: '/nonexistent' });
    expect(journal.path).toBe(join(root, 'tokentui', AUDIT_JOURNAL_FILE));
    journal.append(record('aaaaaa'));
    expect(statSync(join(root, 'tokentui')).mode & 0o777).toBe(0o700);
    expect(statSync(journal.path).mode & 0o777).toBe(0o600);
  });

  it('appends one line per record and reads them back in order', () => {
    const journal = openAuditJournal({ stateDir: root });
    journal.append(record('aaaaaa'));
    journal.append(record('bbbbbb', { outcome: 'refused', confirmation: 'flag' }));
    // A second handle (another process) sees and extends the same file.
    openAuditJournal({ stateDir: root }).append(record('cccccc'));
    expect(readFileSync(journal.path, 'utf8').split('\n')).toHaveLength(4);
    expect(journal.read()).toEqual({ records: [record('aaaaaa'), record('bbbbbb', { outcome: 'refused', confirmation: 'flag' }), record('cccccc')], corrupt: [] });
  });

  it('never writes a secret to the file', () => {
    const journal = openAuditJournal({ stateDir: root });
    journal.append(record('abcdef', { outcome: 'failure', error: 'bad token abcdef.0123456789abcdef' }));
    expect(readFileSync(journal.path, 'utf8')).not.toContain('0123456789abcdef');
  });

  it('reports corrupt lines with their number and keeps the good ones; a torn last line costs one record', () => {
    const journal = openAuditJournal({ stateDir: root });
    journal.append(record('aaaaaa'));
    appendFileSync(journal.path, 'garbage\n{"time":"2026-05-01T12:00:01.000Z","operator":{"us');
    journal.append(record('bbbbbb'));
    const { records, corrupt } = journal.read();
    expect(records.map((entry) => entry.tokenId)).toEqual(['aaaaaa', 'bbbbbb']);
    expect(corrupt).toEqual([
      { line: 2, error: expect.stringMatching(/not JSON/) },
      { line: 3, error: expect.stringMatching(/not JSON/) },
    ]);
  });

  it('tightens a pre-existing world-readable journal to 0600', () => {
    writeFileSync(join(root, AUDIT_JOURNAL_FILE), '', { mode: 0o644 });
    openAuditJournal({ stateDir: root }).append(record('aaaaaa'));
    expect(statSync(join(root, AUDIT_JOURNAL_FILE)).mode & 0o777).toBe(0o600);
  });

  it('reads an absent journal as empty', () => {
    expect(openAuditJournal({ stateDir: join(root, 'missing') }).read()).toEqual({ records: [], corrupt: [] });
  });

  it('throws a TokenTuiError naming the path when the journal cannot be written', () => {
    // A regular file where the directory should be: fails for root too (unlike chmod).
    writeFileSync(join(root, 'not-a-dir'), '');
    const journal = openAuditJournal({ stateDir: join(root, 'not-a-dir', 'sub') });
    expect(() => journal.append(record('aaaaaa'))).toThrow(
      expect.objectContaining({
        name: 'TokenTuiError',
        kind: 'server',
        message: expect.stringContaining(`cannot write the audit journal ${journal.path}: ENOTDIR`),
      }),
    );
  });
});
