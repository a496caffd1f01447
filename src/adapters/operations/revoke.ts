// Revoking a token exactly as it was previewed, for every front end (the revoke command, the
// rotate command, the TUI's revoke screen and its rotation): the preview's fingerprint is the
// precondition, the attempt is journaled once, and an accepted revoke is checked to be gone with
// one retry policy (verify-gone.ts). The caller decided beforehand that the operator confirmed
// this preview (core/revoke-policy.ts); this function never asks.
import { summarizeImpact, type AuditConfirmation, type MutationAuditEntry } from '../../core/audit.ts';
import { TokenTuiError, toTokenTuiError } from '../../core/errors.ts';
import { fingerprintToRevision } from '../../core/fingerprint.ts';
import type { ImpactPreview } from '../../core/impact.ts';
import type { TokenRevision } from '../../core/token.ts';
import type { RevokeReport, TokenAdapter } from '../contract.ts';
import { UNSUPPORTED } from './availability.ts';
import { supports } from './capabilities.ts';
import { verifyTokenGone, type GoneCheck, type VerifyOptions } from './verify-gone.ts';

export interface RevokeAsPreviewed {
  readonly preview: ImpactPreview;
  /** How the operator confirmed it, for the journal. */
  readonly confirmation: AuditConfirmation;
  /** 'rotate' when the revoke ends a rotation (the journal says so). */
  readonly action?: 'revoke' | 'rotate';
  /** A rotation's old token: the replacement that took its place, for the journal. */
  readonly replacedBy?: string;
  /** Journals the attempt: one record, whatever the outcome. */
  readonly record: (entry: MutationAuditEntry) => void;
  /** The backend accepted the revoke; the check that the token is gone starts now. */
  readonly onAccepted?: () => void;
  readonly verify?: VerifyOptions;
}

export type RevokeOutcome =
  /** The token changed since the preview: nothing was revoked (journaled as refused). */
  | { readonly kind: 'conflict' }
  /** Not revoked (journaled as a failure). */
  | { readonly kind: 'failed'; readonly error: TokenTuiError }
  /** Revoked; `report`: the adapter's own checks, if it made any; `gone`: whether the token is really gone. */
  | { readonly kind: 'revoked'; readonly report: RevokeReport | undefined; readonly gone: GoneCheck };

/** The journal's word for a revoke refused because the token changed. */
export const CHANGED_SINCE_PREVIEW = 'token changed since the preview';

/**
 * The revision a preview pins the revoke to. A preview that names none is refused: revoking
 * against it would be unconditional, so a token re-created since the preview could go unseen.
 */
export function preconditionOf(preview: ImpactPreview, adapter: Pick<TokenAdapter, 'id'>): TokenRevision {
  try {
    return fingerprintToRevision(preview.fingerprint);
  } catch {
    const why = `its fingerprint "${preview.fingerprint}" is not "uid:version"`;
    throw new TokenTuiError('server', `the impact preview of token ${preview.tokenId} (${why}) names no revision to revoke against; nothing was revoked`, {
      source: adapter.id,
    });
  }
}

export async function revokeAsPreviewed(adapter: TokenAdapter, request: RevokeAsPreviewed): Promise<RevokeOutcome> {
  const { preview, confirmation, record } = request;
  const replacedBy = request.replacedBy === undefined ? {} : { replacedBy: request.replacedBy };
  const entry = { action: request.action ?? 'revoke', tokenId: preview.tokenId, ...replacedBy, impact: summarizeImpact(preview), confirmation } as const;
  let expected: TokenRevision;
  let report: RevokeReport | void;
  try {
    if (!supports(adapter, 'revoke')) {
      throw new TokenTuiError('unsupported', `${UNSUPPORTED.revoke}; nothing was revoked`, { source: adapter.id });
    }
    expected = preconditionOf(preview, adapter);
    report = await adapter.revoke(preview.tokenId, expected);
  } catch (error) {
    const failure = toTokenTuiError(error, adapter.id);
    if (failure.kind === 'conflict') {
      record({ ...entry, outcome: 'refused', error: CHANGED_SINCE_PREVIEW });
      return { kind: 'conflict' };
    }
    record({ ...entry, outcome: 'failure', error: failure.message });
    return { kind: 'failed', error: failure };
  }
  record({ ...entry, outcome: 'success' });
  request.onAccepted?.();
  const gone = await verifyTokenGone(adapter, preview.tokenId, expected, request.verify);
  return { kind: 'revoked', report: report ?? undefined, gone };
}
