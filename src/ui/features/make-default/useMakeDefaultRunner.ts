// Performs the make-default screen's effect (its preview, or the confirmed change) once per
// ticket, through the operations layer, and reports back with that ticket.
import type { Dispatch } from 'react';
import type { TokenAdapter } from '../../../adapters/contract.ts';
import { makeDefaultAsPreviewed, previewMakeDefault } from '../../../adapters/operations/make-default.ts';
import { toTokenTuiError } from '../../../core/errors.ts';
import { useTicketedEffect } from '../../hooks/useTicketedEffect.ts';
import { recordMutation, type MutationAuditDeps } from '../../shared/audit-port.ts';
import type { AppAction } from '../../view-model/app-state.ts';
import type { MakeDefaultEffect, MakeDefaultEvent } from './make-default-flow.ts';

export interface MakeDefaultRunnerDeps extends MutationAuditDeps {
  readonly adapter: TokenAdapter;
}

export function useMakeDefaultRunner(effect: MakeDefaultEffect | null, dispatch: Dispatch<AppAction>, deps: MakeDefaultRunnerDeps): void {
  useTicketedEffect(effect, deps, (current, currentDeps, ticket) => {
    const send = (event: MakeDefaultEvent): void => dispatch({ type: 'make-default', event });
    const failed = (error: unknown) => toTokenTuiError(error, currentDeps.adapter.id).message;
    if (current.kind === 'preview') {
      previewMakeDefault(currentDeps.adapter, current.tokenId, currentDeps.clock).then(
        (preview) => send({ kind: 'previewed', ticket, preview }),
        (error: unknown) => send({ kind: 'preview-failed', ticket, error: failed(error) }),
      );
      return;
    }
    let auditProblem: string | null = null;
    const record = { confirmation: 'yes' as const, record: (entry: Parameters<typeof recordMutation>[1]) => void (auditProblem = recordMutation(currentDeps, entry) ?? auditProblem) };
    makeDefaultAsPreviewed(currentDeps.adapter, current.preview, record).then(
      (outcome) =>
        send(outcome.kind === 'made-default' ? { kind: 'applied', ticket, verified: outcome.verified, auditProblem } : { kind: 'apply-failed', ticket, error: outcome.error.message, auditProblem }),
      (error: unknown) => send({ kind: 'apply-failed', ticket, error: failed(error), auditProblem }),
    );
  });
}
