import { describe, expect, it } from 'vitest';
import { expiryFrom, formatLxdExpiry, isGoZeroTime, lifetimeSeconds, parseLxdExpiry, parseLxdTime } from './expiry.ts';

const JAN_31 = Date.UTC(2026, 0, 31, 12, 0, 0);

describe('LXD expiry expressions', () => {
  it('reads every unit and combinations, as the daemon does', () => {
    expect(lifetimeSeconds('3H', JAN_31)).toBe(3 * 3600);
    expect(lifetimeSeconds('90S', JAN_31)).toBe(90);
    expect(lifetimeSeconds('1d 12H', JAN_31)).toBe(36 * 3600);
    expect(lifetimeSeconds('2w', JAN_31)).toBe(14 * 86_400);
    expect(lifetimeSeconds(' 30M ', JAN_31)).toBe(1800);
  });

  it('adds months and years by the calendar, like Go AddDate (Jan 31 + 1 month = Mar 3)', () => {
    expect(new Date(expiryFrom(parseLxdExpiry('1m')!, JAN_31)).toISOString()).toBe('2026-03-03T12:00:00.000Z');
    expect(new Date(expiryFrom(parseLxdExpiry('1y')!, Date.UTC(2028, 1, 29))).toISOString()).toBe('2029-03-01T00:00:00.000Z');
  });

  it('refuses what the daemon refuses', () => {
    for (const bad of ['3h', '1H 2H', '1.5H', 'H', '3H  1M', '-1H', '3 H']) expect(parseLxdExpiry(bad), bad).toBeNull();
  });

  it('treats an empty expression as no expiry', () => {
    expect(lifetimeSeconds('', JAN_31)).toBeNull();
    expect(parseLxdExpiry('')).toEqual({ S: 0, M: 0, H: 0, d: 0, w: 0, m: 0, y: 0 });
  });

  it('formats seconds as an expression that reads back to the same seconds', () => {
    for (const seconds of [1, 59, 60, 3600, 7200, 86_400, 90_061, 1_209_600]) {
      expect(lifetimeSeconds(formatLxdExpiry(seconds), JAN_31), String(seconds)).toBe(seconds);
    }
    expect(formatLxdExpiry(7200)).toBe('2H');
    expect(formatLxdExpiry(90_061)).toBe('1d 1H 1M 1S');
    expect(() => formatLxdExpiry(0)).toThrow(RangeError);
    expect(() => formatLxdExpiry(1.5)).toThrow(RangeError);
  });

  it("reads LXD's nanosecond times and Go's zero time", () => {
    expect(parseLxdTime('2026-12-06T16:09:13.33631178Z')).toBe(Date.UTC(2026, 11, 6, 16, 9, 13, 336));
    expect(isGoZeroTime('0001-01-01T00:00:00Z')).toBe(true);
    expect(parseLxdTime('0001-01-01T00:00:00Z')).toBeNull();
    expect(parseLxdTime(undefined)).toBeNull();
    expect(parseLxdTime('soon')).toBeNull();
  });
});
