import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  BOOTSTRAP_GROUP_PATTERN,
  BOOTSTRAP_TOKEN_CHARS,
  BOOTSTRAP_TOKEN_ID_PATTERN,
  BOOTSTRAP_TOKEN_PATTERN,
  BOOTSTRAP_TOKEN_SECRET_PATTERN,
  KNOWN_USAGES,
  generateTokenId,
  generateTokenSecret,
  parseList,
  redactSecrets,
  splitBootstrapToken,
  validateGroup,
  validateTokenId,
  validateUsages,
  type ByteSource,
} from './bootstrap-token.ts';

/** A byte source that replays `bytes`, then repeats `fallback`; records every byte handed out. */
function scriptedSource(bytes: readonly number[], fallback = 7): { source: ByteSource; served: number[] } {
  const served: number[] = [];
  let position = 0;
  const source: ByteSource = (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = position < bytes.length ? (bytes[position++] as number) : fallback;
    served.push(...out);
    return out;
  };
  return { source, served };
}

/** What kubernetes randBytes yields for a byte stream: drop >= 252, then index mod 36. */
function modelChars(stream: readonly number[], length: number): string {
  return stream
    .filter((byte) => byte < 252)
    .slice(0, length)
    .map((byte) => BOOTSTRAP_TOKEN_CHARS[byte % 36])
    .join('');
}

const lowerAlnum = fc.constantFrom(...BOOTSTRAP_TOKEN_CHARS.split(''));
const tokenIdArb = fc.string({ unit: lowerAlnum, minLength: 6, maxLength: 6 });
const tokenSecretArb = fc.string({ unit: lowerAlnum, minLength: 16, maxLength: 16 });

describe('patterns', () => {
  it.each([
    ['abcdef.0123456789abcdef', true],
    ['ABCDEF.0123456789abcdef', false],
    ['abcdef.0123456789abcde', false],
    ['abcdef0123456789abcdef', false],
    ['abcdef.0123456789abcdef\n', false],
    [' abcdef.0123456789abcdef', false],
  ])('token %j matches: %s', (value, matches) => {
    expect(BOOTSTRAP_TOKEN_PATTERN.test(value)).toBe(matches);
  });

  it.each([
    ['system:bootstrappers:kubeadm:default-node-token', true],
    ['system:bootstrappers:a', true],
    [`system:bootstrappers:${'a'.repeat(256)}`, true],
    [`system:bootstrappers:${'a'.repeat(257)}`, false],
    ['system:bootstrappers', false],
    ['system:bootstrappers:', false],
    ['system:bootstrappers:nodes-', false],
    ['system:bootstrappers:Nodes', false],
    ['system:nodes', false],
  ])('group %j matches: %s', (value, matches) => {
    expect(BOOTSTRAP_GROUP_PATTERN.test(value)).toBe(matches);
  });
});

describe('generation', () => {
  it('generated ids, secrets and tokens always match their patterns', () => {
    for (let i = 0; i < 500; i++) {
      expect(generateTokenId()).toMatch(BOOTSTRAP_TOKEN_ID_PATTERN);
      expect(generateTokenSecret()).toMatch(BOOTSTRAP_TOKEN_SECRET_PATTERN);
      expect(`${generateTokenId()}.${generateTokenSecret()}`).toMatch(BOOTSTRAP_TOKEN_PATTERN);
    }
  });

  it('skips bytes >= 252 and maps the rest modulo 36', () => {
    const { source } = scriptedSource([252, 253, 254, 255, 0, 35, 36, 251, 71, 72]);
    // 0->'0', 35->'z', 36->'0', 251->'z' (251 % 36 = 35), 71->'z', 72->'0'
    expect(generateTokenId(source)).toBe('0z0zz0');
  });

  it('matches the kubernetes model for any byte stream, so no byte >= 252 is ever mapped', () => {
    const bytes = fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 80 });
    fc.assert(
      fc.property(bytes, fc.boolean(), (stream, wantSecret) => {
        const { source, served } = scriptedSource(stream);
        const length = wantSecret ? 16 : 6;
        const value = wantSecret ? generateTokenSecret(source) : generateTokenId(source);
        expect(value).toBe(modelChars(served, length));
        expect(value).toMatch(wantSecret ? BOOTSTRAP_TOKEN_SECRET_PATTERN : BOOTSTRAP_TOKEN_ID_PATTERN);
      }),
    );
  });

  it('a source of only rejected bytes is an error, not a hang', () => {
    const { source } = scriptedSource([], 252);
    expect(() => generateTokenId(source)).toThrow(/no usable bytes/);
  });
});

