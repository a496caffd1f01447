// A sweep's roles and its checks after a twin (sweep-revoke.ts): contexts whose previews name one
// token object revoke it once, from the first writable one; the others, read-only ones too, check
// from where they stand that it is gone, and a writable one revokes it itself when it is not.
import { describe, expect, it } from 'vitest';
import type { TokenAdapter } from '../../src/adapters/contract.ts';
import { afterTwin, sweepRoles, sweepRow } from '../../src/adapters/operations/sweep-revoke.ts';
import type { RevokeOutcome } from '../../src/adapters/operations/revoke.ts';
import { TokenTuiError } from '../../src/core/errors.ts';
import type { ImpactPreview } from '../../src/core/impact.ts';
import { token } from '../ui/fixtures.ts';

const preview = (fingerprint: string): ImpactPreview => ({ state: 'known', tokenId: 'abcdef', items: [], unknowns: [], fingerprint, computedAt: 0 });
const instant = { sleep: async () => undefined };
const revokedOutcome: RevokeOutcome = { kind: 'revoked', report: undefined, gone: { gone: true } };

/** An adapter whose get says whether the token is still there. */
function adapter(stillThere: boolean): TokenAdapter {
  return {
    id: 'kubeadm',
    get: async (tokenId: string) => {
      if (stillThere) return token(tokenId, { revision: { uid: 'uid-a', version: '7' } });
      throw new TokenTuiError('not-found', `token ${tokenId} not found`);
    },
  } as unknown as TokenAdapter;
}

describe('sweepRoles', () => {
  it('the first writable context of each token object revokes; the others (read-only too) check after it; read-only alone is skipped', () => {
    const roles = sweepRoles([
      { context: 'prod-view', readonly: true, preview: preview('uid-a:7') },
      { context: 'prod', readonly: false, preview: preview('uid-a:7') },
      { context: 'prod-admin', readonly: false, preview: preview('uid-a:7') },
      { context: 'lab', readonly: false, preview: preview('uid-b:3') },
      { context: 'dr-view', readonly: true, preview: preview('uid-c:1') },
      { context: 'odd-1', readonly: false, preview: preview('') },
      { context: 'odd-2', readonly: false, preview: preview('') },
    ]);
    expect(Object.fromEntries(roles)).toEqual({
      'prod-view': { kind: 'after', twin: 'prod' },
      prod: { kind: 'revoke' },
      'prod-admin': { kind: 'after', twin: 'prod' },
      lab: { kind: 'revoke' },
      'dr-view': { kind: 'read-only' },
      // An empty fingerprint names no object: never taken for another.
      'odd-1': { kind: 'revoke' },
      'odd-2': { kind: 'revoke' },
    });
  });
});

describe('afterTwin', () => {
  it('gone from here after the twin revoked it: nothing sent, read-only or not', async () => {
    const sent: string[] = [];
    const own = async () => (sent.push('own'), revokedOutcome);
    expect(await afterTwin({ adapter: adapter(false), preview: preview('uid-a:7') }, 'prod', revokedOutcome, own, instant)).toEqual({ kind: 'gone-with', twin: 'prod', gone: { gone: true } });
    expect(await afterTwin({ adapter: adapter(false), preview: preview('uid-a:7') }, 'prod', revokedOutcome, undefined, instant)).toMatchObject({ kind: 'gone-with' });
    expect(sent).toEqual([]);
    expect(sweepRow({ kind: 'gone-with', twin: 'prod', gone: { gone: true } })).toEqual({ outcome: 'revoked', detail: 'verified gone: the same token as in prod, revoked there (one cluster or store)' });
  });

  it('still there, or the twin did not revoke: its own revoke, or skipped when read-only', async () => {
    const sent: string[] = [];
    const own = async () => (sent.push('own'), revokedOutcome);
    await afterTwin({ adapter: adapter(true), preview: preview('uid-a:7') }, 'prod', revokedOutcome, own, instant);
    await afterTwin({ adapter: adapter(false), preview: preview('uid-a:7') }, 'prod', { kind: 'failed', error: new TokenTuiError('transport', 'refused') }, own, instant);
    await afterTwin({ adapter: adapter(false), preview: preview('uid-a:7') }, 'prod', undefined, own, instant);
    expect(sent).toEqual(['own', 'own', 'own']);
    const readOnly = await afterTwin({ adapter: adapter(true), preview: preview('uid-a:7') }, 'prod', revokedOutcome, undefined, instant);
    expect(readOnly).toEqual({ kind: 'read-only' });
    expect(sweepRow(readOnly)).toEqual({ outcome: 'skipped', detail: 'read-only context: nothing was revoked there' });
  });
});
