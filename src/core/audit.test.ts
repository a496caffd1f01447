import { describe, expect, it } from 'vitest';
import { formatAuditRecord, parseAuditLine, summarizeImpact, type AuditRecord } from './audit.ts';
import type { ImpactItemKind, ImpactPreview } from './impact.ts';

const SECRET_TOKEN = 'abcdef.0123456789abcdef';
const K3S_TOKEN = 'K10::server:5f2a6c0b1e9d4a7c';

const record: AuditRecord = {
  time: '2026-05-01T12:00:00.000Z',
  operator: { user: 'sre', host: 'jumpbox' },
  context: 'prod',
  adapter: 'kubeadm',
  action: 'revoke',
  tokenId: 'abcdef',
  impact: { severity: 'high', items: 2, summary: '1 join in progress, 1 signature removed' },
  confirmation: 'typed-id',
  outcome: 'success',
};

const known = (kinds: ImpactItemKind[], unknowns: string[] = []): ImpactPreview => ({
  state: 'known',
  tokenId: 'abcdef',
  items: kinds.map((kind) => ({ kind, subject: 's', detail: 'd' })),
  unknowns,
  fingerprint: 'u:1',
  computedAt: 0,
});

describe('formatAuditRecord', () => {
  it('writes one JSON line with a fixed key order that parses back to the record', () => {
    const line = formatAuditRecord(record);
    expect(line).not.toContain('\n');
    expect(Object.keys(JSON.parse(line))).toEqual(['time', 'operator', 'context', 'adapter', 'action', 'tokenId', 'impact', 'confirmation', 'outcome']);
    expect(parseAuditLine(line)).toEqual({ ok: true, record });
  });

  it('never writes a bootstrap or k3s secret, wherever it hides, and stays valid JSON', () => {
    const leaky: AuditRecord = {
      ...record,
      context: `ctx ${SECRET_TOKEN}`,
      outcome: 'failure',
      error: `server said "${K3S_TOKEN}" and\n${SECRET_TOKEN}`,
      impact: { severity: 'low', items: 0, summary: `token ${SECRET_TOKEN}` },
    };
    const line = formatAuditRecord(leaky);
    expect(line).not.toContain('0123456789abcdef');
    expect(line).not.toContain('5f2a6c0b1e9d4a7c');
    const parsed = parseAuditLine(line);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.record.error).toBe('server said "K10::****" and\nabcdef.****************');
  });

  it('also redacts secret-like runs that only JSON escaping makes visible', () => {
    // "\n" escapes to a backslash and an "n", which completes a 6-character id.
    const line = formatAuditRecord({ ...record, error: '\nbcdef.0123456789abcdef' });
    expect(line).not.toContain('0123456789abcdef');
    expect(parseAuditLine(line).ok).toBe(true);
  });
});

describe('summarizeImpact', () => {
  it('counts items by kind and unknowns', () => {
    const preview = known(['join-in-progress', 'join-in-progress', 'signature-removed'], ['x']);
    expect(summarizeImpact(preview)).toEqual({ severity: 'high', items: 3, summary: '2 joins in progress, 1 signature removed, 1 unknown' });
  });

  it('says "no impact" for an empty preview and carries the reason of an unknown one, redacted', () => {
    expect(summarizeImpact(known([]))).toEqual({ severity: 'none', items: 0, summary: 'no impact' });
    const unknown: ImpactPreview = { state: 'unknown', tokenId: 'abcdef', reason: `backend down (${SECRET_TOKEN})`, fingerprint: '', computedAt: 0 };
    expect(summarizeImpact(unknown)).toEqual({ severity: 'high', items: 0, summary: 'impact unknown: backend down (abcdef.****************)' });
  });
});

describe('parseAuditLine', () => {
  it.each([
    ['{not json', /not JSON/],
    ['[1,2]', /not a JSON object/],
    [JSON.stringify({ ...record, action: 'explode' }), /"action"/],
    [JSON.stringify({ ...record, operator: { user: 'x' } }), /"operator"/],
    [JSON.stringify({ ...record, impact: { severity: 'huge', items: 1, summary: '' } }), /"impact"/],
    [JSON.stringify({ ...record, confirmation: 'maybe' }), /"confirmation"/],
  ])('reports %s as corrupt', (line, error) => {
    const parsed = parseAuditLine(line);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(error);
  });
});
