// Bootstrap-token formats, generation, validation and redaction. The patterns and the
// generator mirror kubernetes cluster-bootstrap (token/api/types.go, token/util/helpers.go)
// so a token we create is one kubeadm, the authenticator and the signer all accept.

// Go's patterns use \A...\z; JS `^...$` without the m flag anchors the same way.
export const BOOTSTRAP_TOKEN_ID_PATTERN = /^[a-z0-9]{6}$/;
export const BOOTSTRAP_TOKEN_SECRET_PATTERN = /^[a-z0-9]{16}$/;
export const BOOTSTRAP_TOKEN_PATTERN = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
export const BOOTSTRAP_GROUP_PATTERN = /^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$/;

export const BOOTSTRAP_SECRET_PREFIX = 'bootstrap-token-';
export const BOOTSTRAP_SECRET_TYPE = 'bootstrap.kubernetes.io/token';
/** Always granted by the authenticator, so it is never listed in auth-extra-groups. */
export const BOOTSTRAP_DEFAULT_GROUP = 'system:bootstrappers';

export const KNOWN_USAGES = ['authentication', 'signing'] as const;
export type KnownUsage = (typeof KNOWN_USAGES)[number];

export const BOOTSTRAP_TOKEN_ID_LENGTH = 6;
export const BOOTSTRAP_TOKEN_SECRET_LENGTH = 16;
export const BOOTSTRAP_TOKEN_CHARS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Returns n random bytes; injectable so tests can drive the rejection sampling. */
export type ByteSource = (n: number) => Uint8Array;

// Web Crypto's CSPRNG (the same OS source as node:crypto's randomBytes): reached through the
// global, so merely loading this module (every `tokentui list` does) does not load node:crypto.
const systemByteSource: ByteSource = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));

// 256 % 36 = 4: bytes 252..255 would make the first four characters more likely, so they
// are discarded (same rule as kubernetes randBytes).
const MAX_BYTE_VALUE = 252;
// A healthy source rejects ~1.6% of bytes; this many empty batches means it is broken.
const MAX_BATCHES = 100;

function randomTokenChars(length: number, random: ByteSource): string {
  let out = '';
  for (let batch = 0; out.length < length; batch++) {
    if (batch >= MAX_BATCHES) {
      throw new Error(`random byte source produced no usable bytes after ${MAX_BATCHES} batches`);
    }
    // Twice the length, like the Go bufio reader, so one call is almost always enough.
    for (const byte of random(length * 2)) {
      if (byte >= MAX_BYTE_VALUE) continue;
      out += BOOTSTRAP_TOKEN_CHARS[byte % BOOTSTRAP_TOKEN_CHARS.length];
      if (out.length === length) break;
    }
  }
  return out;
}

export function generateTokenId(random: ByteSource = systemByteSource): string {
  return randomTokenChars(BOOTSTRAP_TOKEN_ID_LENGTH, random);
}

export function generateTokenSecret(random: ByteSource = systemByteSource): string {
  return randomTokenChars(BOOTSTRAP_TOKEN_SECRET_LENGTH, random);
}

// User input is echoed back redacted and shortened: someone may paste a whole token
// into the id field, and a huge paste must not flood the screen.
function quoteInput(value: string): string {
  const redacted = redactSecrets(value);
  const short = redacted.length > 60 ? `${redacted.slice(0, 60)}…` : redacted;
  return JSON.stringify(short);
}

export function validateTokenId(value: string): string | null {
  if (BOOTSTRAP_TOKEN_ID_PATTERN.test(value)) return null;
  if (BOOTSTRAP_TOKEN_PATTERN.test(value)) {
    return `token id ${quoteInput(value)} is a full token: give only the 6 characters before the dot`;
  }
  return `token id ${quoteInput(value)} must be exactly 6 characters of a-z and 0-9 (e.g. abcdef)`;
}

export function validateGroup(value: string): string | null {
  if (BOOTSTRAP_GROUP_PATTERN.test(value)) return null;
  if (value === BOOTSTRAP_DEFAULT_GROUP) {
    return `group "${BOOTSTRAP_DEFAULT_GROUP}" is always granted: leave it out of the extra groups`;
  }
  return (
    `group ${quoteInput(value)} must match system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9] ` +
    '(e.g. system:bootstrappers:kubeadm:default-node-token)'
  );
}

function isKnownUsage(value: string): value is KnownUsage {
  return (KNOWN_USAGES as readonly string[]).includes(value);
}

/** An empty list is valid, as in kubeadm (its upload-certs token has no usages). */
export function validateUsages(usages: readonly string[]): string | null {
  const unknown = [...new Set(usages.filter((usage) => !isKnownUsage(usage)))];
  if (unknown.length === 0) return null;
  const noun = unknown.length === 1 ? 'usage' : 'usages';
  return `unknown ${noun} ${unknown.map(quoteInput).join(', ')} (valid usages: ${KNOWN_USAGES.join(', ')})`;
}

/** `"a, b,,c "` -> `['a', 'b', 'c']`: the shape of --usages / --groups flags and auth-extra-groups. */
export function parseList(csv: string): string[] {
  return csv
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Exact match only (no trimming), like kubeadm's parser. */
export function splitBootstrapToken(value: string): { id: string; secret: string } | null {
  const match = BOOTSTRAP_TOKEN_PATTERN.exec(value);
  if (!match || match[1] === undefined || match[2] === undefined) return null;
  return { id: match[1], secret: match[2] };
}

const MASKED_SECRET = '*'.repeat(BOOTSTRAP_TOKEN_SECRET_LENGTH);
const MASKED_CREDENTIALS = '****';

// k3s secure token: K10 + optional 64-hex CA hash + '::' + credentials (user:password or
// id.secret). The short form K10::creds has an empty hash. The credentials end at
// whitespace or a quote, so quoted tokens in logs and JSON keep their closing quote.
// No leading \b: `K10<hash>::` is specific enough, and `tokenK10...` must not leak.
const K3S_TOKEN_PATTERN = /K10((?:[0-9a-fA-F]{64})?)::[^\s"'`]+/g;
// "Word-bounded" in the token alphabet: a neighbour that could itself belong to a token
// blocks the match, while `_`, `=`, `.`, upper case etc. do not (unlike \b, which would
// let `TOKEN_abcdef.0123456789abcdef` through unredacted).
const BOOTSTRAP_TOKEN_IN_TEXT = /(?<![a-z0-9])([a-z0-9]{6})\.[a-z0-9]{16}(?![a-z0-9])/g;

/**
 * Masks every bootstrap token and every k3s token's credentials in free text. Applied to
 * every error message and log line, so it must over-redact rather than under-redact.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(K3S_TOKEN_PATTERN, (_match, hash: string) => `K10${hash}::${MASKED_CREDENTIALS}`)
    .replace(BOOTSTRAP_TOKEN_IN_TEXT, (_match, id: string) => `${id}.${MASKED_SECRET}`);
}
