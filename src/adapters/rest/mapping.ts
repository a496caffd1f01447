// Contract JSON -> the core model: tokens, capabilities and the impact preview.
import { revisionToFingerprint } from '../../core/fingerprint.ts';
import type { ImpactItem, KnownImpact } from '../../core/impact.ts';
import { parseRfc3339 } from '../../core/rfc3339.ts';
import { terminalText } from '../../core/terminal-text.ts';
import type { Token } from '../../core/token.ts';
import type { AdapterCapabilities } from '../contract.ts';
import type { WireCapabilities, WireImpact, WireMachine, WireToken } from '../../rest-contract/wire.ts';
import { restCreateFields } from './create-fields.ts';

type Expiry = { readonly expiresAt: number | null; readonly problem: string | null };

/** A token's expiry; one the server wrote in no RFC 3339 form is a problem, never "never expires". */
function readExpiry(timestamp: string | null): Expiry {
  if (timestamp === null) return { expiresAt: null, problem: null };
  const parsed = parseRfc3339(timestamp);
  if (parsed !== null) return { expiresAt: parsed, problem: null };
  return { expiresAt: null, problem: `the server's expiresAt "${terminalText(timestamp, 40)}" is not an RFC 3339 time, so when it expires is unknown` };
}

/**
 * `revision.version` is the token's `etag`, which equals the ETag of its impact preview as
 * long as neither the token nor anything depending on it changes. So `revoke(id, token.revision)`
 * and `revoke(id, fingerprintToRevision(preview.fingerprint)) (fingerprint = `${id}:${etag}`)` send the same If-Match.
 */
export function toToken(wire: WireToken): Token {
  const expiry = readExpiry(wire.expiresAt);
  return {
    id: wire.id,
    description: wire.description,
    expiresAt: expiry.expiresAt,
    usages: [],
    groups: [],
    // A used-up token (status consumed, usesRemaining 0) is a valid record in the state
    // `used-up` (core/token.ts), not an invalid one: it may still be what machines depend on.
    // Invalid is only what the server wrote unreadably (an expiry in no RFC 3339 form).
    invalidReason: expiry.problem,
    isDefault: wire.isDefault,
    usesRemaining: wire.status === 'consumed' ? 0 : wire.usesRemaining,
    scope: wire.scope,
    ...(typeof wire.replaces === 'string' ? { replaces: wire.replaces } : {}),
    // What the token was created with, for a replacement (create-fields.ts): the limit, not what is left.
    fields: { scope: wire.scope, maxUses: wire.maxUses },
    revision: { uid: wire.id, version: wire.etag },
    extras: {
      // What the server itself says; the UI compares it with our clock to detect clock skew.
      serverStatus: wire.status,
      uses: wire.uses,
      maxUses: wire.maxUses,
      createdAt: wire.createdAt,
      createdBy: wire.createdBy,
    },
  };
}

export function toCapabilities(wire: WireCapabilities): AdapterCapabilities {
  return {
    create: true,
    // Revocation needs the ETag of an impact preview, so a server without impact cannot revoke.
    revoke: wire.impact,
    // Rotation is create -> make default -> preview -> revoke, done by the shared rotate plan.
    rotate: 'emulated',
    impactPreview: wire.impact,
    watch: wire.events,
    makeDefault: wire.makeDefault,
    joinCommand: true,
    // The join command is a curl that carries the secret itself: there is no shape to show without it.
    joinCommandShape: false,
    serverTokenRotation: false,
    secretCheck: wire.secretCheck === true,
    usages: [],
    defaultUsages: [],
    groups: false,
    defaultGroups: [],
    createFields: restCreateFields(wire.maxUses),
    recordsReplaces: wire.replaces === true,
    ttl: {
      defaultSeconds: wire.ttl.defaultSeconds,
      minSeconds: wire.ttl.minSeconds,
      maxSeconds: wire.ttl.maxSeconds,
      allowNever: wire.ttl.allowNever,
    },
  };
}

function lossDetail(machine: WireMachine, impact: WireImpact): string {
  if (impact.mode === 'legacy') {
    return 'authenticates with this join token (the server runs in legacy mode: no per-machine credentials)';
  }
  return machine.hasOwnCredential
    ? 'authenticates with this join token'
    : 'holds no credential of its own and authenticates with this join token';
}

export function toImpactPreview(wire: WireImpact): KnownImpact {
  const items: ImpactItem[] = [
    ...wire.affectedMachines.map((machine) => ({
      kind: 'machine-loses-access' as const,
      subject: machine.name,
      detail: lossDetail(machine, wire),
    })),
    ...wire.pendingEnrollments.map((machine) => ({
      kind: 'join-in-progress' as const,
      subject: machine.name,
      detail: `enrollment started ${machine.enrolledAt} is not complete; completing it needs this token`,
    })),
  ];
  if (wire.isDefault) {
    items.push({
      kind: 'cluster-wide',
      subject: 'default token',
      detail: 'this is the default token: new machines using the default token cannot join until another token is made default',
    });
  }
  for (const machine of wire.unaffectedMachines) {
    items.push({ kind: 'joined-keeps-working', subject: machine.name, detail: 'joined with this token; holds its own credential' });
  }
  return {
    state: 'known',
    tokenId: wire.tokenId,
    items,
    unknowns: [],
    // The one fingerprint rule (core/fingerprint.ts): `${uid}:${version}`, here token id and ETag.
    fingerprint: revisionToFingerprint({ uid: wire.tokenId, version: wire.etag }),
    // Checked as an RFC 3339 time on the way in (wire-check.ts).
    computedAt: parseRfc3339(wire.computedAt) ?? Number.NaN,
  };
}
