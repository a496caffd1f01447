// Performs the server TTL screen's effect once per ticket and reports back with that ticket.
import type { Dispatch } from 'react';
import { toTokenTuiError } from '../../../core/errors.ts';
import { useTicketedEffect } from '../../hooks/useTicketedEffect.ts';
import type { AppAction } from '../../view-model/app-state.ts';
import type { ServerTtlEffect } from './server-ttl-flow.ts';
import { runServerTtlChange, type ServerTtlRunnerDeps } from './server-ttl-runner.ts';

export function useServerTtlRunner(effect: ServerTtlEffect | null, dispatch: Dispatch<AppAction>, deps: ServerTtlRunnerDeps): void {
  useTicketedEffect(effect, deps, (current, currentDeps, ticket) => {
    runServerTtlChange(currentDeps, current).then(
      (event) => dispatch({ type: 'server-ttl', event }),
      (error: unknown) => dispatch({ type: 'server-ttl', event: { kind: 'failed', ticket, error: toTokenTuiError(error, 'ui').message, problems: [] } }),
    );
  });
}
