// Loads the journal when the `:audit` screen opens (it reads a file: not in the reducer).
import { useEffect, type Dispatch } from 'react';
import { toTokenTuiError } from '../../../core/errors.ts';
import type { TuiAuditJournal } from '../../shared/audit-port.ts';
import type { AppAction, Screen } from '../../view-model/app-state.ts';

export function useAuditJournalView(screen: Screen, dispatch: Dispatch<AppAction>, audit: TuiAuditJournal): void {
  const loading = screen.kind === 'audit' && screen.journal.state === 'loading';
  useEffect(() => {
    if (!loading) return;
    try {
      const contents = audit.read();
      const records = [...contents.records].reverse();
      const path = audit.path === undefined ? {} : { path: audit.path };
      dispatch({ type: 'audit-journal', journal: { state: 'loaded', records, corrupt: contents.corrupt.length, ...path } });
    } catch (error) {
      dispatch({ type: 'audit-journal', journal: { state: 'failed', error: toTokenTuiError(error, 'audit').message } });
    }
  }, [loading, audit, dispatch]);
}
