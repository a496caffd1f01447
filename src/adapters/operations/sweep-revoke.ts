// A sweep's revokes (`revoke --everywhere`, fleet mode's "revoke all found"), for both front ends.
// Each context's revoke is exactly as it was previewed, all at once, except where contexts see one
// token. Two contexts on one cluster (an admin and a read-write context, a saved read-only view
// and the kubeconfig context under it, a load balancer and a node's address), or two replicas of
// one REST store, preview the same object: the same fingerprint (uid:version). The first writable
// one revokes it; the others, read-only ones too, then check from where they stand that it is
// gone. Sent twice, the second DELETE found nothing and the sweep reported a failure to retry for
// a dead token; a read-only view said "skipped: nothing was revoked there" of a token that was
// gone. Where the token is still there after all (fingerprints alike by chance), a writable
// context revokes it itself, as previewed, and a read-only one is skipped.
import type { ImpactPreview } from '../../core/impact.ts';
import { previewedObject, type SweepEntry as PreviewedContext } from '../../core/sweep-impact.ts';
import type { TokenAdapter } from '../contract.ts';
import { preconditionOf, type RevokeOutcome } from './revoke.ts';
import { verifyTokenGone, type GoneCheck, type VerifyOptions } from './verify-gone.ts';

/** A context's preview in a sweep, and whether the context may write. */
export interface SweepEntry extends PreviewedContext {
  readonly readonly: boolean;
}

/** Who revokes the token a context sees: the context itself, a twin before it, or nobody (read-only, no writable twin). */
export type SweepRole = { readonly kind: 'revoke' } | { readonly kind: 'after'; readonly twin: string } | { readonly kind: 'read-only' };

/** Each context's role, the contexts grouped by the token object they preview (an empty fingerprint names none). */
export function sweepRoles(entries: readonly SweepEntry[]): ReadonlyMap<string, SweepRole> {
  const revoker = new Map<string, string>();
  for (const { context, readonly, preview } of entries) {
    const object = previewedObject(preview);
    if (!readonly && object !== undefined && !revoker.has(object)) revoker.set(object, context);
  }
  return new Map(
    entries.map(({ context, readonly, preview }): [string, SweepRole] => {
      const object = previewedObject(preview);
      const twin = object === undefined ? undefined : revoker.get(object);
      if (twin !== undefined && twin !== context) return [context, { kind: 'after', twin }];
      return [context, readonly ? { kind: 'read-only' } : { kind: 'revoke' }];
    }),
  );
}

export type SweepRevokeOutcome =
  | RevokeOutcome
  /** Nothing sent here: `twin` revoked the same token, and this context checked that it is gone. */
  | { readonly kind: 'gone-with'; readonly twin: string; readonly gone: GoneCheck }
  /** A read-only context: nothing was revoked there (and no twin's revoke made it gone). */
  | { readonly kind: 'read-only' };

/**
 * A context whose twin revoked (or tried to revoke) the token it sees: when the twin's revoke went
 * through and the token is gone from here too, `gone-with`; otherwise its own revoke (`own`), or
 * read-only when it has none.
 */
export async function afterTwin(
  target: { readonly adapter: TokenAdapter; readonly preview: ImpactPreview },
  twin: string,
  twinOutcome: RevokeOutcome | undefined,
  own: (() => Promise<RevokeOutcome>) | undefined,
  verify: VerifyOptions = {},
): Promise<SweepRevokeOutcome> {
  const { adapter, preview } = target;
  if (twinOutcome?.kind === 'revoked') {
    // The twin's revoke parsed this same fingerprint: it names a revision.
    const gone = await verifyTokenGone(adapter, preview.tokenId, preconditionOf(preview, adapter), verify);
    if (gone.gone === true) return { kind: 'gone-with', twin, gone };
  }
  return own === undefined ? { kind: 'read-only' } : own();
}

export type SweepRowOutcome = 'revoked' | 'skipped' | 'failed';

export const READ_ONLY_SKIPPED = 'read-only context: nothing was revoked there';

/** One context's row after its revoke, in the words both front ends print. */
export function sweepRow(outcome: SweepRevokeOutcome): { readonly outcome: SweepRowOutcome; readonly detail: string } {
  switch (outcome.kind) {
    case 'failed':
      return { outcome: 'failed', detail: outcome.error.message };
    case 'conflict':
      return { outcome: 'skipped', detail: 'changed since the preview: nothing was revoked there; run again to see the new preview' };
    case 'read-only':
      return { outcome: 'skipped', detail: READ_ONLY_SKIPPED };
    case 'gone-with':
      return { outcome: 'revoked', detail: `verified gone: the same token as in ${outcome.twin}, revoked there (one cluster or store)` };
    case 'revoked': {
      const { gone, report } = outcome;
      const verified = gone.gone === true ? 'verified gone' : `NOT verified gone: ${gone.detail}`;
      return { outcome: gone.gone === false ? 'failed' : 'revoked', detail: [verified, ...(report?.warnings ?? [])].join('; ') };
    }
  }
}
