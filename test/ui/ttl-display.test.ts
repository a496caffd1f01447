import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_GRACE_MS, describeTtl, ttlCellText } from '../../src/ui/shared/ttl-display.ts';
import { HOUR, MINUTE, SECOND, T0, token } from './fixtures.ts';

const at = (remainingMs: number) => describeTtl(token('abcdef', { expiresAt: T0 + remainingMs }), T0, T0);

describe('TTL cell', () => {
  it('uses two units above an hour and mm:ss in the last hour', () => {
    expect(ttlCellText(at(5 * HOUR + 12 * MINUTE + 30 * SECOND))).toBe('● 5h12m');
    expect(ttlCellText(at(3 * 24 * HOUR + 4 * HOUR))).toBe('● 3d4h');
    expect(ttlCellText(at(42 * MINUTE + 7 * SECOND))).toBe('◐ 42:07');
  });

  it('changes urgency exactly at 1 hour, 5 minutes and 0', () => {
    expect(at(HOUR + SECOND).state).toBe('ok');
    expect(at(HOUR).state).toBe('soon');
    expect(at(5 * MINUTE + SECOND).state).toBe('soon');
    expect(at(5 * MINUTE).state).toBe('critical');
    expect(ttlCellText(at(5 * MINUTE))).toBe('! 05:00');
    expect(at(SECOND).state).toBe('critical');
    expect(ttlCellText(at(0))).toBe('✗ expired');
  });

  it('gives every state a glyph and a colour role, so NO_COLOR keeps the meaning', () => {
    const displays = [at(2 * HOUR), at(30 * MINUTE), at(MINUTE), at(-SECOND), describeTtl(token('never1'), T0, T0)];
    expect(displays.map((display) => display.glyph)).toEqual(['●', '◐', '!', '✗', '∞']);
    expect(new Set(displays.map((display) => display.role)).size).toBeGreaterThan(3);
    expect(ttlCellText(displays[4]!)).toBe('∞ never');
  });

  it('shows invalid records as invalid whatever their expiry', () => {
    const invalid = describeTtl(token('broken', { expiresAt: T0 + HOUR, invalidReason: 'bad secret data' }), T0, T0);
    expect(ttlCellText(invalid)).toBe('⊘ invalid');
  });

  it('shows a use-limited token with no uses left as used up (its own glyph), not invalid, with or without an expiry', () => {
    const usedUp = describeTtl(token('once01', { expiresAt: T0 + HOUR, usesRemaining: 0 }), T0, T0);
    expect(ttlCellText(usedUp)).toBe('○ used up');
    expect(describeTtl(token('once02', { usesRemaining: 0 }), T0, T0).state).toBe('used-up');
    // Expired wins: the token is gone for a second reason that needs no uses to explain.
    expect(describeTtl(token('once03', { expiresAt: T0 - SECOND, usesRemaining: 0 }), T0, T0).state).toBe('expired');
    expect(describeTtl(token('left01', { expiresAt: T0 + 2 * HOUR, usesRemaining: 1 }), T0, T0).state).toBe('ok');
  });

  it('calls it clock skew only when the server says active well after our clock says expired', () => {
    const expired = token('abcdef', { expiresAt: T0, extras: { serverStatus: 'active' } });
    const later = T0 + 10 * MINUTE;
    // Merely still listed (no server status, or the server agrees it expired): expired, not skew.
    expect(describeTtl(token('listed', { expiresAt: T0 }), later, later).state).toBe('expired');
    expect(describeTtl(token('agreed', { expiresAt: T0, extras: { serverStatus: 'expired' } }), later, later).state).toBe('expired');
    expect(describeTtl(expired, later, T0 + CLOCK_SKEW_GRACE_MS).state).toBe('expired');
    expect(describeTtl(expired, later, T0 + CLOCK_SKEW_GRACE_MS + SECOND).state).toBe('clock-skew');
    expect(ttlCellText(describeTtl(expired, later, later))).toBe('? clock skew');
    expect(describeTtl(expired, later, null).state).toBe('expired');
    // A reported-late token that is not expired by our clock is simply active.
    expect(describeTtl(token('future', { expiresAt: later + 2 * HOUR }), later, later).state).toBe('ok');
  });
});
