// Runs `:ctx NAME` (it opens a backend: not in the reducer). Success re-mounts the App from
// outside (ContextSwitchingApp), so only a failure comes back here, redacted.
import { useEffect, useRef, type Dispatch } from 'react';
import { toTokenTuiError } from '../../../core/errors.ts';
import type { AppAction } from '../../view-model/app-state.ts';

export type ContextSwitchRequest = (name: string) => Promise<void>;

export function useContextSwitch(pending: string | null, dispatch: Dispatch<AppAction>, switchContext: ContextSwitchRequest | undefined): void {
  // A new callback identity must not open the same context twice: only a new request runs.
  const port = useRef(switchContext);
  port.current = switchContext;
  useEffect(() => {
    if (pending === null || port.current === undefined) return;
    port.current(pending).catch((error: unknown) => {
      dispatch({ type: 'context-switch-failed', name: pending, error: toTokenTuiError(error, 'ui').message });
    });
  }, [pending, dispatch]);
}
