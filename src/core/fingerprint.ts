// The one rule every adapter follows for an impact preview's fingerprint: `${uid}:${version}`
// of the token state the preview was computed from (kubeadm: Secret uid and resourceVersion;
// rest: token id and ETag). The UI turns it back into the revoke precondition without knowing
// which adapter it talks to. Split at the FIRST ':' because a uid never holds one, while a
// version (an ETag, a resourceVersion) may.
import { TokenTuiError } from './errors.ts';
import type { TokenRevision } from './token.ts';

export function revisionToFingerprint(revision: TokenRevision): string {
  return `${revision.uid}:${revision.version}`;
}

/** Throws when the fingerprint names no revision: revoking against it would be unconditional. */
export function fingerprintToRevision(fingerprint: string): TokenRevision {
  const colon = fingerprint.indexOf(':');
  if (colon <= 0 || colon === fingerprint.length - 1) {
    throw new TokenTuiError('server', `the impact preview's fingerprint "${fingerprint}" is not "uid:version"; nothing was revoked`, {
      hint: 'the adapter must format preview fingerprints as uid:version',
    });
  }
  return { uid: fingerprint.slice(0, colon), version: fingerprint.slice(colon + 1) };
}
