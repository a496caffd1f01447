// TTL input and display. Input follows Go's time.ParseDuration (what kubeadm and k3s accept)
// plus d and w; display ports apimachinery's ShortHumanDuration for kubeadm parity and adds
// a live countdown format for the UI.
import { redactSecrets } from './bootstrap-token.ts';

export type DurationResult = { ok: true; seconds: number | null } | { ok: false; error: string };

export const SECONDS_PER_MINUTE = 60;
export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 86_400;
/** Upper bound for a TTL; beyond this the user almost certainly means "never". */
export const MAX_TTL_SECONDS = 100 * 365 * SECONDS_PER_DAY;

/** Remaining time at or below which a TTL is shown as 'soon'. */
export const TTL_SOON_THRESHOLD_MS = 60 * 60 * 1000;
/** Remaining time at or below which a TTL is shown as 'critical'. */
export const TTL_CRITICAL_THRESHOLD_MS = 5 * 60 * 1000;

export type TtlUrgency = 'none' | 'ok' | 'soon' | 'critical' | 'expired';

const NANOS_PER_SECOND = 1_000_000_000n;
const MAX_TTL_NANOS = BigInt(MAX_TTL_SECONDS) * NANOS_PER_SECOND;

// Go's unit table (both micro signs: U+00B5 and U+03BC) plus d and w.
const UNIT_NANOS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n,
  'μs': 1_000n,
  ms: 1_000_000n,
  s: NANOS_PER_SECOND,
  m: 60n * NANOS_PER_SECOND,
  h: 3_600n * NANOS_PER_SECOND,
  d: 86_400n * NANOS_PER_SECOND,
  w: 604_800n * NANOS_PER_SECOND,
};

const EXAMPLES = 'e.g. 90s, 1h30m, 7d, or "never"';
const UNIT_LIST = 's, m, h, d or w';
// More integer digits than this overflows any sane TTL; checking the length first keeps
// BigInt work bounded for pasted garbage.
const MAX_INTEGER_DIGITS = 21;
// Fraction digits past this are below a nanosecond even for weeks, as Go also ignores them.
const MAX_FRACTION_DIGITS = 21;

function quote(value: string): string {
  const short = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(short);
}

function invalid(input: string, problem: string): DurationResult {
  return { ok: false, error: `invalid duration ${quote(input)}: ${problem}` };
}

/**
 * Parses a TTL. `seconds: null` means "never expires" (`never`, `0`, or any zero duration,
 * matching kubeadm's `--ttl 0`). Never throws.
 */
export function parseDuration(input: string): DurationResult {
  if (typeof input !== 'string') return { ok: false, error: `duration must be text (${EXAMPLES})` };
  const text = input.trim();
  if (text === '') return { ok: false, error: `duration is empty (${EXAMPLES})` };
  if (text.toLowerCase() === 'never') return { ok: true, seconds: null };
  // Someone pasted a credential into the TTL field: say so without echoing any of it.
  const redacted = redactSecrets(text);
  if (redacted !== text) return invalid(redacted, `this looks like a join token, not a duration (${EXAMPLES})`);
  if (text.startsWith('-')) return invalid(text, 'a TTL cannot be negative (e.g. 1h, or "never" for no expiry)');

  const body = text.startsWith('+') ? text.slice(1) : text;
  if (body === '0') return { ok: true, seconds: null };
  const nanos = sumTerms(text, body);
  if (typeof nanos !== 'bigint') return nanos;

  if (nanos === 0n) return { ok: true, seconds: null };
  if (nanos > MAX_TTL_NANOS) {
    return invalid(text, 'longer than 100 years (use "never" for a token that does not expire)');
  }
  const seconds = nanos / NANOS_PER_SECOND; // BigInt division rounds down
  if (seconds === 0n) return invalid(text, 'TTL must be at least 1s (e.g. 90s)');
  return { ok: true, seconds: Number(seconds) };
}

// Walks `[0-9]*(\.[0-9]*)?unit` terms exactly as Go does, but in exact BigInt nanoseconds
// (Go uses a float for the fraction, which can land 1ns short of a whole second).
function sumTerms(text: string, body: string): bigint | DurationResult {
  if (body === '') return invalid(text, `expected a number (${EXAMPLES})`);
  let total = 0n;
  let rest = body;
  while (rest !== '') {
    const term = /^([0-9]*)(?:\.([0-9]*))?/.exec(rest);
    const integerDigits = term?.[1] ?? '';
    const fractionDigits = term?.[2];
    if (integerDigits === '' && (fractionDigits === undefined || fractionDigits === '')) {
      return invalid(text, unexpectedText(rest));
    }
    rest = rest.slice(term?.[0].length ?? 0);
    // Go's unit is everything up to the next digit or dot.
    const unit = /^[^0-9.]*/.exec(rest)?.[0] ?? '';
    rest = rest.slice(unit.length);
    if (unit === '' && rest !== '') {
      // Only a second '.' can stop a number without a unit mid-string ("1.5.5s").
      return invalid(text, 'a number can have only one decimal point (e.g. 1.5h)');
    }
    if (unit === '') {
      const example = text.length <= 20 ? `${text}m` : '90m';
      return invalid(text, `missing unit after the last number (add ${UNIT_LIST}, e.g. ${example})`);
    }
    const unitNanos = UNIT_NANOS[unit];
    if (unitNanos === undefined) return invalid(text, unknownUnit(unit));
    const integer = integerDigits.replace(/^0+/, '');
    if (integer.length > MAX_INTEGER_DIGITS) {
      return invalid(text, 'number too large (use "never" for a token that does not expire)');
    }
    total += BigInt(integer === '' ? '0' : integer) * unitNanos;
    const fraction = (fractionDigits ?? '').slice(0, MAX_FRACTION_DIGITS);
    if (fraction !== '') total += (BigInt(fraction) * unitNanos) / 10n ** BigInt(fraction.length);
  }
  return total;
}

