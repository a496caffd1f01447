// revokeOncePerToken: contexts whose previews name one token object revoke it once; the others
// check from where they stand that it is gone, and revoke it themselves when it is not (or when
// the first revoke did not happen). Fakes record every revoke sent.
import { describe, expect, it } from 'vitest';
import type { TokenAdapter } from '../../src/adapters/contract.ts';
import { revokeOncePerToken, sweepRow, type SweepRevokeTarget } from '../../src/adapters/operations/sweep-revoke.ts';
import type { RevokeOutcome } from '../../src/adapters/operations/revoke.ts';
import { TokenTuiError } from '../../src/core/errors.ts';
import type { ImpactPreview } from '../../src/core/impact.ts';
import { token } from '../ui/fixtures.ts';

const preview = (fingerprint: string): ImpactPreview => ({ state: 'known', tokenId: 'abcdef', items: [], unknowns: [], fingerprint, computedAt: 0 });
const instant = { sleep: async () => undefined };

/** An adapter whose get says whether the token is still there. */
function adapter(id: string, stillThere: boolean): TokenAdapter {
  return {
    id,
    get: async (tokenId: string) => {
      if (stillThere) return token(tokenId, { revision: { uid: 'uid-a', version: '7' } });
      throw new TokenTuiError('not-found', `token ${tokenId} not found`);
    },
  } as unknown as TokenAdapter;
}

function target(context: string, fingerprint: string, stillThere = false, adapterId = 'kubeadm'): SweepRevokeTarget {
  return { context, adapter: adapter(adapterId, stillThere), preview: preview(fingerprint) };
}

function recorder(outcome: RevokeOutcome = { kind: 'revoked', report: undefined, gone: { gone: true } }) {
  const sent: string[] = [];
  return { sent, revoke: (context: string) => async () => (sent.push(context), outcome) };
}

describe('revokeOncePerToken', () => {
  it('revokes one token object once; a context that sees it too checks it is gone', async () => {
    const once = revokeOncePerToken(instant);
    const { sent, revoke } = recorder();
    const [first, twin, other] = await Promise.all([
      once(target('prod', 'uid-a:7'), revoke('prod')),
      once(target('prod-admin', 'uid-a:7'), revoke('prod-admin')),
      once(target('lab', 'uid-b:3'), revoke('lab')),
    ]);
    expect(sent.sort()).toEqual(['lab', 'prod']);
    expect(first.kind).toBe('revoked');
    expect(twin).toEqual({ kind: 'gone-with', twin: 'prod', gone: { gone: true } });
    expect(other.kind).toBe('revoked');
    expect(sweepRow(twin)).toEqual({ outcome: 'revoked', detail: 'verified gone: the same token as in prod, revoked there (one cluster or store)' });
  });

  it('revokes it itself where it is still there, where the first revoke did not happen, or where another kind of adapter sees it', async () => {
    const once = revokeOncePerToken(instant);
    const { sent, revoke } = recorder();
    await Promise.all([once(target('prod', 'uid-a:7'), revoke('prod')), once(target('lookalike', 'uid-a:7', true), revoke('lookalike')), once(target('rest', 'uid-a:7', false, 'rest'), revoke('rest'))]);
    expect(sent.sort()).toEqual(['lookalike', 'prod', 'rest']);
    const failedFirst = revokeOncePerToken(instant);
    const failing = recorder({ kind: 'failed', error: new TokenTuiError('transport', 'connection refused') });
    await Promise.all([failedFirst(target('prod', 'uid-a:7'), failing.revoke('prod')), failedFirst(target('prod-admin', 'uid-a:7'), failing.revoke('prod-admin'))]);
    expect(failing.sent).toEqual(['prod', 'prod-admin']);
  });

  it('a preview without a fingerprint names no object: never taken for another', async () => {
    const once = revokeOncePerToken(instant);
    const { sent, revoke } = recorder();
    await Promise.all([once(target('a', ''), revoke('a')), once(target('b', ''), revoke('b'))]);
    expect(sent.sort()).toEqual(['a', 'b']);
  });
});
