// The revoke screen's I/O, outside React so it can be tested alone: compute a preview, and
// run one confirmed attempt (revoke against the previewed revision, journal it, verify).
// Adapter-agnostic: the precondition comes from the preview's fingerprint (core/fingerprint.ts).
import type { RevokeReport, TokenAdapter } from '../../adapters/contract.ts';
import { summarizeImpact, type AuditOperator, type AuditOutcome } from '../../core/audit.ts';
import type { Clock } from '../../core/clock.ts';
import { TokenTuiError, toTokenTuiError } from '../../core/errors.ts';
import { fingerprintToRevision, revisionToFingerprint } from '../../core/fingerprint.ts';
import type { ImpactPreview } from '../../core/impact.ts';
import type { TokenRevision } from '../../core/token.ts';
import { recordMutation, type TuiAuditJournal } from '../audit-port.ts';
import type { RevokeConfirmation, RevokeResult } from '../state/revoke-flow.ts';
import { verifyTokenGone, type VerifyOptions } from './verify-gone.ts';

export interface RevokeRunnerDeps {
  readonly adapter: TokenAdapter;
  readonly audit: TuiAuditJournal;
  readonly operator: AuditOperator;
  readonly clock: Clock;
  readonly verify?: VerifyOptions;
  /** The audit action: 'rotate' when the revoke ends a rotation (as the CLI records it). */
  readonly action?: 'revoke' | 'rotate';
}

export type RevokeAttempt =
  /** The token changed since the preview: nothing was deleted. */
  | { readonly kind: 'conflict'; readonly auditFailure: string | null }
  | { readonly kind: 'finished'; readonly result: RevokeResult; readonly auditFailure: string | null };

/** The adapter's preview; `unknown` (so the id must be typed) when it cannot preview. */
export async function computePreview(adapter: TokenAdapter, tokenId: string, clock: Clock): Promise<ImpactPreview> {
  if (adapter.capabilities.impactPreview && adapter.impact !== undefined) return adapter.impact(tokenId);
  // Still read the token: it must exist, and its revision keeps the revoke preconditioned.
  const token = await adapter.get(tokenId);
  return {
    state: 'unknown',
    tokenId,
    reason: `the ${adapter.id} backend cannot preview what revoking a token affects`,
    fingerprint: token.revision === undefined ? '' : revisionToFingerprint(token.revision),
    computedAt: clock.now(),
  };
}

/** Appends one record; returns what to show when the journal could not be written. */
function journal(deps: RevokeRunnerDeps, preview: ImpactPreview, confirmation: RevokeConfirmation, outcome: AuditOutcome, error?: string): string | null {
  const entry = { action: deps.action ?? 'revoke', tokenId: preview.tokenId, impact: summarizeImpact(preview), confirmation, outcome } as const;
  return recordMutation(deps, error === undefined ? entry : { ...entry, error });
}

/** An empty fingerprint means the backend has no revisions: the only revoke it offers is unconditional. */
function precondition(preview: ImpactPreview): TokenRevision | undefined {
  return preview.fingerprint === '' ? undefined : fingerprintToRevision(preview.fingerprint);
}

/** Runs after the operator confirmed `preview`; `onVerifying` marks the revoke as accepted. */
export async function attemptRevoke(
  deps: RevokeRunnerDeps,
  preview: ImpactPreview,
  confirmation: RevokeConfirmation,
  onVerifying: () => void,
): Promise<RevokeAttempt> {
  const { adapter } = deps;
  const tokenId = preview.tokenId;
  let expected: TokenRevision | undefined;
  let report: RevokeReport | void;
  try {
    if (adapter.revoke === undefined) throw new TokenTuiError('unsupported', 'this backend cannot revoke tokens', { source: adapter.id });
    expected = precondition(preview);
    report = await adapter.revoke(tokenId, expected);
  } catch (error) {
    const failure = toTokenTuiError(error, adapter.id);
    if (failure.kind === 'conflict') return { kind: 'conflict', auditFailure: journal(deps, preview, confirmation, 'refused', 'token changed since the preview') };
    const auditFailure = journal(deps, preview, confirmation, 'failure', failure.message);
    return { kind: 'finished', result: { tokenId, outcome: 'failed', detail: `not revoked: ${failure.message}` }, auditFailure };
  }
  const auditFailure = journal(deps, preview, confirmation, 'success');
  onVerifying();
  const verification = await verifyTokenGone(adapter, tokenId, expected, deps.verify);
  const checks = { verified: report?.verified ?? [], warnings: report?.warnings ?? [] };
  const settled = verification.gone && checks.warnings.length === 0;
  const detail = verification.gone ? 'revoked — verified: it no longer exists' : `revoked, but ${verification.detail}`;
  return { kind: 'finished', result: { tokenId, outcome: settled ? 'revoked' : 'unverified', detail, ...checks }, auditFailure };
}
