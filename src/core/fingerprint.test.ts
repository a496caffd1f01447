import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenTuiError } from './errors.ts';
import { fingerprintToRevision, revisionToFingerprint } from './fingerprint.ts';

describe('preview fingerprint <-> revoke precondition', () => {
  it('splits at the first colon, keeping colons in the version (ETags, resourceVersions)', () => {
    expect(fingerprintToRevision('8f0c-uid:12345')).toEqual({ uid: '8f0c-uid', version: '12345' });
    expect(fingerprintToRevision('abcdef:W/"a:b"')).toEqual({ uid: 'abcdef', version: 'W/"a:b"' });
  });

  it('round-trips every uid without a colon and every non-empty version', () => {
    const uid = fc.string({ minLength: 1 }).filter((text) => !text.includes(':'));
    fc.assert(
      fc.property(uid, fc.string({ minLength: 1 }), (uidText, version) => {
        expect(fingerprintToRevision(revisionToFingerprint({ uid: uidText, version }))).toEqual({ uid: uidText, version });
      }),
    );
  });

  it('refuses a fingerprint that names no revision instead of revoking unconditionally', () => {
    for (const bad of ['', 'etag-without-uid', ':123', 'uid:']) {
      expect(() => fingerprintToRevision(bad), bad).toThrow(TokenTuiError);
    }
  });
});
