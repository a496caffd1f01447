import { describe, expect, it } from 'vitest';
import { TokenTuiError } from '../../core/errors.ts';
import type { CreateTokenRequest } from '../../core/token.ts';
import {
  buildTokenSecret,
  formatRfc3339,
  parseRfc3339,
  secretNameForId,
  secretToToken,
  validateCreateRequest,
  type SecretObject,
} from './secret-mapping.ts';

const TOKEN_SECRET = '0123456789abcdef';
const b64 = (value: string) => Buffer.from(value).toString('base64');

function bootstrapSecret(name: string, plain: Record<string, string>, type = 'bootstrap.kubernetes.io/token'): SecretObject {
  return {
    metadata: { name, namespace: 'kube-system', uid: 'uid-1', resourceVersion: '42' },
    type,
    data: Object.fromEntries(Object.entries(plain).map(([key, value]) => [key, b64(value)])),
  };
}

const wellFormed = {
  'token-id': 'abcdef',
  'token-secret': TOKEN_SECRET,
  expiration: '2017-03-10T03:22:11Z',
  description: 'for node-7',
  'usage-bootstrap-signing': 'true',
  'usage-bootstrap-authentication': 'true',
  'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token,system:bootstrappers:extra',
};

function validationErrorOf(action: () => unknown): TokenTuiError {
  try {
    action();
  } catch (error) {
    if (error instanceof TokenTuiError) return error;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('secretToToken', () => {
  it('maps a well-formed Secret: sorted usages, split groups, expiry in ms, revision', () => {
    const token = secretToToken(bootstrapSecret('bootstrap-token-abcdef', wellFormed));
    expect(token).toEqual({
      id: 'abcdef',
      description: 'for node-7',
      expiresAt: Date.UTC(2017, 2, 10, 3, 22, 11),
      usages: ['authentication', 'signing'],
      groups: ['system:bootstrappers:kubeadm:default-node-token', 'system:bootstrappers:extra'],
      invalidReason: null,
      revision: { uid: 'uid-1', version: '42' },
    });
  });

  it('never copies the token secret into the Token', () => {
    const token = secretToToken(bootstrapSecret('bootstrap-token-abcdef', wellFormed));
    expect(JSON.stringify(token)).not.toContain(TOKEN_SECRET);
    const broken = secretToToken(bootstrapSecret('bootstrap-token-abcdef', { ...wellFormed, 'token-secret': 'NOT-A-SECRET-0123' }));
    expect(JSON.stringify(broken)).not.toContain('NOT-A-SECRET-0123');
    expect(broken.invalidReason).toContain('token-secret is not 16 characters');
  });

  it('reads absent optional keys as never-expiring, no description, no usages, no groups', () => {
    const token = secretToToken(bootstrapSecret('bootstrap-token-abcdef', { 'token-id': 'abcdef', 'token-secret': TOKEN_SECRET, 'auth-extra-groups': '' }));
    expect(token).toMatchObject({ expiresAt: null, description: '', usages: [], groups: [], invalidReason: null });
  });

  it('counts a usage only when its value is exactly "true"', () => {
    const token = secretToToken(bootstrapSecret('bootstrap-token-abcdef', { ...wellFormed, 'usage-bootstrap-signing': 'True' }));
    expect(token.usages).toEqual(['authentication']);
  });

  it.each([
    ['a name without the prefix', 'my-secret', wellFormed, /Secret name "my-secret" does not match/],
    ['a token-id that differs from the name', 'bootstrap-token-abcdef', { ...wellFormed, 'token-id': 'zzzzzz' }, /differs from the id in the Secret name/],
    ['an invalid token-id', 'bootstrap-token-abcdef', { ...wellFormed, 'token-id': 'NOT-VALID' }, /token id "NOT-VALID" must be exactly 6 characters/],
    ['a missing token-id', 'bootstrap-token-abcdef', { ...wellFormed, 'token-id': undefined }, /token-id is missing/],
    ['a missing secret', 'bootstrap-token-abcdef', { ...wellFormed, 'token-secret': undefined }, /token-secret is missing/],
    ['an unparseable expiration', 'bootstrap-token-abcdef', { ...wellFormed, expiration: 'tomorrow' }, /"tomorrow" is not an RFC 3339 time; .* treat the token as expired/],
    ['an invalid extra group', 'bootstrap-token-abcdef', { ...wellFormed, 'auth-extra-groups': 'system:nodes' }, /invalid "system:nodes"; the authenticator rejects/],
  ])('turns %s into an invalid row instead of throwing', (_case, name, plain, reason) => {
    const defined = Object.fromEntries(Object.entries(plain).filter(([, value]) => value !== undefined)) as Record<string, string>;
    const token = secretToToken(bootstrapSecret(name, defined));
    expect(token.invalidReason).toMatch(reason);
  });

  it('flags a Secret of another type, keeps the name-derived id, and survives an empty object', () => {
    const opaque = secretToToken(bootstrapSecret('bootstrap-token-abcdef', wellFormed, 'Opaque'));
    expect(opaque.invalidReason).toContain('Secret type is "Opaque"');
    expect(opaque.id).toBe('abcdef');
    const empty = secretToToken({});
    expect(empty.invalidReason).toContain('token-id is missing');
    expect(empty.revision).toBeUndefined();
  });
  it('decodes UTF-8 descriptions and unpadded base64 exactly as the bytes say', () => {
    const utf8 = secretToToken(bootstrapSecret('bootstrap-token-abcdef', { ...wellFormed, description: 'nœud 7 · 東京 ✓' }));
    expect(utf8.description).toBe('nœud 7 · 東京 ✓');
    const unpadded = bootstrapSecret('bootstrap-token-abcdef', wellFormed);
    const data = { ...unpadded.data, description: b64('for node-7').replace(/=+$/, '') };
    expect(secretToToken({ ...unpadded, data }).description).toBe('for node-7');
  });
});

describe('RFC 3339', () => {
  it('parses what Go time.RFC3339 accepts and rejects what it rejects', () => {
    expect(parseRfc3339('2017-03-10T03:22:11Z')).toBe(Date.UTC(2017, 2, 10, 3, 22, 11));
    expect(parseRfc3339('2017-03-10T05:22:11+02:00')).toBe(Date.UTC(2017, 2, 10, 3, 22, 11));
    expect(parseRfc3339('2017-03-10T03:22:11.5Z')).toBe(Date.UTC(2017, 2, 10, 3, 22, 11, 500));
    for (const bad of ['2017-02-30T00:00:00Z', '2017-03-10 03:22:11Z', '2017-03-10T03:22:11', '2017-13-01T00:00:00Z', '1489116131']) {
      expect(parseRfc3339(bad), bad).toBeNull();
    }
  });

  it('rejects well-shaped times that do not exist', () => {
    for (const bad of ['2017-02-29T00:00:00Z', '2017-04-31T00:00:00Z', '2017-03-10T24:00:00Z', '2017-03-10T23:60:00Z', '2017-03-10T23:59:60Z', '+17-03-10T03:22:11Z', '2017-3-10T03:22:11Z ']) {
      expect(parseRfc3339(bad), bad).toBeNull();
    }
    expect(parseRfc3339('2016-02-29T00:00:00Z')).toBe(Date.UTC(2016, 1, 29));
  });

  it('formats like kubeadm: UTC, no fractional seconds', () => {
    expect(formatRfc3339(Date.UTC(2017, 2, 10, 3, 22, 11, 987))).toBe('2017-03-10T03:22:11Z');
  });
});

describe('validateCreateRequest', () => {
  const base: CreateTokenRequest = { description: 'x', ttlSeconds: 3600 };

  it('fills kubeadm defaults and de-duplicates', () => {
    expect(validateCreateRequest(base)).toEqual({
      description: 'x',
      ttlSeconds: 3600,
      usages: ['authentication', 'signing'],
      groups: ['system:bootstrappers:kubeadm:default-node-token'],
    });
    expect(validateCreateRequest({ ...base, usages: ['signing', 'signing'], groups: [] })).toMatchObject({ usages: ['signing'], groups: [] });
  });

  it.each([
    ['ttl', { ttlSeconds: 0 }, /at least 1 s/],
    ['ttl', { ttlSeconds: Number.NaN }, /at least 1 s/],
    ['usages', { usages: ['authentication', 'sudo'] }, /unknown usage "sudo"/],
    ['groups', { groups: ['system:masters'] }, /must match system:bootstrappers:/],
    ['groups', { groups: ['system:bootstrappers'] }, /always granted/],
    ['maxUses', { fields: { maxUses: 1 } }, /have no maxUses/],
    ['scope', { fields: { scope: 'pool:a' } }, /have no scope/],
  ])('refuses a bad %s, naming the field and the fix', (field, change, message) => {
    const error = validationErrorOf(() => validateCreateRequest({ ...base, ...change }));
    expect(error.kind).toBe('validation');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith('kubeadm: ')).toBe(true);
    expect(error.hint).toBeTruthy();
  });

  it('accepts null (never expires)', () => {
    expect(validateCreateRequest({ ...base, ttlSeconds: null }).ttlSeconds).toBeNull();
  });
});

describe('buildTokenSecret', () => {
  const decoded = (secret: ReturnType<typeof buildTokenSecret>) =>
    Object.fromEntries(Object.entries(secret.data).map(([key, value]) => [key, Buffer.from(value, 'base64').toString()]));

  it('writes the Secret kubeadm writes', () => {
    const resolved = validateCreateRequest({ description: 'node-7', ttlSeconds: 90, groups: ['system:bootstrappers:a', 'system:bootstrappers:b'] });
    const secret = buildTokenSecret('abcdef', TOKEN_SECRET, resolved, Date.UTC(2017, 2, 10, 3, 20, 41, 400));
    expect(secret).toMatchObject({ metadata: { name: 'bootstrap-token-abcdef', namespace: 'kube-system' }, type: 'bootstrap.kubernetes.io/token' });
    expect(decoded(secret)).toEqual({
      'token-id': 'abcdef',
      'token-secret': TOKEN_SECRET,
      expiration: '2017-03-10T03:22:11Z',
      description: 'node-7',
      'usage-bootstrap-authentication': 'true',
      'usage-bootstrap-signing': 'true',
      'auth-extra-groups': 'system:bootstrappers:a,system:bootstrappers:b',
    });
  });

  it('omits expiration for never, and description and groups when empty', () => {
    const resolved = validateCreateRequest({ description: '', ttlSeconds: null, usages: [], groups: [] });
    expect(Object.keys(decoded(buildTokenSecret('abcdef', TOKEN_SECRET, resolved, 0))).sort()).toEqual(['token-id', 'token-secret']);
  });
});

describe('secretNameForId', () => {
  it('addresses valid and legacy-garbage ids, refuses full tokens without echoing the secret', () => {
    expect(secretNameForId('abcdef')).toBe('bootstrap-token-abcdef');
    expect(secretNameForId('not-valid')).toBe('bootstrap-token-not-valid');
    const error = validationErrorOf(() => secretNameForId(`abcdef.${TOKEN_SECRET}`));
    expect(error.field).toBe('id');
    expect(error.message).toContain('is a full token');
    expect(error.message).not.toContain(TOKEN_SECRET);
    expect(validationErrorOf(() => secretNameForId('../x')).kind).toBe('validation');
  });
});

describe('secretToToken on answers of the wrong shape', () => {
  it('never throws: fields of the wrong type, or no object at all, make an invalid row', () => {
    for (const answer of [null, undefined, 'Secret', 42, [], { metadata: 'x', data: [1] }, { metadata: { name: 7, uid: {} }, data: { 'token-id': 5 } }]) {
      const token = secretToToken(answer as never);
      expect(token.invalidReason, JSON.stringify(answer)).not.toBeNull();
      expect(token.revision).toBeUndefined();
    }
  });
});
