// Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. The apiserver sends seconds
// with 429 (priority and fairness) and some 5xx answers; a proxy in between may send a date.

/** The delay in ms the header asks for, or undefined when absent or malformed. */
export function retryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date always names its weekday and month; Date.parse alone would take "-1" as a year.
  if (!/[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
