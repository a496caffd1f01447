// Performs the rotation's own effect (rotateEffect: the replacement's create, or making it the
// default) once per ticket; the old token's preview and revoke are its revoke flow's effect,
// performed by useRevokeRunner.
import type { Dispatch } from 'react';
import { toTokenTuiError } from '../../../core/errors.ts';
import { useTicketedEffect } from '../../hooks/useTicketedEffect.ts';
import type { AppAction } from '../../view-model/app-state.ts';
import type { RotateEffect } from './rotate-flow.ts';
import { createReplacement, makeReplacementDefault, type RotateRunnerDeps } from './rotate-runner.ts';

export function useRotationRunner(effect: RotateEffect | null, dispatch: Dispatch<AppAction>, deps: RotateRunnerDeps | null): void {
  useTicketedEffect(effect, deps, (current, currentDeps, ticket) => {
    const at = (): number => currentDeps.clock.now();
    const bug = (error: unknown): string => toTokenTuiError(error, 'ui').message;
    if (current.kind === 'create') {
      createReplacement(currentDeps, current.rotation).then(
        (answer) => dispatch({ type: 'rotate', at: at(), event: { kind: 'replacement', ticket, ...answer } }),
        (error: unknown) => {
          const outcome = { kind: 'failed' as const, error: { kind: 'server' as const, message: bug(error) }, uncertain: true, problems: [] };
          dispatch({ type: 'rotate', at: at(), event: { kind: 'replacement', ticket, outcome, rotation: null, journalRefused: false } });
        },
      );
    } else {
      makeReplacementDefault(currentDeps, current.tokenId, current.replaces).then(
        (answer) => dispatch({ type: 'rotate', at: at(), event: { kind: 'made-default', ticket, ...answer } }),
        (error: unknown) => dispatch({ type: 'rotate', at: at(), event: { kind: 'made-default', ticket, error: bug(error), problems: [] } }),
      );
    }
  });
}
