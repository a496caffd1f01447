// The impact preview every revoke starts from. An adapter that cannot preview still gets one:
// `unknown` (so the operator must type the token id), with the reason, and the fingerprint of
// the token as read now, so the revoke that follows is still pinned to what was previewed.
import type { Clock } from '../../core/clock.ts';
import { revisionToFingerprint } from '../../core/fingerprint.ts';
import type { ImpactPreview } from '../../core/impact.ts';
import type { TokenAdapter } from '../contract.ts';
import { supports } from './capabilities.ts';

export function cannotPreviewReason(adapter: Pick<TokenAdapter, 'id'>): string {
  return `the ${adapter.id} adapter cannot preview impact`;
}

/** The adapter's preview, or an `unknown` one; 'not-found' when the token is absent. Only reads. */
export async function previewImpact(adapter: TokenAdapter, tokenId: string, clock: Clock): Promise<ImpactPreview> {
  if (supports(adapter, 'impact')) return adapter.impact(tokenId);
  // Still read the token: it must exist, and its revision keeps the revoke preconditioned.
  const token = await adapter.get(tokenId);
  return {
    state: 'unknown',
    tokenId,
    reason: cannotPreviewReason(adapter),
    fingerprint: token.revision === undefined ? '' : revisionToFingerprint(token.revision),
    computedAt: clock.now(),
  };
}
