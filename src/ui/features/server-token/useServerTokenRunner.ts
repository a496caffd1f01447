// Performs the server-token screen's effect (serverTokenEffect: reading the token file, the
// preview, the rotation) once per ticket and reports back with that ticket; an answer for a step
// left behind changes nothing.
import type { Dispatch } from 'react';
import { toTokenTuiError } from '../../../core/errors.ts';
import { useTicketedEffect } from '../../hooks/useTicketedEffect.ts';
import type { AppAction } from '../../view-model/app-state.ts';
import type { ServerTokenEffect, ServerTokenEvent } from './server-token-flow.ts';
import { planWith, readFileThenPlan, rotateWith, type ServerTokenRunnerDeps } from './server-token-runner.ts';

export function useServerTokenRunner(effect: ServerTokenEffect | null, dispatch: Dispatch<AppAction>, deps: ServerTokenRunnerDeps | null): void {
  useTicketedEffect(effect, deps, (current, currentDeps, ticket) => {
    const send = (event: ServerTokenEvent): void => dispatch({ type: 'server-token', event, at: currentDeps.clock.now() });
    const work =
      current.kind === 'read-file'
        ? readFileThenPlan(currentDeps, ticket)
        : current.kind === 'plan'
          ? planWith(currentDeps, ticket, current.oldToken, 'typed at the prompt')
          : rotateWith(currentDeps, ticket, current.plan);
    // The step functions answer failures as events; anything thrown is a bug, still shown.
    work.then(send, (error: unknown) => send({ kind: 'rotate-failed', ticket, error: toTokenTuiError(error, 'ui').message, problems: [] }));
  });
}
