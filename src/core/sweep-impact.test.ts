import { describe, expect, it } from 'vitest';
import type { ImpactPreview } from './impact.ts';
import { sweepHeadline, sweepImpact, sweepWarnings } from './sweep-impact.ts';

let uids = 0;
/** Each preview its own token object, unless a fingerprint says two contexts see one. */
const known = (items: { kind: string; subject: string }[], fingerprint = `uid-${(uids += 1)}:1`): ImpactPreview =>
  ({ state: 'known', tokenId: 'abcdef', items: items.map((item) => ({ ...item, detail: '' })), unknowns: [], fingerprint, computedAt: 0 }) as unknown as ImpactPreview;
const unknown: ImpactPreview = { state: 'unknown', tokenId: 'abcdef', reason: 'forbidden', fingerprint: '', computedAt: 0 } as unknown as ImpactPreview;

describe('sweepImpact', () => {
  it('the worst severity, machines summed, every cluster-wide warning and unknown context named with its context', () => {
    const impact = sweepImpact([
      { context: 'prod-eu', preview: known([{ kind: 'machine-loses-access', subject: 'node-a' }, { kind: 'join-in-progress', subject: 'node-b' }]) },
      { context: 'prod-us', preview: known([{ kind: 'cluster-wide', subject: 'the last token that can join' }]) },
      { context: 'lab', preview: unknown },
    ]);
    expect(impact).toEqual({ contexts: 3, worst: 'high', machines: 2, clusterWide: ['prod-us: the last token that can join'], unknownIn: ['lab'], sameToken: [] });
    expect(sweepHeadline(impact)).toBe('Combined impact over 3 contexts: HIGH; 2 machine(s)/node(s) lose access or fail to join.');
    expect(sweepWarnings(impact)).toEqual(['WARNING prod-us: the last token that can join', 'Impact unknown in: lab (counts as HIGH)']);
  });

  it('nothing affected anywhere is NONE, with no warnings', () => {
    const impact = sweepImpact([{ context: 'lab', preview: known([]) }]);
    expect(sweepHeadline(impact)).toBe('Combined impact over 1 context: NONE; 0 machine(s)/node(s) lose access or fail to join.');
    expect(sweepWarnings(impact)).toEqual([]);
  });

  it('contexts that see one token (the same fingerprint: one cluster) count its machines once and are named together', () => {
    const losing = [{ kind: 'machine-loses-access', subject: 'node-a' }];
    const impact = sweepImpact([
      { context: 'prod', preview: known(losing, 'uid-a:7') },
      { context: 'prod-admin', preview: known(losing, 'uid-a:7') },
      { context: 'lab', preview: known(losing) },
      { context: 'dr', preview: unknown },
      { context: 'dr-admin', preview: unknown },
    ]);
    expect(impact.machines).toBe(2);
    expect(impact.sameToken).toEqual([['prod', 'prod-admin']]);
    expect(sweepWarnings(impact)).toContain('prod, prod-admin see the same token (one cluster or store): it is revoked once, and counted once');
  });
});
