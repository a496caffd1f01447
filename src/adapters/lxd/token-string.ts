// The credential a machine or client presents: base64 of a JSON object, built exactly as `lxc
// cluster add` and `lxc config trust add` print it (LXD's api.ClusterMemberJoinToken and
// api.CertificateAddToken), so `lxd init` and `lxc remote add` accept what tokentui shows.
// It is made once, from the create answer, and never from a list.
import { TokenTuiError } from '../../core/errors.ts';
import { LXD_SOURCE, type LxdTokenKind } from './scope.ts';
import type { LxdOperation } from './wire.ts';

/** What LXD writes as the expiry of a token that never expires (Go's zero time). */
const NO_EXPIRY = '0001-01-01T00:00:00Z';

export interface DecodedLxdToken {
  readonly kind: LxdTokenKind;
  /** Member name (join) or client name (trust). */
  readonly name: string;
  readonly fingerprint: string;
  readonly addresses: readonly string[];
  readonly secret: string;
  readonly expiresAt: string;
}

function field(metadata: Readonly<Record<string, unknown>>, name: string): string {
  const value = metadata[name];
  if (typeof value !== 'string' || value === '') {
    throw new TokenTuiError('server', `the token operation has no ${name}; cannot build the token`, { source: LXD_SOURCE });
  }
  return value;
}

function addressesOf(metadata: Readonly<Record<string, unknown>>): string[] {
  const addresses = metadata['addresses'];
  return Array.isArray(addresses) ? addresses.filter((address): address is string => typeof address === 'string') : [];
}

/** The token text for a freshly created token operation (join or trust). */
export function encodeLxdToken(operation: LxdOperation, kind: LxdTokenKind): string {
  const metadata = operation.metadata ?? {};
  const fingerprint = field(metadata, 'fingerprint');
  const secret = field(metadata, 'secret');
  const addresses = addressesOf(metadata);
  const expiresAt = typeof metadata['expiresAt'] === 'string' && metadata['expiresAt'] !== '' ? metadata['expiresAt'] : NO_EXPIRY;
  // Key order as Go marshals the structs (decoders do not care; people comparing outputs do).
  const body =
    kind === 'join'
      ? { server_name: field(metadata, 'serverName'), fingerprint, addresses, secret, expires_at: expiresAt }
      : { client_name: trustClientName(metadata), fingerprint, addresses, secret, expires_at: expiresAt };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64');
}

function trustClientName(metadata: Readonly<Record<string, unknown>>): string {
  const request = metadata['request'];
  const name = typeof request === 'object' && request !== null ? (request as Record<string, unknown>)['name'] : undefined;
  if (typeof name !== 'string') throw new TokenTuiError('server', 'the trust token operation has no client name', { source: LXD_SOURCE });
  return name;
}

/** A token text back into its parts; null when it is not an LXD token. */
export function decodeLxdToken(text: string): DecodedLxdToken | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text.trim(), 'base64').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const body = parsed as Record<string, unknown>;
  const name = typeof body['server_name'] === 'string' ? body['server_name'] : body['client_name'];
  const { fingerprint, secret } = body;
  if (typeof name !== 'string' || typeof fingerprint !== 'string' || typeof secret !== 'string') return null;
  return {
    kind: typeof body['server_name'] === 'string' ? 'join' : 'trust',
    name,
    fingerprint,
    addresses: addressesOf(body),
    secret,
    expiresAt: typeof body['expires_at'] === 'string' ? body['expires_at'] : NO_EXPIRY,
  };
}
