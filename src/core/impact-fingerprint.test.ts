import { describe, expect, it } from 'vitest';
import type { ImpactItem, KnownImpact } from './impact.ts';
import { exceedsSeverity, impactFingerprint } from './impact-fingerprint.ts';

const item = (subject: string, kind: ImpactItem['kind'] = 'join-in-progress'): ImpactItem => ({ kind, subject, detail: `${subject} detail` });
const preview = (items: readonly ImpactItem[], extra: Partial<KnownImpact> = {}): KnownImpact => ({ state: 'known', tokenId: 'abcdef', items, unknowns: [], fingerprint: 'uid:1', computedAt: 0, ...extra });

describe('impactFingerprint', () => {
  it('is the same for the same preview computed later or listed in another order', () => {
    const first = impactFingerprint(preview([item('a'), item('b')], { computedAt: 1 }));
    expect(impactFingerprint(preview([item('b'), item('a')], { computedAt: 99 }))).toBe(first);
    expect(first).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('changes with an item, a detail, an unknown, the token revision or the state', () => {
    const base = impactFingerprint(preview([item('a')]));
    const changed = [
      preview([item('a'), item('node-2')]),
      preview([{ ...item('a'), detail: 'other' }]),
      preview([item('a')], { unknowns: ['cannot list CSRs'] }),
      preview([item('a')], { fingerprint: 'uid:2' }),
      preview([item('a', 'joined-keeps-working')]),
    ].map(impactFingerprint);
    for (const fingerprint of changed) expect(fingerprint).not.toBe(base);
    expect(new Set(changed).size).toBe(changed.length);
    expect(impactFingerprint({ state: 'unknown', tokenId: 'abcdef', reason: 'down', fingerprint: 'uid:1', computedAt: 0 })).not.toBe(base);
  });
});

describe('exceedsSeverity', () => {
  it('orders none < low < high, an unknown preview counting as high', () => {
    const none = preview([]);
    const low = preview([item('n', 'joined-keeps-working')]);
    const high = preview([item('n', 'join-in-progress')]);
    expect([none, low, high].map((value) => exceedsSeverity(value, 'none'))).toEqual([false, true, true]);
    expect([none, low, high].map((value) => exceedsSeverity(value, 'low'))).toEqual([false, false, true]);
    expect([none, low, high].map((value) => exceedsSeverity(value, 'high'))).toEqual([false, false, false]);
    expect(exceedsSeverity({ state: 'unknown', tokenId: 'a', reason: 'r', fingerprint: '', computedAt: 0 }, 'low')).toBe(true);
  });
});
