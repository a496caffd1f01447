// Runs the revoke screen's asynchronous steps (also the rotate screen's, for the old token).
// The reducer decides WHAT happens (a step with a ticket); this hook does the I/O once per
// ticket and reports back with that ticket, so a result that arrives after Esc, or after a
// newer step, is ignored by the reducer.
import { useEffect, useRef, type Dispatch } from 'react';
import { isTokenTuiError, toTokenTuiError } from '../../core/errors.ts';
import { previewImpact } from '../../adapters/operations/impact-preview.ts';
import { attemptRevoke, type RevokeRunnerDeps } from '../revoke/revoke-runner.ts';
import type { AppAction, Screen } from '../state/app-state.ts';
import { currentTokenId, stepTicket, type RevokeEvent } from '../state/revoke-flow.ts';
import { revokeFlowOf } from '../state/screen-parts.ts';

export function useRevokeRunner(screen: Screen, dispatch: Dispatch<AppAction>, deps: RevokeRunnerDeps): void {
  const flow = revokeFlowOf(screen);
  const ticket = flow === null ? null : stepTicket(flow.step);
  // The same revoke ends a rotation there: journaled as 'rotate', like the CLI does.
  const action: 'revoke' | 'rotate' = screen.kind === 'rotate' ? 'rotate' : 'revoke';
  // The effect runs once per ticket; it reads the flow and deps current at that moment.
  const latest = useRef({ flow, deps, action });
  latest.current = { flow, deps, action };

  useEffect(() => {
    const { flow: current, deps: currentDeps, action: currentAction } = latest.current;
    if (ticket === null || current === null) return;
    const send = (event: RevokeEvent): void => dispatch({ type: 'revoke', event, at: currentDeps.clock.now() });
    const { step } = current;
    if (step.kind === 'computing') {
      const tokenId = currentTokenId(current);
      previewImpact(currentDeps.adapter, tokenId, currentDeps.clock).then(
        (preview) => send({ kind: 'preview', ticket, preview }),
        (error: unknown) =>
          send({
            kind: 'preview-failed',
            ticket,
            error: toTokenTuiError(error, currentDeps.adapter.id).message,
            notFound: isTokenTuiError(error) && error.kind === 'not-found',
          }),
      );
    } else if (step.kind === 'revoking') {
      attemptRevoke({ ...currentDeps, action: currentAction }, step.preview, step.confirmation, () => send({ kind: 'verifying', ticket })).then(
        (attempt) => send({ ...attempt, ticket }),
        // attemptRevoke reports failures as results; anything thrown here is a bug, still shown.
        (error: unknown) =>
          send({ kind: 'finished', ticket, result: { tokenId: step.preview.tokenId, outcome: 'failed', detail: toTokenTuiError(error, 'ui').message }, auditFailure: null }),
      );
    }
  }, [ticket, dispatch]);
}
