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

/** The longest Retry-After any request waits out (GET retries only); a longer one fails at once. */
export const MAX_RETRY_AFTER_MS = 10_000;

/**
 * The seconds a Retry-After asks for when that is longer than MAX_RETRY_AFTER_MS, else undefined.
 * Such an answer is not waited for (a 503 with `Retry-After: 99999` would hold `list` for a day):
 * the request fails at once with the server's own words and retryTooLongNote().
 */
export function retryAfterBeyondCap(header: string | null | undefined, nowMs: number): number | undefined {
  const ms = retryAfterMs(header ?? undefined, nowMs);
  return ms !== undefined && ms > MAX_RETRY_AFTER_MS ? Math.ceil(ms / 1000) : undefined;
}

export function retryTooLongNote(seconds: number): string {
  return `the server asks to retry after ${seconds} s; tokentui waits at most ${MAX_RETRY_AFTER_MS / 1000} s`;
}
