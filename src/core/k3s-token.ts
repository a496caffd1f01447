// k3s token formats, mirroring k3s-io/k3s
// pkg/clientaccess/token.go (parseToken, hashCA) and pkg/util/token.go (NormalizeToken, ShortHash).
// No message here ever quotes the value it judges: a bare password matches no redaction pattern.
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { BOOTSTRAP_TOKEN_PATTERN, type ByteSource } from './bootstrap-token.ts';

export const K3S_TOKEN_PREFIX = 'K10';
/** sha256 in hex. */
export const K3S_CA_HASH_LENGTH = 64;
/** `etcd.k3s.cattle.io/snapshot-token-hash` holds this many hex characters. */
export const SNAPSHOT_TOKEN_HASH_LENGTH = 12;
/** The supervisor forces this Basic-auth user for `k3s token rotate`. */
export const SERVER_TOKEN_USERNAME = 'server';
/** The agent user in the server's passwd file (token `K10<hash>::node:<password>`). */
export const AGENT_TOKEN_USERNAME = 'node';

export type K3sCredentials =
  | { readonly kind: 'bootstrap'; readonly id: string; readonly secret: string }
  | { readonly kind: 'password'; readonly username: string; readonly password: string };

export interface ParsedK3sToken {
  /** '' when the token carries no CA hash (short format): the CA is then not verified. */
  readonly caHash: string;
  readonly credentials: K3sCredentials;
}

export type K3sParseResult = { readonly ok: true; readonly token: ParsedK3sToken } | { readonly ok: false; readonly error: string };

function parseCredentials(credentials: string): K3sCredentials | null {
  const bootstrap = BOOTSTRAP_TOKEN_PATTERN.exec(credentials);
  if (bootstrap) return { kind: 'bootstrap', id: bootstrap[1]!, secret: bootstrap[2]! };
  const colon = credentials.indexOf(':');
  if (colon < 0 || colon === credentials.length - 1) return null;
  return { kind: 'password', username: credentials.slice(0, colon), password: credentials.slice(colon + 1) };
}

/**
 * k3s's parseToken: a value without the K10 prefix is a short token (a bare password, or a
 * bootstrap `id.secret`); otherwise `K10<hash>::<credentials>` with a hash of 0 or 64 characters.
 */
export function parseK3sToken(value: string): K3sParseResult {
  if (value === '') return { ok: false, error: 'the token is empty' };
  let rest: string;
  if (!value.startsWith(K3S_TOKEN_PREFIX)) {
    rest = BOOTSTRAP_TOKEN_PATTERN.test(value) ? `::${value}` : `:::${value}`;
  } else {
    rest = value.slice(K3S_TOKEN_PREFIX.length);
  }
  const separator = rest.indexOf('::');
  let caHash = '';
  let credentials = rest;
  if (separator >= 0) {
    caHash = rest.slice(0, separator);
    credentials = rest.slice(separator + 2);
    if (caHash.length !== 0 && caHash.length !== K3S_CA_HASH_LENGTH) {
      return { ok: false, error: `the token's CA hash has ${caHash.length} characters; a K10 token carries 64 (sha256) or none` };
    }
  }
  const parsed = parseCredentials(credentials);
  if (parsed === null) return { ok: false, error: 'the token is neither K10<hash>::<user>:<password>, a bare password, nor a bootstrap token' };
  return { ok: true, token: { caHash, credentials: parsed } };
}

/** `K10<hash>::<credentials>` (the secure format k3s writes and prints). */
export function formatK3sToken(caHash: string, credentials: string): string {
  if (caHash !== '' && !/^[0-9a-f]{64}$/.test(caHash)) throw new Error('a K10 CA hash is 64 lower-case hex characters');
  return `${K3S_TOKEN_PREFIX}${caHash}::${credentials}`;
}

export type ServerPassword =
  | { readonly ok: true; readonly password: string; readonly caHash: string }
  | { readonly ok: false; readonly error: string };

/**
 * The server password inside a server token, as k3s's NormalizeToken finds it (K10 hash and
 * `user:` stripped). A bootstrap token is refused, as k3s refuses it ("failed to normalize server
 * token"); so is the agent token (`node:`), which the supervisor answers with 403 for a rotation.
 */
export function normalizeServerToken(value: string): ServerPassword {
  const parsed = parseK3sToken(value);
  if (!parsed.ok) return parsed;
  const { credentials, caHash } = parsed.token;
  if (credentials.kind === 'bootstrap') {
    return { ok: false, error: 'a bootstrap token (id.secret) is not a server token: give K10<hash>::server:<password> or the bare password' };
  }
  if (credentials.username === AGENT_TOKEN_USERNAME) {
    return { ok: false, error: 'this is the agent token (node:...); rotation needs the server token (/var/lib/rancher/k3s/server/token)' };
  }
  return { ok: true, password: credentials.password, caHash };
}

