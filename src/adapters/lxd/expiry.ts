// LXD's expiry expressions (`cluster.join_token_expiry`, `core.remote_token_expiry`): fields
// `<integer><unit>` separated by single spaces, each unit at most once, units S M H d w m y
// (seconds, minutes, hours, days, weeks, months, years), e.g. `3H` or `1d 12H`. The daemon adds
// months and years by the calendar (Go's AddDate), so their length depends on the date; this
// module does the same, from a reference time, in UTC.

type Unit = 'S' | 'M' | 'H' | 'd' | 'w' | 'm' | 'y';
const FIELD = /^(\d+)(S|M|H|d|w|m|y)$/;

export type LxdExpiry = { readonly [unit in Unit]: number };

/** null when `text` is no valid expression; an empty one is all zeros (the daemon: no expiry). */
export function parseLxdExpiry(text: string): LxdExpiry | null {
  const expression = text.trim();
  const expiry: Record<Unit, number> = { S: 0, M: 0, H: 0, d: 0, w: 0, m: 0, y: 0 };
  if (expression === '') return expiry;
  const seen = new Set<Unit>();
  for (const field of expression.split(' ')) {
    const match = FIELD.exec(field);
    if (match === null) return null;
    const unit = match[2] as Unit;
    if (seen.has(unit)) return null;
    seen.add(unit);
    expiry[unit] = Number(match[1]);
  }
  return expiry;
}

/** True when the expression sets no expiry at all (the daemon then gives no expiry date). */
export function isNoExpiry(text: string): boolean {
  return text.trim() === '';
}

/** The expiry time (epoch ms) the daemon computes for `expiry` from `fromMs`. */
export function expiryFrom(expiry: LxdExpiry, fromMs: number): number {
  const date = new Date(fromMs);
  date.setUTCFullYear(date.getUTCFullYear() + expiry.y, date.getUTCMonth() + expiry.m, date.getUTCDate() + expiry.d + expiry.w * 7);
  return date.getTime() + ((expiry.H * 60 + expiry.M) * 60 + expiry.S) * 1000;
}

/** Seconds a token created at `fromMs` lives; null = no expiry (empty expression). */
export function lifetimeSeconds(text: string, fromMs: number): number | null {
  if (isNoExpiry(text)) return null;
  const expiry = parseLxdExpiry(text);
  if (expiry === null) return null;
  return Math.round((expiryFrom(expiry, fromMs) - fromMs) / 1000);
}

/** Seconds as an expression the daemon accepts: `2H`, `1d 12H`, `90S` -> `1M 30S`. */
export function formatLxdExpiry(seconds: number): string {
  if (!Number.isInteger(seconds) || seconds <= 0) throw new RangeError(`an LXD expiry needs a whole number of seconds above 0, not ${seconds}`);
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [['d', 86_400], ['H', 3600], ['M', 60], ['S', 1]] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
  }
  return parts.join(' ');
}

/** Go's zero time, which LXD writes as the expiry of tokens that never expire. */
export function isGoZeroTime(text: string): boolean {
  return text.startsWith('0001-01-01T00:00:00');
}

/** An RFC 3339 time as epoch ms; null for Go's zero time, empty or unreadable text. */
export function parseLxdTime(text: unknown): number | null {
  if (typeof text !== 'string' || text === '' || isGoZeroTime(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}
