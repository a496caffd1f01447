import { describe, expect, it } from 'vitest';
import type { ImpactPreview } from './impact.ts';
import { sweepHeadline, sweepImpact, sweepWarnings } from './sweep-impact.ts';

const known = (items: { kind: string; subject: string }[]): ImpactPreview =>
  ({ state: 'known', tokenId: 'abcdef', items: items.map((item) => ({ ...item, detail: '' })), unknowns: [], fingerprint: 'f', computedAt: 0 }) as unknown as ImpactPreview;
const unknown: ImpactPreview = { state: 'unknown', tokenId: 'abcdef', reason: 'forbidden', computedAt: 0 } as unknown as ImpactPreview;

describe('sweepImpact', () => {
  it('the worst severity, machines summed, every cluster-wide warning and unknown context named with its context', () => {
    const impact = sweepImpact([
      { context: 'prod-eu', preview: known([{ kind: 'machine-loses-access', subject: 'node-a' }, { kind: 'join-in-progress', subject: 'node-b' }]) },
      { context: 'prod-us', preview: known([{ kind: 'cluster-wide', subject: 'the last token that can join' }]) },
      { context: 'lab', preview: unknown },
    ]);
    expect(impact).toEqual({ contexts: 3, worst: 'high', machines: 2, clusterWide: ['prod-us: the last token that can join'], unknownIn: ['lab'] });
    expect(sweepHeadline(impact)).toBe('Combined impact over 3 contexts: HIGH; 2 machine(s)/node(s) lose access or fail to join.');
    expect(sweepWarnings(impact)).toEqual(['WARNING prod-us: the last token that can join', 'Impact unknown in: lab (counts as HIGH)']);
  });

  it('nothing affected anywhere is NONE, with no warnings', () => {
    const impact = sweepImpact([{ context: 'lab', preview: known([]) }]);
    expect(sweepHeadline(impact)).toBe('Combined impact over 1 context: NONE; 0 machine(s)/node(s) lose access or fail to join.');
    expect(sweepWarnings(impact)).toEqual([]);
  });
});
