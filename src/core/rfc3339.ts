// RFC 3339 times as kubeadm and the REST contract write them. Parsing is strict (Go's
// time.RFC3339 layout): a time a backend sends that does not parse is reported as such, never
// read as "no expiry".

// Go's time.RFC3339 layout (fractional seconds allowed when parsing, like time.Parse).
const RFC3339_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** Epoch ms of an RFC 3339 time, or null when kubeadm's parser would reject it. */
export function parseRfc3339(value: string): number | null {
  const match = RFC3339_PATTERN.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second, offsetHour, offsetMinute] = match.slice(1).map((part) => Number(part ?? 0));
  if (hour! > 23 || minute! > 59 || second! > 59 || offsetHour! > 23 || offsetMinute! > 59) return null;
  // Date.UTC rolls Feb 30 over to Mar 2; Go rejects it, so check the day survived.
  const dayStart = new Date(Date.UTC(year!, month! - 1, day!));
  if (dayStart.getUTCMonth() !== month! - 1 || dayStart.getUTCDate() !== day!) return null;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

/** RFC 3339 without fractional seconds, the way kubeadm writes `expiration`: 2017-03-10T03:22:11Z. */
export function formatRfc3339(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
