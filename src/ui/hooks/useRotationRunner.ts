// Runs the rotate screen's own asynchronous steps (the replacement's create, make default) once
// per ticket; the old token's preview and revoke run in useRevokeRunner.
import { useEffect, useRef, type Dispatch } from 'react';
import { toTokenTuiError } from '../../core/errors.ts';
import { createReplacement, makeReplacementDefault, type RotateRunnerDeps } from '../rotate/rotate-runner.ts';
import type { AppAction, Screen } from '../state/app-state.ts';

export function useRotationRunner(screen: Screen, dispatch: Dispatch<AppAction>, deps: RotateRunnerDeps | null): void {
  const flow = screen.kind === 'rotate' ? screen.flow : null;
  const ticket = flow?.pending?.ticket ?? null;
  const latest = useRef({ flow, deps });
  latest.current = { flow, deps };

  useEffect(() => {
    const { flow: current, deps: currentDeps } = latest.current;
    const pending = current?.pending ?? null;
    if (ticket === null || current === null || pending === null || currentDeps === null) return;
    const at = (): number => currentDeps.clock.now();
    const bug = (error: unknown): string => toTokenTuiError(error, 'ui').message;
    if (pending.kind === 'create') {
      createReplacement(currentDeps, current.rotation).then(
        (answer) => dispatch({ type: 'rotate', at: at(), event: { kind: 'replacement', ticket, ...answer } }),
        (error: unknown) => {
          const outcome = { kind: 'failed' as const, error: { kind: 'server' as const, message: bug(error) }, uncertain: true, problems: [] };
          dispatch({ type: 'rotate', at: at(), event: { kind: 'replacement', ticket, outcome, rotation: null, journalRefused: false } });
        },
      );
    } else {
      makeReplacementDefault(currentDeps, current.rotation.newTokenId ?? '').then(
        (answer) => dispatch({ type: 'rotate', at: at(), event: { kind: 'made-default', ticket, ...answer } }),
        (error: unknown) => dispatch({ type: 'rotate', at: at(), event: { kind: 'made-default', ticket, error: bug(error), problems: [] } }),
      );
    }
  }, [ticket, dispatch]);
}
