// Runs the revoke screen's asynchronous steps. The reducer decides WHAT happens (a step with
// a ticket); this hook does the I/O once per ticket and reports back with that ticket, so a
// result that arrives after Esc, or after a newer step, is ignored by the reducer.
import { useEffect, useRef, type Dispatch } from 'react';
import { toTokenTuiError } from '../../core/errors.ts';
import { attemptRevoke, computePreview, type RevokeRunnerDeps } from '../revoke/revoke-runner.ts';
import type { AppAction, Screen } from '../state/app-state.ts';
import { currentTokenId, stepTicket, type RevokeEvent } from '../state/revoke-flow.ts';

export function useRevokeRunner(screen: Screen, dispatch: Dispatch<AppAction>, deps: RevokeRunnerDeps): void {
  const flow = screen.kind === 'revoke' ? screen.flow : null;
  const ticket = flow === null ? null : stepTicket(flow.step);
  // The effect runs once per ticket; it reads the flow and deps current at that moment.
  const latest = useRef({ flow, deps });
  latest.current = { flow, deps };

  useEffect(() => {
    const { flow: current, deps: currentDeps } = latest.current;
    if (ticket === null || current === null) return;
    const send = (event: RevokeEvent): void => dispatch({ type: 'revoke', event });
    const { step } = current;
    if (step.kind === 'computing') {
      const tokenId = currentTokenId(current);
      computePreview(currentDeps.adapter, tokenId, currentDeps.clock).then(
        (preview) => send({ kind: 'preview', ticket, preview }),
        (error: unknown) => send({ kind: 'preview-failed', ticket, error: toTokenTuiError(error, currentDeps.adapter.id).message }),
      );
    } else if (step.kind === 'revoking') {
      attemptRevoke(currentDeps, step.preview, step.confirmation, () => send({ kind: 'verifying', ticket })).then(
        (attempt) => send({ ...attempt, ticket }),
        // attemptRevoke reports failures as results; anything thrown here is a bug, still shown.
        (error: unknown) =>
          send({ kind: 'finished', ticket, result: { tokenId: step.preview.tokenId, outcome: 'failed', detail: toTokenTuiError(error, 'ui').message }, auditFailure: null }),
      );
    }
  }, [ticket, dispatch]);
}
