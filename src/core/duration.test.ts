import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  MAX_TTL_SECONDS,
  TTL_CRITICAL_THRESHOLD_MS,
  TTL_SOON_THRESHOLD_MS,
  formatCountdown,
  formatGoDuration,
  formatShortHumanDuration,
  parseDuration,
  ttlUrgency,
} from './duration.ts';

const HOUR = 3600;
const DAY = 86_400;

describe('parseDuration', () => {
  it.each([
    ['90s', 90],
    ['1h30m', 5400],
    ['1.5h', 5400],
    ['2h45m', 9900],
    ['+2h', 7200],
    ['1500ms', 1],
    ['1.9s', 1],
    ['5.s', 5],
    ['1m.5s', 60],
    ['7d', 7 * DAY],
    ['1w2d', 9 * DAY],
    ['0.5d', 12 * HOUR],
    ['24h0m0s', DAY],
    ['  45m  ', 45 * 60],
    ['1000000000ns', 1],
    ['1000000us', 1],
    ['1000000µs', 1], // U+00B5 micro sign
    ['1000000μs', 1], // U+03BC Greek mu, which Go also accepts
    ['0001s', 1],
    ['876000h', MAX_TTL_SECONDS],
  ])('%j -> %d seconds', (input, seconds) => {
    expect(parseDuration(input)).toEqual({ ok: true, seconds });
  });

  it.each(['never', 'NEVER', '  Never ', '0', '+0', '0s', '0h0m', '0.0s'])('%j never expires', (input) => {
    expect(parseDuration(input)).toEqual({ ok: true, seconds: null });
  });

  it.each([
    ['5x', 'unknown unit "x" (use s, m, h, d or w, e.g. 90s, 1h30m, 7d, or "never")'],
    ['-1h', 'cannot be negative'],
    ['-0', 'cannot be negative'],
    ['', 'duration is empty'],
    ['   ', 'duration is empty'],
    ['5', 'missing unit after the last number (add s, m, h, d or w, e.g. 5m)'],
    ['1h30', 'e.g. 1h30m'],
    ['300ms', 'TTL must be at least 1s'],
    ['.5s', 'TTL must be at least 1s'],
    ['1h 30m', 'spaces are not allowed'],
    ['1H', 'units are lowercase'],
    ['1y', 'unknown unit "y"'],
    ['abc', 'expected a number at "abc"'],
    ['.', 'expected a number'],
    ['+', 'expected a number'],
    ['1.5.5s', 'only one decimal point'],
    ['876001h', 'longer than 100 years'],
    ['99999999999999999999999999h', 'number too large'],
    ['5x', 'invalid duration "5x"'],
  ])('%j is an error mentioning %j', (input, fragment) => {
    const result = parseDuration(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(fragment);
  });

  it('does not echo a pasted join token back', () => {
    const result = parseDuration('abcdef.0123456789abcdef');
    expect(result).toEqual({ ok: false, error: expect.stringContaining('looks like a join token') });
    if (!result.ok) expect(result.error).not.toContain('0123456789abcdef');
  });

  it('shortens huge input in the message', () => {
    const result = parseDuration(`${'9'.repeat(5000)}x`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeLessThan(300);
  });

  it('never throws and only returns null or whole seconds in range (any UTF-16 string)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (input) => {
        checkResultShape(parseDuration(input));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on near-valid input built from duration characters', () => {
    const durationish = fc.string({
      unit: fc.constantFrom('0', '1', '5', '9', '.', '+', '-', 'n', 's', 'u', 'µ', 'm', 'h', 'd', 'w', 'x', ' '),
      maxLength: 30,
    });
    fc.assert(
      fc.property(durationish, (input) => {
        checkResultShape(parseDuration(input));
      }),
      { numRuns: 3000 },
    );
  });

  it('sums terms exactly, rounding the total down to whole seconds', () => {
    const unitSeconds = { ms: 0.001, s: 1, m: 60, h: HOUR, d: DAY, w: 7 * DAY } as const;
    const term = fc.tuple(fc.integer({ min: 0, max: 500 }), fc.constantFrom(...(Object.keys(unitSeconds) as (keyof typeof unitSeconds)[])));
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 5 }), (terms) => {
        const input = terms.map(([value, unit]) => `${value}${unit}`).join('');
        const millis = terms.reduce((sum, [value, unit]) => sum + value * unitSeconds[unit] * 1000, 0);
        const seconds = Math.floor(Math.round(millis) / 1000);
        const expected = millis === 0 ? null : seconds;
        const result = parseDuration(input);
        if (expected !== null && expected < 1) expect(result.ok).toBe(false);
        else expect(result).toEqual({ ok: true, seconds: expected });
      }),
    );
  });

  it('round-trips formatGoDuration for every whole-second TTL', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_TTL_SECONDS }), (seconds) => {
        expect(parseDuration(formatGoDuration(seconds))).toEqual({ ok: true, seconds });
      }),
    );
  });
});

