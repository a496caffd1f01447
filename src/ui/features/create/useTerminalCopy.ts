// Writes each copy request of a result screen to the terminal as OSC 52, once, straight to the
// TTY outside Ink's frame (the sequence has no visible output), then reports back, so the screen
// says "sent" only once the bytes are written (the terminal itself never confirms).
import { useEffect, useRef, type Dispatch } from 'react';
import { toTokenTuiError } from '../../../core/errors.ts';
import { buildOsc52 } from '../../clipboard/osc52.ts';
import type { AppAction, Screen } from '../../view-model/app-state.ts';
import { copyText } from './result-view.ts';
import { resultOf } from '../../view-model/screen-hub.ts';

export function useTerminalCopy(screen: Screen, dispatch: Dispatch<AppAction>, write: (bytes: string) => void, tmux: boolean): void {
  const shown = resultOf(screen);
  const seq = shown?.view.copy?.seq ?? null;
  const latest = useRef({ shown, write, tmux });
  latest.current = { shown, write, tmux };

  useEffect(() => {
    const { shown: current, write: currentWrite, tmux: inTmux } = latest.current;
    const request = current?.view.copy ?? null;
    if (seq === null || current === null || request === null) return;
    const text = copyText(current.result, request.what);
    if (text === null) return;
    const built = buildOsc52(text, { tmux: inTmux });
    try {
      if (!built.ok) throw new Error(built.error);
      currentWrite(built.bytes);
      dispatch({ type: 'copied', seq, error: null });
    } catch (error) {
      dispatch({ type: 'copied', seq, error: toTokenTuiError(error, 'terminal').message });
    }
  }, [seq, dispatch]);
}
