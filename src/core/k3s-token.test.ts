import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateK3sPki } from '../../test/support/k3s-pki.ts';
import {
  formatK3sToken,
  generateServerToken,
  k3sCaHash,
  normalizeServerToken,
  parseK3sToken,
  snapshotTokenHash,
  validateNewServerToken,
} from './k3s-token.ts';

const HASH = 'a'.repeat(64);
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** `openssl x509 -outform DER | sha256sum` of one PEM certificate: the fingerprint, computed without our code. */
function opensslFingerprint(pem: string): string {
  const der = execFileSync('openssl', ['x509', '-outform', 'DER'], { input: pem });
  return execFileSync('sha256sum', { input: der }).toString().split(' ')[0]!;
}

function splitPem(bundle: Buffer): string[] {
  return bundle.toString('latin1').match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n/g) ?? [];
}

describe('parseK3sToken (k3s parseToken)', () => {
  it.each([
    [`K10${HASH}::server:pw`, { caHash: HASH, credentials: { kind: 'password', username: 'server', password: 'pw' } }],
    ['K10::server:pw', { caHash: '', credentials: { kind: 'password', username: 'server', password: 'pw' } }],
    [`K10${HASH}::abcdef.0123456789abcdef`, { caHash: HASH, credentials: { kind: 'bootstrap', id: 'abcdef', secret: '0123456789abcdef' } }],
    ['abcdef.0123456789abcdef', { caHash: '', credentials: { kind: 'bootstrap', id: 'abcdef', secret: '0123456789abcdef' } }],
    // A bare password is rewritten as K10:::<pw>: user '', and every ':' stays in the password.
    ['just-a-password', { caHash: '', credentials: { kind: 'password', username: '', password: 'just-a-password' } }],
    ['a:b', { caHash: '', credentials: { kind: 'password', username: '', password: 'a:b' } }],
    ['K10::server:a:b', { caHash: '', credentials: { kind: 'password', username: 'server', password: 'a:b' } }],
    // No '::' after the prefix: the rest is the credentials, with no hash.
    ['K10node:pw', { caHash: '', credentials: { kind: 'password', username: 'node', password: 'pw' } }],
  ])('%s', (value, token) => {
    expect(parseK3sToken(value)).toEqual({ ok: true, token });
  });

  it.each([
    ['', /empty/],
    ['K10abc::server:pw', /3 characters/],
    [`K10${HASH}::no-colon`, /neither/],
    [`K10${HASH}::server:`, /neither/],
  ])('refuses %j', (value, error) => {
    const parsed = parseK3sToken(value);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(error);
  });

  it('never quotes the value in an error', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8 }), (value) => {
        for (const candidate of [value, `K10xyz::${value}`, `K10${HASH}::${value}`]) {
          const parsed = parseK3sToken(candidate);
          if (!parsed.ok) expect(parsed.error).not.toContain(value);
        }
        const normalized = normalizeServerToken(value);
        if (!normalized.ok) expect(normalized.error).not.toContain(value);
      }),
    );
  });
});

describe('formatK3sToken', () => {
  it('round-trips through the parser', () => {
    const token = formatK3sToken(HASH, 'abcdef.0123456789abcdef');
    expect(token).toBe(`K10${HASH}::abcdef.0123456789abcdef`);
    expect(parseK3sToken(token)).toMatchObject({ ok: true, token: { caHash: HASH, credentials: { kind: 'bootstrap', id: 'abcdef' } } });
    expect(formatK3sToken('', 'server:pw')).toBe('K10::server:pw');
  });

  it('refuses a hash that is not 64 lower-case hex characters', () => {
    expect(() => formatK3sToken('abc', 'server:pw')).toThrow(/64/);
    expect(() => formatK3sToken('A'.repeat(64), 'server:pw')).toThrow(/64/);
  });
});

