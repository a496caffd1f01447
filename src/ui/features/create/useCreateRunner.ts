// Performs the create screen's effect (createEffect: the one create, handed out only when the
// review is confirmed) once per ticket. The answer names the ticket, so it lands on this wizard only.
import type { Dispatch } from 'react';
import { toTokenTuiError } from '../../../core/errors.ts';
import { useTicketedEffect } from '../../hooks/useTicketedEffect.ts';
import type { AppAction } from '../../view-model/app-state.ts';
import { createToken, type CreateRunnerDeps } from './create-runner.ts';
import type { CreateEffect } from './create-screen.ts';

export function useCreateRunner(effect: CreateEffect | null, dispatch: Dispatch<AppAction>, deps: CreateRunnerDeps): void {
  useTicketedEffect(effect, deps, (current, currentDeps, ticket) => {
    createToken(currentDeps, current.request).then(
      (outcome) => dispatch({ type: 'create', ticket, outcome }),
      // createToken reports failures as outcomes; anything thrown is a bug, still shown.
      (error: unknown) => {
        const failure = { kind: 'server' as const, message: toTokenTuiError(error, 'ui').message };
        dispatch({ type: 'create', ticket, outcome: { kind: 'failed', error: failure, uncertain: true, problems: [] } });
      },
    );
  });
}
