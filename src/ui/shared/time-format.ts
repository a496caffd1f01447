// Absolute times for the table and the details pane. Hand-rolled (not Intl) because the
// table formats a cell per visible row and Intl.DateTimeFormat is slow to call per row.
const pad2 = (value: number): string => String(value).padStart(2, '0');

/** Which zone the table's EXPIRES column is in: UTC unless --local-time or z says local. */
export type TableTimeZone = 'utc' | 'local';

/** `2026-11-20 14:03` in UTC: the table's EXPIRES column by default (its title says UTC). */
export function formatUtcShort(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ');
}

/** `UTC+01:00` (now, in the local zone): the EXPIRES title in local time. */
export function localOffsetLabel(epochMs: number): string {
  const offsetMinutes = -new Date(epochMs).getTimezoneOffset();
  const sign = offsetMinutes < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetMinutes);
  return `UTC${sign}${pad2(Math.floor(magnitude / 60))}:${pad2(magnitude % 60)}`;
}

/** `2026-11-20 15:03` in the local time zone: the table's EXPIRES column in local time. */
export function formatLocalShort(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())} ${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}

/** `2026-11-20T14:03:05Z` (RFC 3339, what kubectl and the JSON output use). */
export function formatUtc(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2026-11-20 15:03:05 UTC+01:00 (Europe/Berlin)` */
export function formatLocalLong(epochMs: number): string {
  const date = new Date(epochMs);
  const offset = localOffsetLabel(epochMs);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const day = `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
  const time = `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
  return `${day} ${time} ${offset}${zone ? ` (${zone})` : ''}`;
}