function checkResultShape(result: ReturnType<typeof parseDuration>): void {
  if (!result.ok) {
    expect(result.error).toMatch(/\S/);
    return;
  }
  if (result.seconds === null) return;
  expect(Number.isInteger(result.seconds)).toBe(true);
  expect(result.seconds).toBeGreaterThanOrEqual(1);
  expect(result.seconds).toBeLessThanOrEqual(MAX_TTL_SECONDS);
}

describe('formatShortHumanDuration (apimachinery ShortHumanDuration)', () => {
  it.each([
    [0, '0s'],
    [0.9, '0s'],
    [59, '59s'],
    [59.99, '59s'],
    [60, '1m'],
    [3599, '59m'],
    [3600, '1h'],
    [86_399, '23h'],
    [86_400, '1d'],
    [364 * DAY + 23 * HOUR, '364d'],
    [365 * DAY, '1y'],
    [2 * 365 * DAY - 1, '1y'],
    [-0.5, '0s'],
    [-1, '0s'],
    [-1.9, '0s'], // Go's int() truncates toward zero, so -1.9s is still "almost now"
    [-2, '<invalid>'],
    [-86_400, '<invalid>'],
    [Number.NaN, '<invalid>'],
    // time.Until saturates at the int64-nanosecond limit (~292 years).
    [Number.POSITIVE_INFINITY, '292y'],
    [1e15, '292y'],
  ])('%d s -> %s', (seconds, expected) => {
    expect(formatShortHumanDuration(seconds)).toBe(expected);
  });
});

describe('formatGoDuration (Go Duration.String)', () => {
  it.each([
    [0, '0s'],
    [1, '1s'],
    [59, '59s'],
    [60, '1m0s'],
    [90, '1m30s'],
    [3600, '1h0m0s'],
    [86_400, '24h0m0s'],
    [90_061, '25h1m1s'],
    [-90, '-1m30s'],
    [1.9, '1s'],
  ])('%d s -> %s', (seconds, expected) => {
    expect(formatGoDuration(seconds)).toBe(expected);
  });
});

describe('formatCountdown', () => {
  const second = 1000;
  it.each([
    [Number.NaN, 'expired'],
    [-5 * second, 'expired'],
    [0, 'expired'],
    [1, '00:00'],
    [999, '00:00'],
    [1 * second, '00:01'],
    [1999, '00:01'],
    [4 * 60 * second + 7 * second, '04:07'],
    [HOUR * second - 1, '59:59'],
    [HOUR * second, '1h0m'],
    [(5 * HOUR + 12 * 60) * second + 999, '5h12m'],
    [(23 * HOUR + 59 * 60 + 59) * second, '23h59m'],
    [DAY * second, '1d0h'],
    [(3 * DAY + 4 * HOUR + 59 * 60) * second, '3d4h'],
    [(12 * DAY + 3 * HOUR) * second, '12d3h'],
    [400 * DAY * second, '400d0h'],
    [Number.POSITIVE_INFINITY, 'never'],
  ])('%d ms -> %s', (ms, expected) => {
    expect(formatCountdown(ms)).toBe(expected);
  });

  it('never shows more time than is left, nor less than one display step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 * DAY * 1000 }), (ms) => {
        const { seconds, step } = readCountdown(formatCountdown(ms));
        expect(seconds * 1000).toBeLessThanOrEqual(ms);
        expect(ms - seconds * 1000).toBeLessThan(step * 1000);
      }),
    );
  });
});

/** Parses the countdown back into seconds and the size of its last unit. */
function readCountdown(text: string): { seconds: number; step: number } {
  const clock = /^(\d{2}):(\d{2})$/.exec(text);
  if (clock) return { seconds: Number(clock[1]) * 60 + Number(clock[2]), step: 1 };
  const days = /^(\d+)d(\d+)h$/.exec(text);
  if (days) return { seconds: Number(days[1]) * DAY + Number(days[2]) * HOUR, step: HOUR };
  const hours = /^(\d+)h(\d+)m$/.exec(text);
  if (hours) return { seconds: Number(hours[1]) * HOUR + Number(hours[2]) * 60, step: 60 };
  throw new Error(`unexpected countdown ${text}`);
}

describe('ttlUrgency', () => {
  it('uses a 1h soon threshold and a 5 min critical threshold', () => {
    expect(TTL_SOON_THRESHOLD_MS).toBe(3_600_000);
    expect(TTL_CRITICAL_THRESHOLD_MS).toBe(300_000);
  });

  it.each([
    [null, 'none'],
    [Number.NaN, 'expired'],
    [-1, 'expired'],
    [0, 'expired'],
    [1, 'critical'],
    [TTL_CRITICAL_THRESHOLD_MS, 'critical'],
    [TTL_CRITICAL_THRESHOLD_MS + 1, 'soon'],
    [TTL_SOON_THRESHOLD_MS, 'soon'],
    [TTL_SOON_THRESHOLD_MS + 1, 'ok'],
    [30 * DAY * 1000, 'ok'],
  ])('%s ms -> %s', (ms, expected) => {
    expect(ttlUrgency(ms)).toBe(expected);
  });
});