describe('validation', () => {
  it('accepts a valid id and explains an invalid one', () => {
    expect(validateTokenId('abc123')).toBeNull();
    expect(validateTokenId('ABC123')).toBe('token id "ABC123" must be exactly 6 characters of a-z and 0-9 (e.g. abcdef)');
    expect(validateTokenId('abc12')).toContain('exactly 6 characters');
  });

  it('never echoes the secret when a full token is given as an id', () => {
    const message = validateTokenId('abcdef.0123456789abcdef');
    expect(message).toContain('full token');
    expect(message).not.toContain('0123456789abcdef');
  });

  it('validates groups with the pattern and an example', () => {
    expect(validateGroup('system:bootstrappers:kubeadm:default-node-token')).toBeNull();
    expect(validateGroup('foo')).toBe(
      'group "foo" must match system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9] (e.g. system:bootstrappers:kubeadm:default-node-token)',
    );
    expect(validateGroup('system:bootstrappers')).toContain('always granted');
  });

  it('validates usages against the known list', () => {
    expect(KNOWN_USAGES).toEqual(['authentication', 'signing']);
    expect(validateUsages([])).toBeNull();
    expect(validateUsages(['signing', 'authentication'])).toBeNull();
    expect(validateUsages(['auth'])).toBe('unknown usage "auth" (valid usages: authentication, signing)');
    expect(validateUsages(['x', 'signing', 'y', 'x'])).toBe('unknown usages "x", "y" (valid usages: authentication, signing)');
  });

  it.each([
    ['signing,authentication', ['signing', 'authentication']],
    [' a , b,,c ,', ['a', 'b', 'c']],
    ['', []],
    [' , ', []],
  ])('parseList(%j)', (csv, expected) => {
    expect(parseList(csv)).toEqual(expected);
  });
});

describe('splitting and masking', () => {
  it('splits only exact tokens', () => {
    expect(splitBootstrapToken('abcdef.0123456789abcdef')).toEqual({ id: 'abcdef', secret: '0123456789abcdef' });
    expect(splitBootstrapToken('abcdef.0123456789abcdef ')).toBeNull();
    expect(splitBootstrapToken('abcdef')).toBeNull();
  });

  it('masks the secret part', () => {
    expect(redactSecrets('abcdef.0123456789abcdef')).toBe('abcdef.****************');
    const hash = 'ab'.repeat(32);
    expect(redactSecrets(`K10${hash}::server:hunter2`)).toBe(`K10${hash}::****`);
    expect(redactSecrets('not-a-token-secret')).toBe('not-a-token-secret');
  });
});

describe('redactSecrets', () => {
  const hash = '0123456789abcdef'.repeat(4);

  it.each([
    ['token abcdef.0123456789abcdef here', 'token abcdef.**************** here'],
    ['"abcdef.0123456789abcdef"', '"abcdef.****************"'],
    ['TOKEN_abcdef.0123456789abcdef', 'TOKEN_abcdef.****************'],
    ['a=abcdef.0123456789abcdef,b=zzzzzz.yyyyyyyyyyyyyyyy', 'a=abcdef.****************,b=zzzzzz.****************'],
    // Not a token: longer runs on either side of the dot.
    ['xabcdef.0123456789abcdef', 'xabcdef.0123456789abcdef'],
    ['abcdef.0123456789abcdef0', 'abcdef.0123456789abcdef0'],
    ['bootstrap-token-abcdef', 'bootstrap-token-abcdef'],
    [`K10${hash}::server:hunter2 rest`, `K10${hash}::**** rest`],
    [`K10${hash}::abcdef.0123456789abcdef`, `K10${hash}::****`],
    [`{"token":"K10${hash}::node:pw"}`, `{"token":"K10${hash}::****"}`],
    ['K10::node:pw', 'K10::****'],
    ['no secrets here', 'no secrets here'],
  ])('%j -> %j', (text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it('never leaves an embedded bootstrap secret in the output', () => {
    const before = fc.string({ unit: 'binary' }).filter((s) => !/[a-z0-9]$/.test(s));
    const after = fc.string({ unit: 'binary' }).filter((s) => !/^[a-z0-9]/.test(s));
    fc.assert(
      fc.property(before, tokenIdArb, tokenSecretArb, after, (prefix, id, secret, suffix) => {
        fc.pre(!prefix.includes(secret) && !suffix.includes(secret));
        const out = redactSecrets(`${prefix}${id}.${secret}${suffix}`);
        expect(out).not.toContain(secret);
        expect(out).toContain(`${id}.****************`);
      }),
    );
  });

  it('never leaves k3s credentials in the output', () => {
    const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), minLength: 64, maxLength: 64 });
    const password = fc.string({ unit: fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'.split('')), minLength: 12, maxLength: 40 });
    fc.assert(
      fc.property(fc.string(), fc.option(hex, { nil: '' }), fc.constantFrom('server:', 'node:', ''), password, fc.string(), (prefix, caHash, user, pw, suffix) => {
        fc.pre(!prefix.includes(pw));
        const out = redactSecrets(`${prefix}K10${caHash}::${user}${pw}${suffix}`);
        expect(out).not.toContain(pw);
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const once = redactSecrets(text);
        expect(redactSecrets(once)).toBe(once);
      }),
    );
  });
});
