import { describe, expect, it } from 'vitest';
import { planMakeDefault } from './make-default-plan.ts';
import type { Token } from './token.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const token = (id: string, patch: Partial<Token> = {}): Token => ({ id, description: '', expiresAt: null, usages: [], groups: [], invalidReason: null, ...patch });

describe('planMakeDefault', () => {
  it('with no default yet: says so, and what the new default lets in and for how long', () => {
    const target = token('new001', { description: 'wave 3', usesRemaining: 1, expiresAt: NOW + 30 * 60_000 });
    const plan = planMakeDefault(target, [target, token('other1')], NOW);
    expect(plan).toMatchObject({ previous: null, alreadyDefault: false, blocked: null });
    expect(plan.changes).toEqual([
      'there is no default token now; new machines that use the default join with new001 ("wave 3") from now on',
      'the default lets 1 more machine join, then it is used up and new machines that use the default cannot join until another token is made default',
      'the default expires in 30m (2026-03-01T12:30:00Z); after that new machines that use the default cannot join until another token is made default',
    ]);
    expect(plan.warnings).toEqual(['new001 expires in under an hour', 'new001 can let only one more machine join']);
  });

  it('an expired, used-up or invalid token is blocked with the reason; the current default needs nothing', () => {
    expect(planMakeDefault(token('old001', { expiresAt: NOW - 1 }), [], NOW).blocked).toMatch(/is expired: only an active token/);
    expect(planMakeDefault(token('once01', { usesRemaining: 0 }), [], NOW).blocked).toMatch(/is used up/);
    expect(planMakeDefault(token('bad001', { invalidReason: 'no secret' }), [], NOW).blocked).toMatch(/not a valid token \(no secret\)/);
    const current = token('def001', { isDefault: true });
    expect(planMakeDefault(current, [current], NOW)).toMatchObject({ alreadyDefault: true, changes: [], blocked: null });
  });
});