describe('normalizeServerToken (k3s NormalizeToken)', () => {
  it.each([
    [`K10${HASH}::server:s3cret-pw`, 's3cret-pw', HASH],
    ['K10::server:s3cret-pw', 's3cret-pw', ''],
    ['s3cret-pw', 's3cret-pw', ''],
    // Without the K10 prefix it is a bare password, colon and all (k3s rewrites it as K10:::server:...).
    ['server:s3cret-pw', 'server:s3cret-pw', ''],
  ])('%s -> the password', (value, password, caHash) => {
    expect(normalizeServerToken(value)).toEqual({ ok: true, password, caHash });
  });

  it.each([
    ['abcdef.0123456789abcdef', /bootstrap token/],
    [`K10${HASH}::abcdef.0123456789abcdef`, /bootstrap token/],
    [`K10${HASH}::node:agent-pw`, /agent token/],
  ])('refuses %s', (value, error) => {
    const normalized = normalizeServerToken(value);
    expect(normalized.ok).toBe(false);
    expect(!normalized.ok && normalized.error).toMatch(error);
  });
});

describe('snapshotTokenHash (k3s ShortHash(password, 12))', () => {
  it('is the first 12 hex characters of sha256(password), as `printf %s PW | sha256sum` gives', () => {
    expect(snapshotTokenHash('correct-horse-battery-staple')).toBe('87cbebfeebc0');
    expect(snapshotTokenHash('9f86d081884c7d659a2feaa0c55ad015')).toBe('672124622314');
  });

  it('hashes the normalised password, so every form of one token gives the same hash', () => {
    const forms = [`K10${HASH}::server:pw-1`, 'K10::server:pw-1', 'pw-1'].map((form) => {
      const normalized = normalizeServerToken(form);
      return normalized.ok ? snapshotTokenHash(normalized.password) : form;
    });
    expect(new Set(forms)).toEqual(new Set([snapshotTokenHash('pw-1')]));
  });
});

describe('new server tokens', () => {
  it.each([
    ['', /empty/],
    ['abcdef.0123456789abcdef', /bootstrap-token shape.*k3s#12982/],
    [`K10${HASH}::server:new-pw`, /bare password/],
    ['with space', /whitespace/],
    ['trailing\n', /whitespace/],
  ])('refuses %j', (value, error) => {
    expect(validateNewServerToken(value)).toMatch(error);
  });

  it('accepts what k3s itself generates, and generates that: 32 hex characters', () => {
    const generated = generateServerToken();
    expect(generated).toMatch(/^[0-9a-f]{32}$/);
    expect(validateNewServerToken(generated)).toBeNull();
    expect(generateServerToken(() => new Uint8Array(16).fill(0xab))).toBe('ab'.repeat(16));
  });
});

describe('k3sCaHash (k3s hashCA)', () => {
  const single = generateK3sPki(false).caBundle;
  const chain = generateK3sPki(true).caBundle;

  it('one certificate: sha256 of the exact bytes, newline included', () => {
    expect(k3sCaHash(single)).toEqual({ hash: sha256(single), rule: 'pem-bytes', certificates: 1 });
    const crlf = Buffer.from(single.toString('latin1').replaceAll('\n', '\r\n'), 'latin1');
    expect(k3sCaHash(crlf).hash).toBe(sha256(crlf));
    expect(k3sCaHash(crlf).hash).not.toBe(k3sCaHash(single).hash);
  });

  it('a chain: sha256 of the root certificate DER, i.e. its fingerprint', () => {
    const [intermediate, root] = splitPem(chain);
    expect(k3sCaHash(chain)).toEqual({ hash: opensslFingerprint(root!), rule: 'root-der', certificates: 2 });
    // Same root, reordered intermediates or not: the hash survives an intermediate rotation.
    expect(k3sCaHash(`${intermediate!}${root!}\n`).hash).toBe(opensslFingerprint(root!));
  });

  it('a chain whose first certificate does not verify falls back to the bytes, as k3s does', () => {
    const unrelated = Buffer.concat([single, generateK3sPki(false).caBundle]);
    expect(k3sCaHash(unrelated)).toEqual({ hash: sha256(unrelated), rule: 'pem-bytes-unverified-chain', certificates: 2 });
    const farFuture = Date.parse('2100-01-01T00:00:00Z');
    expect(k3sCaHash(chain, farFuture).rule).toBe('pem-bytes-unverified-chain');
  });

  it('throws without a certificate', () => {
    expect(() => k3sCaHash('not a certificate')).toThrow(/no PEM certificate/);
  });
});
