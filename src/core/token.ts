// The token model shared by every adapter and every view. A Token never holds a secret:
// the only place a secret exists is a CreatedToken, returned once by create().
import type { CreateFieldValues } from './create-fields.ts';

/** `used-up`: every use of a use-limited token is spent; it stays listed but nothing can join with it. */
export type TokenStatus = 'active' | 'expired' | 'used-up' | 'invalid';

/** Extra, adapter-specific facts shown in views and in `list -o json` (never a secret). */
export type TokenExtras = Readonly<Record<string, string | number | boolean | null>>;

/** Opaque state the token was read in; a revoke can require it to be unchanged. */
export interface TokenRevision {
  readonly uid: string;
  readonly version: string;
}

export interface Token {
  readonly id: string;
  /** '' when the token has none. */
  readonly description: string;
  /** Epoch milliseconds; null = never expires. */
  readonly expiresAt: number | null;
  readonly usages: readonly string[];
  readonly groups: readonly string[];
  /** Why the backend's record cannot be used as a token (malformed Secret, ...); null when valid. */
  readonly invalidReason: string | null;
  readonly isDefault?: boolean;
  /** Remaining redemptions; null = unlimited; undefined = the backend has no such notion. */
  readonly usesRemaining?: number | null;
  /** What the token is for, shown as a column for backends without usages/groups (rest: its scope; lxd: its kind and projects). */
  readonly scope?: string;
  /** The id of the token this one was created to replace (a rotation), where the backend records it. */
  readonly replaces?: string;
  /** The values of the adapter's declared create fields (AdapterCapabilities.createFields) this token carries: a replacement copies them. */
  readonly fields?: CreateFieldValues;
  readonly revision?: TokenRevision;
  readonly extras?: TokenExtras;
}

/**
 * What an adapter calls a token's free-text fields where its backend means something narrower
 * (LXD: the description is the member's or client's name, the scope the token's kind). Absent:
 * "description" and "scope".
 */
export interface TokenFieldNames {
  /** Lower case, one or two words, e.g. 'name'. */
  readonly description?: string;
  /** One line saying what to type in it, for the create form. */
  readonly descriptionHelp?: string;
  /** e.g. 'kind'. */
  readonly scope?: string;
}

/** The front ends' word for a field: the adapter's (`name`), else the field's own (`description`). */
export function fieldName(names: TokenFieldNames | undefined, field: 'description' | 'scope'): string {
  return names?.[field] ?? field;
}

/** The same as a label: `Name`, `Description`. */
export function fieldLabel(names: TokenFieldNames | undefined, field: 'description' | 'scope'): string {
  const word = fieldName(names, field);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The one-time result of create(): the secret is here and nowhere else. */
export interface CreatedToken {
  readonly token: Token;
  /** The full credential a machine presents, e.g. `abcdef.0123456789abcdef`. */
  readonly secret: string;
}

export interface CreateTokenRequest {
  readonly description: string;
  /** Seconds; null = never expires (only where the adapter allows it). */
  readonly ttlSeconds: number | null;
  readonly usages?: readonly string[];
  readonly groups?: readonly string[];
  /** Values of the adapter's declared create fields, by key (a REST token's scope and max uses, ...). */
  readonly fields?: CreateFieldValues;
  /** A rotation's replacement: the old token's id, kept by backends that record it (capabilities.recordsReplaces). */
  readonly replaces?: string;
}

export function tokenStatus(token: Token, nowMs: number): TokenStatus {
  if (token.invalidReason !== null) return 'invalid';
  if (token.expiresAt !== null && token.expiresAt <= nowMs) return 'expired';
  if (isUsedUp(token)) return 'used-up';
  return 'active';
}

/** Remaining lifetime in ms, or null when the token never expires. */
export function remainingMs(token: Token, nowMs: number): number | null {
  return token.expiresAt === null ? null : token.expiresAt - nowMs;
}

/** Every use of a use-limited token is spent (the backend still lists it). */
export function isUsedUp(token: Token): boolean {
  return token.usesRemaining === 0;
}
