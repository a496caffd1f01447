// A sweep's revokes (`revoke --everywhere`, fleet mode's "revoke all found"), for both front ends:
// each context's revoke exactly as it was previewed, all at once, except where two contexts see
// one token. Two contexts on one cluster (an admin and a read-write context, a load balancer and a
// node's address), or two replicas of one REST store, preview the same object: the same
// fingerprint (uid:version) from the same kind of adapter. The first of them revokes it; the others
// wait for that, then only check, each from where it stands, that the token is gone. Sent twice,
// the second DELETE found nothing and the sweep reported a failure to retry for a dead token.
// Should the token still be there for one of them (fingerprints alike by chance), that context
// revokes it itself, as previewed.
import type { ImpactPreview } from '../../core/impact.ts';
import type { TokenAdapter } from '../contract.ts';
import { preconditionOf, type RevokeOutcome } from './revoke.ts';
import { verifyTokenGone, type GoneCheck, type VerifyOptions } from './verify-gone.ts';

export interface SweepRevokeTarget {
  readonly context: string;
  readonly adapter: TokenAdapter;
  readonly preview: ImpactPreview;
}

export type SweepRevokeOutcome =
  | RevokeOutcome
  /** Not sent here: `twin` revoked the same token, and this context checked that it is gone. */
  | { readonly kind: 'gone-with'; readonly twin: string; readonly gone: GoneCheck };

/** Runs each target's revoke (`revoke`: revokeAsPreviewed with its journal), once per token object. */
export function revokeOncePerToken(verify: VerifyOptions = {}) {
  const first = new Map<string, { readonly context: string; readonly done: Promise<RevokeOutcome> }>();
  return (target: SweepRevokeTarget, revoke: () => Promise<RevokeOutcome>): Promise<SweepRevokeOutcome> => {
    const { adapter, preview } = target;
    // An empty fingerprint names no object: such a preview is revoked (and refused) on its own.
    const key = preview.fingerprint === '' ? undefined : `${adapter.id}\u0000${preview.fingerprint}`;
    const earlier = key === undefined ? undefined : first.get(key);
    if (earlier === undefined) {
      const done = revoke();
      if (key !== undefined) first.set(key, { context: target.context, done });
      return done;
    }
    return earlier.done.then(
      async (outcome): Promise<SweepRevokeOutcome> => {
        if (outcome.kind !== 'revoked') return revoke();
        // The same fingerprint parsed for the first context's revoke: it names a revision.
        const gone = await verifyTokenGone(adapter, preview.tokenId, preconditionOf(preview, adapter), verify);
        return gone.gone === true ? { kind: 'gone-with', twin: earlier.context, gone } : revoke();
      },
      () => revoke(),
    );
  };
}

export type SweepRowOutcome = 'revoked' | 'skipped' | 'failed';

/** One context's row after its revoke, in the words both front ends print. */
export function sweepRow(outcome: SweepRevokeOutcome): { readonly outcome: SweepRowOutcome; readonly detail: string } {
  switch (outcome.kind) {
    case 'failed':
      return { outcome: 'failed', detail: outcome.error.message };
    case 'conflict':
      return { outcome: 'skipped', detail: 'changed since the preview: nothing was revoked there; run again to see the new preview' };
    case 'gone-with':
      return { outcome: 'revoked', detail: `verified gone: the same token as in ${outcome.twin}, revoked there (one cluster or store)` };
    case 'revoked': {
      const { gone, report } = outcome;
      const verified = gone.gone === true ? 'verified gone' : `NOT verified gone: ${gone.detail}`;
      return { outcome: gone.gone === false ? 'failed' : 'revoked', detail: [verified, ...(report?.warnings ?? [])].join('; ') };
    }
  }
}
