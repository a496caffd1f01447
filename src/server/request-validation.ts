// Request bodies -> validated inputs. Unknown fields are refused (a typo such as `ttl` for
// `ttlSeconds` must not silently fall back to a default). Errors name the field, never echo
// a value, so a pasted secret cannot come back in an error.
import { redactSecrets } from '../core/bootstrap-token.ts';
import type { WireTtlBounds } from '../rest-contract/wire.ts';
import { ApiError, validationError } from './api-error.ts';

const MAX_TEXT_LENGTH = 200;
const MACHINE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;
/**
 * What text fields refuse, because a terminal would act on it: control characters (C0, DEL,
 * C1, among them ESC and CSI), line and paragraph separators, and the bidirectional formatting
 * characters that make text display in another order than it reads (Trojan Source), and
 * unpaired surrogates (not text at all; in u-mode a paired one is one astral character). The
 * OpenAPI document states the same set as a pattern; a test holds the two together.
 */
export const UNSAFE_TEXT = /[\p{Cc}\p{Zl}\p{Zp}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/u;

type Body = Readonly<Record<string, unknown>>;

function objectBody(body: unknown, allowed: readonly string[]): Body {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'bad_request', 'request body must be a JSON object');
  }
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw validationError(key, `unknown field "${key.slice(0, 40)}" (allowed: ${allowed.join(', ')})`);
  }
  return body as Body;
}

function optionalText(body: Body, field: string): string {
  const value = body[field];
  if (value === undefined) return '';
  if (typeof value !== 'string') throw validationError(field, `${field} must be a string`);
  if (value.length > MAX_TEXT_LENGTH) throw validationError(field, `${field} must be at most ${MAX_TEXT_LENGTH} characters`);
  if (UNSAFE_TEXT.test(value)) {
    throw validationError(field, `${field} must not contain control, line-break or bidirectional formatting characters`);
  }
  if (redactSecrets(value) !== value) throw validationError(field, `${field} looks like it contains a join token secret`);
  return value;
}

function optionalBoolean(body: Body, field: string, fallback: boolean): boolean {
  const value = body[field];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw validationError(field, `${field} must be true or false`);
  return value;
}

export interface CreateTokenInput {
  readonly ttlSeconds: number | null;
  readonly maxUses: number | null;
  readonly description: string;
  readonly scope: string;
  readonly replaces: string | null;
}

// A token id as this server mints them (36^6), or as another backend names its tokens: short,
// plain, never a secret.
const REPLACED_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

function parseReplaces(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || !REPLACED_ID.test(value)) {
    throw validationError('replaces', 'replaces must be the id of the token this one replaces (letters, digits, . _ -, at most 63 characters)');
  }
  return value;
}

export function parseCreateTokenRequest(body: unknown, ttl: WireTtlBounds): CreateTokenInput {
  const fields = objectBody(body, ['ttlSeconds', 'maxUses', 'description', 'scope', 'replaces']);
  return {
    ttlSeconds: parseTtl(fields.ttlSeconds, ttl),
    maxUses: parseMaxUses(fields.maxUses),
    description: optionalText(fields, 'description'),
    scope: optionalText(fields, 'scope'),
    replaces: parseReplaces(fields.replaces),
  };
}

function parseTtl(value: unknown, ttl: WireTtlBounds): number | null {
  if (value === undefined) return ttl.defaultSeconds;
  if (value === null) {
    if (ttl.allowNever) return null;
    throw validationError('ttlSeconds', 'this server does not allow tokens that never expire');
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw validationError('ttlSeconds', 'ttlSeconds must be a whole number of seconds, or null for never');
  }
  if (value < ttl.minSeconds) throw validationError('ttlSeconds', `ttlSeconds must be at least ${ttl.minSeconds}`);
  if (ttl.maxSeconds !== null && value > ttl.maxSeconds) {
    throw validationError('ttlSeconds', `ttlSeconds must be at most ${ttl.maxSeconds}`);
  }
  return value;
}

function parseMaxUses(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1_000_000) {
    throw validationError('maxUses', 'maxUses must be a whole number from 1 to 1000000 (1 = single use), or null for unlimited');
  }
  return value;
}

function requiredToken(fields: Body): string {
  const token = fields.token;
  if (typeof token !== 'string' || token === '' || token.length > 256) {
    throw validationError('token', 'token must be the join token string');
  }
  return token;
}

function requiredMachine(fields: Body): string {
  const machine = fields.machine;
  if (typeof machine !== 'string' || !MACHINE_NAME.test(machine)) {
    throw validationError('machine', 'machine must be a host name: letters, digits, ".", "_" or "-" (at most 253)');
  }
  return machine;
}

export interface BootstrapInput {
  readonly token: string;
  readonly machine: string;
  readonly canHoldCredential: boolean;
  readonly pending: boolean;
}

export function parseBootstrapRequest(body: unknown): BootstrapInput {
  if (body === undefined) throw new ApiError(400, 'bad_request', 'request body must be a JSON object');
  const fields = objectBody(body, ['token', 'machine', 'canHoldCredential', 'pending']);
  return {
    token: requiredToken(fields),
    machine: requiredMachine(fields),
    canHoldCredential: optionalBoolean(fields, 'canHoldCredential', true),
    pending: optionalBoolean(fields, 'pending', false),
  };
}

export function parseCompleteRequest(body: unknown): { readonly token: string; readonly machine: string } {
  if (body === undefined) throw new ApiError(400, 'bad_request', 'request body must be a JSON object');
  const fields = objectBody(body, ['token', 'machine']);
  return { token: requiredToken(fields), machine: requiredMachine(fields) };
}

/** A positive integer query parameter, or the fallback when absent. */
export function queryInteger(params: URLSearchParams, name: string, fallback: number | null, max: number): number | null {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || value < 1 || value > max) {
    throw validationError(name, `${name} must be a whole number from 1 to ${max}`);
  }
  return value;
}

/** POST /api/v1/tokens/{id}/secret-check: `{"secretSha256": "<64 lowercase hex>"}`, as bytes. */
export function parseSecretCheckRequest(body: unknown): Uint8Array {
  const fields = objectBody(body, ['secretSha256']);
  const value = fields.secretSha256;
  if (typeof value !== 'string' || !/^[0-9a-f]{64}$/.test(value)) {
    throw validationError('secretSha256', 'secretSha256 must be the SHA-256 of the secret as 64 lowercase hex characters');
  }
  return Buffer.from(value, 'hex');
}
