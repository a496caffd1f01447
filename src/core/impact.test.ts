import { describe, expect, it } from 'vitest';
import { impactSeverity, requiredConfirmation, type ImpactItem, type KnownImpact } from './impact.ts';

const preview = (items: readonly ImpactItem[], unknowns: readonly string[] = []): KnownImpact => ({ state: 'known', tokenId: 't', items, unknowns, fingerprint: 'u:1', computedAt: 0 });
const census: ImpactItem = { kind: 'informational', subject: 'cluster', detail: '3 members, 3 voters' };

describe('informational impact items', () => {
  it('never raise the severity: facts about the backend are not consequences of the revoke', () => {
    expect(impactSeverity(preview([census]))).toBe('none');
    expect(requiredConfirmation(preview([census]))).toBe('yes');
    expect(impactSeverity(preview([census], ['whether a join is under way']))).toBe('low');
    expect(impactSeverity(preview([census, { kind: 'joined-keeps-working', subject: 'n1', detail: '' }]))).toBe('low');
    expect(impactSeverity(preview([census, { kind: 'join-in-progress', subject: 'n2', detail: '' }]))).toBe('high');
  });
});
