import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.ts';
import { checkTtlInput, checkTtlSeconds, formatTtlInput, ttlSuggestions, type TtlLimits } from './ttl-input.ts';

const open: TtlLimits = { defaultSeconds: 86_400, minSeconds: 1, maxSeconds: null, allowNever: true };
const bounded: TtlLimits = { defaultSeconds: 3600, minSeconds: 60, maxSeconds: 86_400, allowNever: false };

describe('ttl input', () => {
  it('parses, then checks the bounds', () => {
    expect(checkTtlInput('90m', open)).toEqual({ ok: true, seconds: 5400 });
    expect(checkTtlInput('never', open)).toEqual({ ok: true, seconds: null });
    expect(checkTtlInput('5x', open)).toMatchObject({ ok: false, error: expect.stringContaining('unknown unit "x"') });
    expect(checkTtlInput('-1h', open)).toMatchObject({ ok: false, error: expect.stringContaining('cannot be negative') });
    expect(checkTtlInput('2d', bounded)).toEqual({ ok: false, error: 'TTL must be at most 24h for this backend' });
    expect(checkTtlInput('59s', bounded)).toEqual({ ok: false, error: 'TTL must be at least 1m' });
    expect(checkTtlInput('0', bounded)).toEqual({ ok: false, error: 'this backend does not allow tokens that never expire' });
    expect(checkTtlSeconds(86_400, bounded)).toEqual({ ok: true, seconds: 86_400 });
  });

  it.each([
    [86_400, '24h'],
    [7 * 86_400, '7d'],
    [2 * 86_400, '2d'],
    [5400, '90m'],
    [61, '61s'],
    [null, 'never'],
  ])('formats %j as %j, which parses back to the same value', (seconds, text) => {
    expect(formatTtlInput(seconds)).toBe(text);
    expect(parseDuration(text)).toEqual({ ok: true, seconds });
  });

  it('suggests only what the bounds accept', () => {
    expect(ttlSuggestions(open).map((item) => item.label)).toEqual(['1h', '24h', '7d', 'never']);
    expect(ttlSuggestions(bounded).map((item) => item.label)).toEqual(['1h', '24h']);
  });
});
