// y on the new server token: the OSC 52 write, once per request, straight to the terminal
// outside Ink's frame, then reported back ("sent": the terminal never confirms).
import { useEffect, useRef, type Dispatch } from 'react';
import { toTokenTuiError } from '../../../core/errors.ts';
import { buildOsc52 } from '../../clipboard/osc52.ts';
import type { AppAction, Screen } from '../../view-model/app-state.ts';

export function useServerTokenCopy(screen: Screen, dispatch: Dispatch<AppAction>, write: (bytes: string) => void, tmux: boolean): void {
  const stage = screen.kind === 'server-token' && screen.flow.stage.kind === 'result' ? screen.flow.stage : null;
  const seq = stage?.copy?.seq ?? null;
  const latest = useRef({ stage, write, tmux });
  latest.current = { stage, write, tmux };

  useEffect(() => {
    const { stage: current, write: currentWrite, tmux: inTmux } = latest.current;
    if (seq === null || current === null) return;
    const send = (error: string | null): void => dispatch({ type: 'server-token', event: { kind: 'copied', seq, error } });
    const built = buildOsc52(current.newToken, { tmux: inTmux });
    try {
      if (!built.ok) throw new Error(built.error);
      currentWrite(built.bytes);
      send(null);
    } catch (error) {
      send(toTokenTuiError(error, 'terminal').message);
    }
  }, [seq, dispatch]);
}
