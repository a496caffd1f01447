// Reads the contexts `:ctx` can switch to (the command line lists them: saved, discovered, the
// demo), once, when the state asks for them (the first `:`), and hands them to the reducer.
import { useEffect, useRef, type Dispatch } from 'react';
import { toTokenTuiError } from '../../../core/errors.ts';
import type { AppAction } from '../../view-model/app-state.ts';
import type { ContextChoice } from '../../../core/context-choice.ts';

export type ListContextsPort = () => Promise<readonly ContextChoice[]>;

export function useContextChoices(listing: boolean, dispatch: Dispatch<AppAction>, list: ListContextsPort | undefined): void {
  const port = useRef(list);
  port.current = list;
  useEffect(() => {
    if (!listing) return;
    if (port.current === undefined) {
      dispatch({ type: 'contexts-listed', choices: [], error: 'the contexts cannot be listed here; :ctx NAME still switches' });
      return;
    }
    port.current().then(
      (choices) => dispatch({ type: 'contexts-listed', choices, error: null }),
      (error: unknown) => dispatch({ type: 'contexts-listed', choices: [], error: toTokenTuiError(error, 'ui').message }),
    );
  }, [listing, dispatch]);
}