function unexpectedText(rest: string): string {
  if (/^\s/.test(rest)) return 'spaces are not allowed inside a duration (write 1h30m, not 1h 30m)';
  return `expected a number at ${quote(rest)} (${EXAMPLES})`;
}

function unknownUnit(unit: string): string {
  // Go reads "h 30m" as the unit "h ", which would make a baffling message.
  if (/\s/.test(unit)) return 'spaces are not allowed inside a duration (write 1h30m, not 1h 30m)';
  const lowercaseHint = UNIT_NANOS[unit.toLowerCase()] === undefined ? '' : 'units are lowercase; ';
  return `unknown unit ${quote(unit)} (${lowercaseHint}use ${UNIT_LIST}, ${EXAMPLES})`;
}

// Go's time.Duration is int64 nanoseconds and time.Until saturates, so no Go duration is
// longer than this; clamping reproduces what kubeadm would print for far-off expiries.
const GO_MAX_DURATION_SECONDS = 9_223_372_036.854775807;

function clampToGoDuration(seconds: number): number {
  return Math.min(GO_MAX_DURATION_SECONDS, Math.max(-GO_MAX_DURATION_SECONDS, seconds));
}

/**
 * apimachinery ShortHumanDuration (what `kubeadm token list` prints in its TTL column).
 * Go truncates toward zero with int(), so -1.9s is "0s" and only <= -2s is "<invalid>".
 */
export function formatShortHumanDuration(seconds: number): string {
  if (Number.isNaN(seconds)) return '<invalid>';
  const duration = clampToGoDuration(seconds);
  const wholeSeconds = Math.trunc(duration);
  if (wholeSeconds < -1) return '<invalid>';
  if (wholeSeconds < 0) return '0s';
  // `${-0}` prints "0", matching Go for -0.5s.
  if (wholeSeconds < 60) return `${wholeSeconds}s`;
  const minutes = Math.trunc(duration / SECONDS_PER_MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(duration / SECONDS_PER_HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  // Go divides the float hours here, not the truncated int.
  return `${Math.trunc(duration / SECONDS_PER_HOUR / 24 / 365)}y`;
}

/** Go's Duration.String() for whole seconds: `24h0m0s`, `1m30s`, `0s`. Fractions are truncated. */
export function formatGoDuration(seconds: number): string {
  if (Number.isNaN(seconds)) return '<invalid>';
  const whole = Math.trunc(clampToGoDuration(seconds));
  if (whole === 0) return '0s';
  const sign = whole < 0 ? '-' : '';
  const magnitude = Math.abs(whole);
  const hours = Math.floor(magnitude / SECONDS_PER_HOUR);
  const minutes = Math.floor((magnitude % SECONDS_PER_HOUR) / SECONDS_PER_MINUTE);
  const secs = magnitude % SECONDS_PER_MINUTE;
  if (hours > 0) return `${sign}${hours}h${minutes}m${secs}s`;
  if (minutes > 0) return `${sign}${minutes}m${secs}s`;
  return `${sign}${secs}s`;
}

const pad2 = (value: number): string => String(value).padStart(2, '0');

/**
 * Live countdown: `12d3h` / `5h12m` while an hour or more is left, `mm:ss` in the last
 * hour, `expired` at or below zero. Rounds down so it never shows more time than is left.
 */
export function formatCountdown(remainingMs: number): string {
  // NaN counts as expired: an unknown remaining time must not look valid.
  if (!(remainingMs > 0)) return 'expired';
  if (remainingMs === Number.POSITIVE_INFINITY) return 'never';
  const totalSeconds = Math.floor(remainingMs / 1000);
  if (totalSeconds < SECONDS_PER_HOUR) {
    return `${pad2(Math.floor(totalSeconds / SECONDS_PER_MINUTE))}:${pad2(totalSeconds % SECONDS_PER_MINUTE)}`;
  }
  const days = Math.floor(totalSeconds / SECONDS_PER_DAY);
  const hours = Math.floor((totalSeconds % SECONDS_PER_DAY) / SECONDS_PER_HOUR);
  if (days > 0) return `${days}d${hours}h`;
  const minutes = Math.floor((totalSeconds % SECONDS_PER_HOUR) / SECONDS_PER_MINUTE);
  return `${hours}h${minutes}m`;
}

/** Colour/glyph class for a remaining TTL; null = never expires. */
export function ttlUrgency(remainingMs: number | null): TtlUrgency {
  if (remainingMs === null) return 'none';
  if (!(remainingMs > 0)) return 'expired';
  if (remainingMs <= TTL_CRITICAL_THRESHOLD_MS) return 'critical';
  if (remainingMs <= TTL_SOON_THRESHOLD_MS) return 'soon';
  return 'ok';
}
