// What one TTL cell says. Formatting and urgency thresholds live in core (formatCountdown,
// ttlUrgency); this module adds the states only the UI can know (clock skew, invalid) and
// pairs every state with a glyph so it survives NO_COLOR.
import { formatCountdown, ttlUrgency } from '../../core/duration.ts';
import { isUsedUp, remainingMs, type Token } from '../../core/token.ts';
import type { ThemeRole } from './theme.ts';

export type TtlState = 'ok' | 'soon' | 'critical' | 'expired' | 'never' | 'clock-skew' | 'used-up' | 'invalid';

/**
 * Clock skew: the backend itself says the token is still active (`extras.serverStatus ===
 * 'active'`, reported by backends that compute status server-side, like rest) while our clock
 * says it expired more than this long ago. Then our countdown cannot be trusted, so we say so
 * instead of "expired". A backend that merely still lists an expired token (a kubeadm cluster
 * whose tokencleaner is off or late, a rest server keeping history) is not skew: the token is
 * expired and shown as such until the backend removes it.
 */
export const CLOCK_SKEW_GRACE_MS = 60_000;

export interface TtlDisplay {
  readonly state: TtlState;
  readonly glyph: string;
  /** Countdown (`5h12m`, `04:59`) or the state word. */
  readonly text: string;
  readonly role: ThemeRole;
}

const STATE_STYLE: { readonly [state in TtlState]: { readonly glyph: string; readonly role: ThemeRole; readonly word: string } } = {
  ok: { glyph: '●', role: 'status.ok', word: 'ok' },
  soon: { glyph: '◐', role: 'status.warn', word: 'under 1h' },
  critical: { glyph: '!', role: 'status.danger', word: 'under 5m' },
  expired: { glyph: '✗', role: 'status.danger', word: 'expired' },
  never: { glyph: '∞', role: 'status.muted', word: 'never' },
  'clock-skew': { glyph: '?', role: 'status.warn', word: 'clock skew' },
  'used-up': { glyph: '○', role: 'status.danger', word: 'used up' },
  invalid: { glyph: '⊘', role: 'status.danger', word: 'invalid' },
};

/** Legend rows for the help screen, in display order. */
export const TTL_LEGEND: readonly { readonly glyph: string; readonly role: ThemeRole; readonly meaning: string }[] = [
  { ...STATE_STYLE.ok, meaning: 'more than 1 hour left' },
  { ...STATE_STYLE.soon, meaning: 'under 1 hour left (mm:ss)' },
  { ...STATE_STYLE.critical, meaning: 'under 5 minutes left' },
  { ...STATE_STYLE.expired, meaning: 'expired; stays listed until the backend removes it' },
  { ...STATE_STYLE.never, meaning: 'never expires' },
  { ...STATE_STYLE['clock-skew'], meaning: `clock skew: the server says active, our clock says expired over ${CLOCK_SKEW_GRACE_MS / 1000}s ago` },
  { ...STATE_STYLE['used-up'], meaning: 'used up: every use of a use-limited token is spent; nothing can join with it' },
  { ...STATE_STYLE.invalid, meaning: 'invalid record (reason in details)' },
];

/**
 * @param reportedAtMs when (our clock) the backend last reported this token; null if unknown.
 */
export function describeTtl(token: Token, nowMs: number, reportedAtMs: number | null): TtlDisplay {
  const state = ttlState(token, nowMs, reportedAtMs);
  const style = STATE_STYLE[state];
  const remaining = remainingMs(token, nowMs);
  const text = state === 'ok' || state === 'soon' || state === 'critical' ? formatCountdown(remaining ?? 0) : style.word;
  return { state, glyph: style.glyph, text, role: style.role };
}

export function ttlState(token: Token, nowMs: number, reportedAtMs: number | null): TtlState {
  if (token.invalidReason !== null) return 'invalid';
  const urgency = ttlUrgency(remainingMs(token, nowMs));
  switch (urgency) {
    case 'none':
      return isUsedUp(token) ? 'used-up' : 'never';
    case 'expired':
      return isClockSkew(token, reportedAtMs) ? 'clock-skew' : 'expired';
    case 'ok':
    case 'soon':
    case 'critical':
      // Time left means nothing once every use is spent: the token can no longer let a machine in.
      return isUsedUp(token) ? 'used-up' : urgency;
  }
}

function isClockSkew(token: Token, reportedAtMs: number | null): boolean {
  if (token.expiresAt === null || reportedAtMs === null) return false;
  if (token.extras?.serverStatus !== 'active') return false;
  return reportedAtMs - token.expiresAt > CLOCK_SKEW_GRACE_MS;
}

/** `● 5h12m` — the cell text, glyph first so the ticking digits sit at the end of the line. */
export function ttlCellText(display: TtlDisplay): string {
  return `${display.glyph} ${display.text}`;
}
