// Performs the revoke flow's effect (revokeEffect: a preview to compute, or a confirmed revoke),
// wherever the flow is hosted. The reducer decides WHAT happens (a step with a ticket); this hook
// does the I/O once per ticket and reports back with that ticket, so a result that arrives after
// Esc, or after a newer step, is ignored by the reducer.
import type { Dispatch } from 'react';
import { previewBatch } from '../../../adapters/operations/batch-preview.ts';
import { previewImpact } from '../../../adapters/operations/impact-preview.ts';
import { combineImpact } from '../../../core/batch-impact.ts';
import { isTokenTuiError, toTokenTuiError } from '../../../core/errors.ts';
import { useTicketedEffect } from '../../hooks/useTicketedEffect.ts';
import type { AppAction } from '../../view-model/app-state.ts';
import type { RevokeEffect, RevokeEvent } from './revoke-flow.ts';
import { attemptRevoke, type RevokeRunnerDeps } from './revoke-runner.ts';

export function useRevokeRunner(effect: RevokeEffect | null, dispatch: Dispatch<AppAction>, deps: RevokeRunnerDeps): void {
  useTicketedEffect(effect, deps, (current, currentDeps, ticket) => {
    const send = (event: RevokeEvent): void => dispatch({ type: 'revoke', event, at: currentDeps.clock.now() });
    if (current.kind === 'preview-batch') {
      previewBatch(currentDeps.adapter, current.tokenIds, currentDeps.clock).then(
        ({ entries, combined }) => {
          const failed = entries.flatMap((entry) => ('error' in entry ? [{ tokenId: entry.tokenId, error: entry.error.message }] : []));
          send({ kind: 'batch-previewed', ticket, overview: { combined, failed } });
        },
        // previewBatch reports each token's failure as data; anything thrown is a bug, still shown.
        (error: unknown) => send({ kind: 'batch-previewed', ticket, overview: { combined: combineImpact([]), failed: [{ tokenId: '(batch)', error: toTokenTuiError(error, 'ui').message }] } }),
      );
      return;
    }
    if (current.kind === 'preview') {
      previewImpact(currentDeps.adapter, current.tokenId, currentDeps.clock).then(
        (preview) => send({ kind: 'preview', ticket, preview }),
        (error: unknown) =>
          send({
            kind: 'preview-failed',
            ticket,
            error: toTokenTuiError(error, currentDeps.adapter.id).message,
            notFound: isTokenTuiError(error) && error.kind === 'not-found',
          }),
      );
      return;
    }
    attemptRevoke(currentDeps, current.preview, current.confirmation, () => send({ kind: 'verifying', ticket })).then(
      (attempt) => send({ ...attempt, ticket }),
      // attemptRevoke reports failures as results; anything thrown here is a bug, still shown.
      (error: unknown) =>
        send({ kind: 'finished', ticket, result: { tokenId: current.preview.tokenId, outcome: 'failed', detail: toTokenTuiError(error, 'ui').message }, auditFailure: null }),
    );
  });
}
