// Runs the server-token screen's steps once per ticket (reading the token file, the preview,
// the PUT) and reports back with that ticket; an answer for a step left behind changes nothing.
import { useEffect, useRef, type Dispatch } from 'react';
import { toTokenTuiError } from '../../core/errors.ts';
import { planWith, readFileThenPlan, rotateWith, type ServerTokenRunnerDeps } from '../server-token/server-token-runner.ts';
import type { AppAction, Screen } from '../state/app-state.ts';
import { serverTokenTicket, type ServerTokenEvent } from '../state/server-token-flow.ts';

export function useServerTokenRunner(screen: Screen, dispatch: Dispatch<AppAction>, deps: ServerTokenRunnerDeps | null): void {
  const flow = screen.kind === 'server-token' ? screen.flow : null;
  const ticket = flow === null ? null : serverTokenTicket(flow.stage);
  const latest = useRef({ flow, deps });
  latest.current = { flow, deps };

  useEffect(() => {
    const { flow: current, deps: currentDeps } = latest.current;
    if (ticket === null || current === null || currentDeps === null) return;
    const send = (event: ServerTokenEvent): void => dispatch({ type: 'server-token', event, at: currentDeps.clock.now() });
    const { stage } = current;
    let work: Promise<ServerTokenEvent> | null = null;
    if (stage.kind === 'reading-file') work = readFileThenPlan(currentDeps, ticket);
    else if (stage.kind === 'planning') work = planWith(currentDeps, ticket, stage.oldToken, 'typed at the prompt');
    else if (stage.kind === 'rotating') work = rotateWith(currentDeps, ticket, stage.plan);
    // The step functions answer failures as events; anything thrown is a bug, still shown.
    work?.then(send, (error: unknown) => send({ kind: 'rotate-failed', ticket, error: toTokenTuiError(error, 'ui').message, problems: [] }));
  }, [ticket, dispatch]);
}
