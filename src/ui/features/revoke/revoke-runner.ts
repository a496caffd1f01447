// The revoke screen's I/O, outside React so it can be tested alone: the preview and one
// confirmed attempt, both the operations layer's (src/adapters/operations/), mapped to the
// events the revoke flow takes. Also the rotate screen's, for the old token.
import type { TokenAdapter } from '../../../adapters/contract.ts';
import { revokeAsPreviewed } from '../../../adapters/operations/revoke.ts';
import type { VerifyOptions } from '../../../adapters/operations/verify-gone.ts';
import type { AuditOperator } from '../../../core/audit.ts';
import type { Clock } from '../../../core/clock.ts';
import type { ImpactPreview } from '../../../core/impact.ts';
import { recordMutation, type TuiAuditJournal } from '../../shared/audit-port.ts';
import type { RevokeConfirmation, RevokeResult } from './revoke-flow.ts';

export interface RevokeRunnerDeps {
  readonly adapter: TokenAdapter;
  readonly audit: TuiAuditJournal;
  readonly operator: AuditOperator;
  readonly clock: Clock;
  readonly verify?: VerifyOptions;
  /** The audit action: 'rotate' when the revoke ends a rotation (as the CLI records it). */
  readonly action?: 'revoke' | 'rotate';
  /** A rotation's revoke of its old token: the replacement, for the journal. */
  readonly replacedBy?: string;
}

export type RevokeAttempt =
  /** The token changed since the preview: nothing was deleted. */
  | { readonly kind: 'conflict'; readonly auditFailure: string | null }
  | { readonly kind: 'finished'; readonly result: RevokeResult; readonly auditFailure: string | null };

/** Runs after the operator confirmed `preview`; `onVerifying` marks the revoke as accepted. */
export async function attemptRevoke(
  deps: RevokeRunnerDeps,
  preview: ImpactPreview,
  confirmation: RevokeConfirmation,
  onVerifying: () => void,
): Promise<RevokeAttempt> {
  let auditFailure: string | null = null;
  const outcome = await revokeAsPreviewed(deps.adapter, {
    preview,
    confirmation,
    action: deps.action ?? 'revoke',
    ...(deps.replacedBy === undefined ? {} : { replacedBy: deps.replacedBy }),
    record: (entry) => {
      auditFailure = recordMutation(deps, entry) ?? auditFailure;
    },
    onAccepted: onVerifying,
    ...(deps.verify === undefined ? {} : { verify: deps.verify }),
  });
  const tokenId = preview.tokenId;
  switch (outcome.kind) {
    case 'conflict':
      return { kind: 'conflict', auditFailure };
    case 'failed':
      return { kind: 'finished', result: { tokenId, outcome: 'failed', detail: `not revoked: ${outcome.error.message}` }, auditFailure };
    case 'revoked': {
      const { gone, report } = outcome;
      const checks = { verified: report?.verified ?? [], warnings: report?.warnings ?? [] };
      const settled = gone.gone === true && checks.warnings.length === 0;
      const detail = gone.gone === true ? 'revoked — verified: it no longer exists' : `revoked, but ${gone.detail}`;
      return { kind: 'finished', result: { tokenId, outcome: settled ? 'revoked' : 'unverified', detail, ...checks }, auditFailure };
    }
  }
}
