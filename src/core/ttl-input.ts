// A TTL as the operator types it, checked against one adapter's bounds. Shared by the create
// wizard, the rotation plan and `rotate --ttl`, so every entry point accepts and refuses the
// same inputs with the same words (validated before anything is sent).
import { formatGoDuration, parseDuration, SECONDS_PER_DAY, SECONDS_PER_HOUR, SECONDS_PER_MINUTE } from './duration.ts';

/** The shape of AdapterCapabilities['ttl'] (core cannot import the adapter contract). */
/** A server setting that fixes every token's lifetime (contract: TtlBounds.serverSetting). */
export interface ServerTtlSetting {
  /** The setting's name on the server, e.g. cluster.join_token_expiry. */
  readonly name: string;
  /** Its value as the server writes it, e.g. 3H. */
  readonly value: string;
  /** Which tokens it governs, in words: "every join token". */
  readonly covers: string;
  /** Whether tokentui can change it (setServerTtl). */
  readonly changeable: boolean;
  /** What an operator types to confirm a change: the server's name, so a change lands on the server meant. */
  readonly confirmation: string;
}

export interface TtlLimits {
  /** null = tokens never expire by default. */
  readonly defaultSeconds: number | null;
  readonly minSeconds: number;
  /** null = no upper bound. */
  readonly maxSeconds: number | null;
  readonly allowNever: boolean;
  /** The server fixes the lifetime (min = max = default): shown instead of a choice. */
  readonly serverSetting?: ServerTtlSetting;
}

export type TtlCheck = { readonly ok: true; readonly seconds: number | null } | { readonly ok: false; readonly error: string };

export interface TtlSuggestion {
  /** What the operator would type, e.g. `24h`. */
  readonly label: string;
  readonly seconds: number | null;
}

const CANDIDATES: readonly TtlSuggestion[] = [
  { label: '1h', seconds: SECONDS_PER_HOUR },
  { label: '24h', seconds: SECONDS_PER_DAY },
  { label: '7d', seconds: 7 * SECONDS_PER_DAY },
  { label: 'never', seconds: null },
];

/** A parsed TTL (null = never) against the bounds; the message names the limit broken. */
export function checkTtlSeconds(seconds: number | null, limits: TtlLimits): TtlCheck {
  if (seconds === null) {
    return limits.allowNever ? { ok: true, seconds } : { ok: false, error: 'this backend does not allow tokens that never expire' };
  }
  if (seconds < limits.minSeconds) return { ok: false, error: `TTL must be at least ${formatTtlInput(limits.minSeconds)}` };
  if (limits.maxSeconds !== null && seconds > limits.maxSeconds) {
    return { ok: false, error: `TTL must be at most ${formatTtlInput(limits.maxSeconds)} for this backend` };
  }
  return { ok: true, seconds };
}

/** Typed text -> seconds (null = never), or why not: syntax first, then the adapter's bounds. */
export function checkTtlInput(text: string, limits: TtlLimits): TtlCheck {
  const parsed = parseDuration(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  return checkTtlSeconds(parsed.seconds, limits);
}

/**
 * Seconds as the shortest text parseDuration reads back to the same value: `24h`, `7d`, `90m`,
 * `never`. Whole days only from two days up, so kubeadm's default reads `24h` as kubeadm prints it.
 */
export function formatTtlInput(seconds: number | null): string {
  if (seconds === null) return 'never';
  if (seconds >= 2 * SECONDS_PER_DAY && seconds % SECONDS_PER_DAY === 0) return `${seconds / SECONDS_PER_DAY}d`;
  if (seconds % SECONDS_PER_HOUR === 0) return `${seconds / SECONDS_PER_HOUR}h`;
  if (seconds % SECONDS_PER_MINUTE === 0) return `${seconds / SECONDS_PER_MINUTE}m`;
  if (Number.isInteger(seconds)) return `${seconds}s`;
  return formatGoDuration(seconds);
}

/** 1h / 24h / 7d / never, keeping only what the adapter accepts. */
export function ttlSuggestions(limits: TtlLimits): readonly TtlSuggestion[] {
  return CANDIDATES.filter((candidate) => checkTtlSeconds(candidate.seconds, limits).ok);
}
