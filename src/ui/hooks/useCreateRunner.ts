// Sends the create screen's one create: once per ticket, which the reducer hands out only when
// the review is confirmed. The answer names the ticket, so it lands on this wizard only.
import { useEffect, useRef, type Dispatch } from 'react';
import { createIntent } from '../../core/create-wizard.ts';
import { toTokenTuiError } from '../../core/errors.ts';
import { createToken, type CreateRunnerDeps } from '../create/create-runner.ts';
import type { AppAction, Screen } from '../state/app-state.ts';

export function useCreateRunner(screen: Screen, dispatch: Dispatch<AppAction>, deps: CreateRunnerDeps): void {
  const create = screen.kind === 'create' ? screen.create : null;
  const ticket = create?.ticket ?? null;
  const latest = useRef({ create, deps });
  latest.current = { create, deps };

  useEffect(() => {
    const { create: current, deps: currentDeps } = latest.current;
    const intent = current === null ? null : createIntent(current.wizard);
    if (ticket === null || intent === null) return;
    createToken(currentDeps, intent.request).then(
      (outcome) => dispatch({ type: 'create', ticket, outcome }),
      // createToken reports failures as outcomes; anything thrown is a bug, still shown.
      (error: unknown) => {
        const failure = { kind: 'server' as const, message: toTokenTuiError(error, 'ui').message };
        dispatch({ type: 'create', ticket, outcome: { kind: 'failed', error: failure, uncertain: true, problems: [] } });
      },
    );
  }, [ticket, dispatch]);
}
