// LXD token operations -> the contract's Token. A token is a running operation of class `token`
// whose metadata holds the secret: only the fields named here are read, so the secret can never
// reach a Token, a list or an event. Join tokens name the member (`serverName`), trust tokens the
// client (`request.name`); that name is the token's description.
import type { Token, TokenExtras } from '../../core/token.ts';
import { parseLxdTime } from './expiry.ts';
import { fieldsOfScope, formatLxdScope, type LxdTokenKind, type LxdTokenScope } from './scope.ts';
import type { LxdOperation } from './wire.ts';
import { byCodeUnits } from '../../core/code-unit-order.ts';

/** Statuses in which a token can still be used (Pending only for the instant before Running). */
const LIVE_STATUSES: ReadonlySet<string> = new Set(['Pending', 'Running']);

export function isTokenOperation(operation: LxdOperation): boolean {
  return operation.class === 'token';
}

export function isLiveTokenOperation(operation: LxdOperation): boolean {
  return isTokenOperation(operation) && LIVE_STATUSES.has(operation.status);
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export interface TokenFacts {
  readonly kind: LxdTokenKind | null;
  readonly name: string;
  readonly scope: LxdTokenScope | null;
  readonly expiresAt: number | null;
  readonly clientType: string | null;
}

/** The kind, name and restriction of a token operation (null kind: not one this adapter knows). */
export function tokenFacts(operation: LxdOperation): TokenFacts {
  const metadata = operation.metadata ?? {};
  const serverName = text(metadata['serverName']);
  if (serverName !== null) {
    return { kind: 'join', name: serverName, scope: { kind: 'join' }, expiresAt: parseLxdTime(metadata['expiresAt']), clientType: null };
  }
  const request = metadata['request'];
  if (typeof request === 'object' && request !== null) {
    const fields = request as Readonly<Record<string, unknown>>;
    const restricted = fields['restricted'] === true;
    const scope: LxdTokenScope = restricted
      ? { kind: 'trust', restricted, projects: texts(fields['projects']) }
      : { kind: 'trust', restricted: false };
    return { kind: 'trust', name: text(fields['name']) ?? '', scope, expiresAt: parseLxdTime(metadata['expiresAt']), clientType: text(fields['type']) };
  }
  return { kind: null, name: '', scope: null, expiresAt: null, clientType: null };
}

/** A token operation as a Token, without its secret. */
export function toLxdToken(operation: LxdOperation): Token {
  const facts = tokenFacts(operation);
  const metadata = operation.metadata ?? {};
  const extras: Record<string, string | number | boolean | null> = {
    kind: facts.kind,
    createdAt: operation.created_at,
    location: operation.location ?? null,
    serverFingerprint: text(metadata['fingerprint']),
    addresses: texts(metadata['addresses']).join(',') || null,
  };
  if (facts.kind === 'trust') {
    extras['clientType'] = facts.clientType;
    extras['restricted'] = facts.scope?.kind === 'trust' && facts.scope.restricted;
  }
  return {
    id: operation.id,
    description: facts.name,
    expiresAt: facts.expiresAt,
    usages: [],
    groups: [],
    invalidReason: facts.kind === null ? 'a token operation with neither a member name (serverName) nor a client request' : null,
    // An LXD token is spent by the one join or `remote add` that uses it.
    usesRemaining: 1,
    scope: facts.scope === null ? '' : formatLxdScope(facts.scope),
    // The create fields it was made with: a rotation's replacement is the same kind, restricted the same way.
    ...(facts.scope === null ? {} : { fields: fieldsOfScope(facts.scope) }),
    // Operation ids are never reused and created_at never changes: together they pin one token.
    revision: { uid: operation.id, version: operation.created_at },
    extras: extras satisfies TokenExtras,
  };
}

/** GET /1.0/operations?recursion=1 answer -> live token operations, oldest first. */
export function liveTokenOperations(byStatus: Readonly<Record<string, readonly LxdOperation[] | undefined>> | null): LxdOperation[] {
  const all = Object.values(byStatus ?? {}).flatMap((operations) => operations ?? []);
  return all.filter(isLiveTokenOperation).sort((a, b) => byCodeUnits(a.created_at, b.created_at));
}
