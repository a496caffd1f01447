import { describe, expect, it } from 'vitest';
import { combineImpact, describeCombinedSubject, describeCombinedNote, describeSeverityCounts } from './batch-impact.ts';
import type { ImpactItemKind, ImpactPreview } from './impact.ts';

const known = (tokenId: string, items: [kind: ImpactItemKind, subject: string][], unknowns: string[] = []): ImpactPreview => ({
  state: 'known',
  tokenId,
  items: items.map(([kind, subject]) => ({ kind, subject, detail: `${subject} detail` })),
  unknowns,
  fingerprint: `${tokenId}:1`,
  computedAt: 0,
});

describe('combineImpact', () => {
  it('lists every machine once with the tokens that touch it, breaking ones first; counts severities; names the typed-id tokens', () => {
    const combined = combineImpact([
      { preview: known('aaaaaa', [['joined-keeps-working', 'node-1'], ['join-in-progress', 'node-2']]) },
      { preview: known('bbbbbb', [['machine-loses-access', 'node-2'], ['joined-keeps-working', 'node-3'], ['signature-removed', 'cluster-info jws-b']]) },
      { preview: known('cccccc', []) },
      { preview: { state: 'unknown', tokenId: 'dddddd', reason: 'no impact API', fingerprint: 'd:1', computedAt: 0 } },
      { preview: known('eeeeee', [['cluster-wide', 'cluster']], ['old joins cannot be attributed']) },
    ]);
    expect(combined.tokenIds).toEqual(['aaaaaa', 'bbbbbb', 'cccccc', 'dddddd', 'eeeeee']);
    expect(combined.bySeverity).toEqual({ high: ['aaaaaa', 'bbbbbb', 'dddddd', 'eeeeee'], low: [], none: ['cccccc'] });
    expect(combined.machines.map(describeCombinedSubject)).toEqual([
      'node-2: join fails, loses access (aaaaaa, bbbbbb)',
      'node-1: joined, keeps working (aaaaaa)',
      'node-3: joined, keeps working (bbbbbb)',
    ]);
    expect(combined.consequences.map(describeCombinedSubject)).toEqual(['cluster: cluster-wide (eeeeee)', 'cluster-info jws-b: signature removed (bbbbbb)']);
    expect(combined.unknowns.map(describeCombinedNote)).toEqual(['no impact API (dddddd)', 'old joins cannot be attributed (eeeeee)']);
    expect(combined.typedIdNeeded).toEqual(['aaaaaa', 'bbbbbb', 'dddddd', 'eeeeee']);
    expect(describeSeverityCounts(combined)).toBe('5 tokens: 4 HIGH, 1 none');
  });

  it('says a reason that holds for several tokens once, naming them', () => {
    const combined = combineImpact([
      { preview: known('aaaaaa', [], ['CSRs are garbage-collected']) },
      { preview: known('bbbbbb', [], ['CSRs are garbage-collected']) },
    ]);
    expect(combined.unknowns.map(describeCombinedNote)).toEqual(['CSRs are garbage-collected (aaaaaa, bbbbbb)']);
  });

  it('lists facts given for context (informational items) once each, apart from the consequences, and they raise no severity', () => {
    const census = { kind: 'informational' as const, subject: 'cluster', detail: '3 members, 3 voters' };
    const withCensus = (preview: ImpactPreview): ImpactPreview => (preview.state === 'known' ? { ...preview, items: [census, ...preview.items] } : preview);
    const combined = combineImpact([{ preview: withCensus(known('aaaaaa', [])) }, { preview: withCensus(known('bbbbbb', [['machine-loses-access', 'node-1']])) }]);
    expect(combined.facts.map(describeCombinedNote)).toEqual(['cluster: 3 members, 3 voters (aaaaaa, bbbbbb)']);
    expect(combined.consequences).toEqual([]);
    expect(combined.machines.map(describeCombinedSubject)).toEqual(['node-1: loses access (bbbbbb)']);
    expect(combined.bySeverity).toEqual({ high: ['bbbbbb'], low: [], none: ['aaaaaa'] });
  });

  it('keeps the same name in two places apart (a sweep across contexts)', () => {
    const combined = combineImpact([
      { preview: known('aaaaaa', [['machine-loses-access', 'node-1']]), where: 'prod' },
      { preview: known('aaaaaa', [['machine-loses-access', 'node-1']]), where: 'staging' },
    ]);
    expect(combined.machines.map(describeCombinedSubject)).toEqual(['prod: node-1: loses access (aaaaaa)', 'staging: node-1: loses access (aaaaaa)']);
  });
});
