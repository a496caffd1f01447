import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRfc3339, parseRfc3339 } from './rfc3339.ts';

// The full parser as it was before the fast path for the common form: the reference.
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;
function reference(value: string): number | null {
  const match = PATTERN.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second, offsetHour, offsetMinute] = match.slice(1).map((part) => Number(part ?? 0));
  if (hour! > 23 || minute! > 59 || second! > 59 || offsetHour! > 23 || offsetMinute! > 59) return null;
  const dayStart = new Date(Date.UTC(year!, month! - 1, day!));
  if (dayStart.getUTCMonth() !== month! - 1 || dayStart.getUTCDate() !== day!) return null;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

describe('parseRfc3339', () => {
  it('reads the common form, leap days included, and refuses impossible dates', () => {
    expect(parseRfc3339('2024-02-29T23:59:59Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
    expect(parseRfc3339('2000-02-29T00:00:00Z')).toBe(Date.UTC(2000, 1, 29));
    for (const bad of ['2023-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2024-04-31T00:00:00Z', '2024-13-01T00:00:00Z', '2024-00-10T00:00:00Z', '2024-01-00T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T00:60:00Z', '2024-01-01T00:00:60Z', '2024-01-01t00:00:00Z', '2024-01-01T00:00:00z', '2024-1-01T00:00:00Z', '+02024-01-01T00:00:00']) {
      expect(parseRfc3339(bad), bad).toBeNull();
    }
  });

  it('years below 100 are the years they say, not 19xx', () => {
    expect(parseRfc3339('0050-06-01T00:00:00Z')).toBe(Date.parse('0050-06-01T00:00:00Z'));
    expect(new Date(parseRfc3339('0050-06-01T00:00:00Z')!).getUTCFullYear()).toBe(50);
  });

  it('agrees with the full parser on any date-time-shaped text (property)', () => {
    const field = (max: number, width: number) => fc.integer({ min: 0, max }).map((value) => pad(value, width));
    const text = fc
      .tuple(field(9999, 4), field(99, 2), field(99, 2), field(99, 2), field(99, 2), field(99, 2), fc.constantFrom('Z', 'z', '+01:00', '-23:59', '.5Z', ''), fc.constantFrom('T', 't', ' '))
      .map(([year, month, day, hour, minute, second, zone, separator]) => `${year}-${month}-${day}${separator}${hour}:${minute}:${second}${zone}`);
    fc.assert(
      fc.property(text, (value) => {
        expect(parseRfc3339(value)).toBe(reference(value));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('formatRfc3339', () => {
  const reference = (epochMs: number) => new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

  it('writes what toISOString writes, without the milliseconds, for any time (property)', () => {
    const edges = [0, -1, Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1), Date.UTC(-1, 0, 1), Date.UTC(50, 5, 1) - Date.UTC(1970, 0, 1) + Date.UTC(1970, 0, 1), -62198755200000, 8.64e15, -8.64e15];
    for (const epochMs of edges) expect(formatRfc3339(epochMs), String(epochMs)).toBe(reference(epochMs));
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (epochMs) => {
        expect(formatRfc3339(epochMs)).toBe(reference(epochMs));
      }),
      { numRuns: 3000 },
    );
  });

  it('an invalid time throws as toISOString does', () => {
    expect(() => formatRfc3339(Number.NaN)).toThrow(RangeError);
    expect(() => formatRfc3339(8.64e15 + 1)).toThrow(RangeError);
  });
});