/** The `etcd.k3s.cattle.io/snapshot-token-hash` value for a server password: sha256(password)[:12]. */
export function snapshotTokenHash(password: string): string {
  return createHash('sha256').update(password, 'utf8').digest('hex').slice(0, SNAPSHOT_TOKEN_HASH_LENGTH);
}

/** Why `value` cannot be the new server password, or null. */
export function validateNewServerToken(value: string): string | null {
  if (value === '') return 'the new server token is empty';
  // k3s#12982: older servers answered 500 yet persisted it, and then could not start.
  if (BOOTSTRAP_TOKEN_PATTERN.test(value)) {
    return 'the new server token has the bootstrap-token shape (xxxxxx.yyyyyyyyyyyyyyyy), which k3s cannot use as a server token (k3s#12982)';
  }
  if (value.startsWith(K3S_TOKEN_PREFIX) && value.includes('::')) {
    return 'give the new server token as a bare password, not in K10<hash>::<user>:<password> form (k3s would store the whole string as the password)';
  }
  // k3s trims the token file when it reads it back: surrounding or embedded blanks would not survive.
  if (/[\s\p{Cc}]/u.test(value)) return 'the new server token contains whitespace or control characters';
  return null;
}

/** 16 random bytes in hex (32 characters), as the supervisor generates one (util.Random(16)). */
export function generateServerToken(random: ByteSource = (n) => randomBytes(n)): string {
  return Buffer.from(random(16)).toString('hex');
}

// ---- the CA hash (hashCA) ------------------------------------------------------------------

export type CaHashRule =
  /** One certificate: sha256 of the bundle's bytes exactly as served (the usual self-signed k3s CA). */
  | 'pem-bytes'
  /** A chain: sha256 of the DER of the root the first certificate chains to (its fingerprint). */
  | 'root-der'
  /** A chain whose first certificate does not verify against the rest: k3s falls back to the bytes. */
  | 'pem-bytes-unverified-chain';

export interface CaHash {
  readonly hash: string;
  readonly rule: CaHashRule;
  readonly certificates: number;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function parseCertificates(pem: string): X509Certificate[] {
  return [...pem.matchAll(PEM_CERTIFICATE)].map((block) => new X509Certificate(Buffer.from((block[1] ?? '').replace(/\s+/g, ''), 'base64')));
}

function isValidAt(certificate: X509Certificate, nowMs: number): boolean {
  return Date.parse(certificate.validFrom) <= nowMs && nowMs <= Date.parse(certificate.validTo);
}

function signedBy(child: X509Certificate, issuer: X509Certificate): boolean {
  return child.checkIssued(issuer) && child.verify(issuer.publicKey);
}

/**
 * The root the first certificate chains to through the others, or null (Go's x509 Verify with
 * the other certificates as roots and intermediates). Derived: k3s sorts roots by AuthorityKeyId
 * == SubjectKeyId; node:crypto does not expose those, so "self-signed" stands in for it.
 */
function chainRoot(certificates: readonly X509Certificate[], nowMs: number): X509Certificate | null {
  const [first, ...others] = certificates;
  if (first === undefined || !isValidAt(first, nowMs)) return null;
  const usable = others.filter((certificate) => isValidAt(certificate, nowMs));
  const roots = usable.filter((certificate) => signedBy(certificate, certificate));
  const intermediates = usable.filter((certificate) => !roots.includes(certificate));
  let current = first;
  for (let depth = 0; depth <= intermediates.length; depth++) {
    const root = roots.find((candidate) => signedBy(current, candidate));
    if (root !== undefined) return root;
    const next = intermediates.find((candidate) => candidate !== current && signedBy(current, candidate));
    if (next === undefined) return null;
    current = next;
  }
  return null;
}

/** k3s's hashCA over a CA bundle (the exact bytes of `/cacerts` or of a CA file). Throws without a certificate. */
export function k3sCaHash(bundle: Uint8Array | string, nowMs: number = Date.now()): CaHash {
  const bytes = typeof bundle === 'string' ? new Uint8Array(Buffer.from(bundle, 'utf8')) : bundle;
  const certificates = parseCertificates(Buffer.from(bytes).toString('latin1'));
  if (certificates.length === 0) throw new Error('the CA bundle holds no PEM certificate');
  if (certificates.length === 1) return { hash: sha256Hex(bytes), rule: 'pem-bytes', certificates: 1 };
  const root = chainRoot(certificates, nowMs);
  if (root === null) return { hash: sha256Hex(bytes), rule: 'pem-bytes-unverified-chain', certificates: certificates.length };
  return { hash: sha256Hex(new Uint8Array(root.raw)), rule: 'root-der', certificates: certificates.length };
}
