import { describe, expect, it } from 'vitest';
import type { ImpactPreview } from './impact.ts';
import { confirmationSatisfied, type ConfirmationInput } from './revoke-policy.ts';

const base = { tokenId: 'abcdef', fingerprint: 'u:1', computedAt: 0 } as const;
const none: ImpactPreview = { ...base, state: 'known', items: [], unknowns: [] };
const lowOnlyUnknowns: ImpactPreview = { ...base, state: 'known', items: [], unknowns: ['cannot list CSRs'] };
const high: ImpactPreview = { ...base, state: 'known', items: [{ kind: 'join-in-progress', subject: 'n1', detail: 'd' }], unknowns: [] };
const unknown: ImpactPreview = { ...base, state: 'unknown', reason: 'backend down' };

const y: ConfirmationInput = { kind: 'key', key: 'y' };
const enter: ConfirmationInput = { kind: 'key', key: 'enter' };
const typed = (text: string): ConfirmationInput => ({ kind: 'typed', text });
const flag = (confirm?: string): ConfirmationInput => ({ kind: 'flag', confirm });

describe('confirmationSatisfied', () => {
  it('accepts y, Enter or the typed id when nothing is affected or unknown', () => {
    expect(confirmationSatisfied(none, y, 'abcdef')).toBe(true);
    expect(confirmationSatisfied(none, enter, 'abcdef')).toBe(true);
    expect(confirmationSatisfied(none, typed('abcdef'), 'abcdef')).toBe(true);
  });

  it.each([
    ['unknowns only', lowOnlyUnknowns],
    ['affected items', high],
    ['an unknown preview', unknown],
  ])('with %s, accepts only the exact typed id', (_label, preview) => {
    expect(confirmationSatisfied(preview, y, 'abcdef')).toBe(false);
    expect(confirmationSatisfied(preview, enter, 'abcdef')).toBe(false);
    for (const nearMiss of ['', 'abcde', 'ABCDEF', ' abcdef', 'abcdef ', 'abcdefg', 'abcdef.0123456789abcdef']) {
      expect(confirmationSatisfied(preview, typed(nearMiss), 'abcdef')).toBe(false);
    }
    expect(confirmationSatisfied(preview, typed('abcdef'), 'abcdef')).toBe(true);
  });

  it('requires --confirm to equal the id whatever the severity', () => {
    for (const preview of [none, high, unknown]) {
      expect(confirmationSatisfied(preview, flag(), 'abcdef')).toBe(false);
      expect(confirmationSatisfied(preview, flag('yes'), 'abcdef')).toBe(false);
      expect(confirmationSatisfied(preview, flag('abcdef'), 'abcdef')).toBe(true);
    }
  });

  it('never accepts a preview computed for another token', () => {
    expect(confirmationSatisfied(none, y, 'zzzzzz')).toBe(false);
    expect(confirmationSatisfied(high, typed('zzzzzz'), 'zzzzzz')).toBe(false);
    expect(confirmationSatisfied(high, flag('zzzzzz'), 'zzzzzz')).toBe(false);
  });
});
