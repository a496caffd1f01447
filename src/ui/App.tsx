import { useApp, useInput, useWindowSize } from 'ink';
import { useEffect, useReducer } from 'react';
import type { TokenAdapter } from '../adapters/contract.ts';
import type { AuditOperator } from '../core/audit.ts';
import type { Clock } from '../core/clock.ts';
import type { TuiAuditJournal } from './audit-port.ts';
import type { TickSource } from './clock-ticker.ts';
import type { HeaderInfo } from './components/Header.tsx';
import { useAuditJournalView } from './hooks/useAuditJournalView.ts';
import { ClockProvider } from './hooks/useNow.ts';
import { useRevokeRunner } from './hooks/useRevokeRunner.ts';
import { useTokenFeed } from './hooks/useTokenFeed.ts';
import { toKeyPress } from './keys/key-press.ts';
import { appReducer } from './state/app-reducer.ts';
import { initialAppState, viewOf, type AppState } from './state/app-state.ts';
import type { VerifyOptions } from './revoke/verify-gone.ts';
import { AuditScreen } from './screens/AuditScreen.tsx';
import { DetailsScreen } from './screens/DetailsScreen.tsx';
import { HelpScreen } from './screens/HelpScreen.tsx';
import { ListScreen } from './screens/ListScreen.tsx';
import { RevokeScreen } from './screens/RevokeScreen.tsx';
import { TooSmallScreen } from './screens/TooSmallScreen.tsx';

export interface AppProps {
  readonly adapter: TokenAdapter;
  readonly readonly: boolean;
  readonly demo: boolean;
  readonly contextLabel: string;
  readonly pollIntervalMs: number;
  readonly clock: Clock;
  readonly ticks: TickSource;
  /** Every revoke attempt is appended here; `:audit` reads it. */
  readonly audit: TuiAuditJournal;
  readonly operator: AuditOperator;
  /** How a revoked token is checked to be gone (tests shorten the waits). */
  readonly verify?: VerifyOptions;
}

export function App({ adapter, readonly, demo, contextLabel, pollIntervalMs, clock, ticks, audit, operator, verify }: AppProps) {
  const size = useWindowSize();
  const [state, dispatch] = useReducer(appReducer, undefined, () =>
    initialAppState({
      readonly,
      viewport: { columns: size.columns, rows: size.rows },
      target: { adapterId: adapter.id, context: contextLabel, server: adapter.target.server, joinCommand: adapter.capabilities.joinCommand },
      canRevoke: adapter.capabilities.revoke && adapter.revoke !== undefined,
    }),
  );
  // Dispatching during render (not in an effect) means no frame is ever drawn with the old
  // size: a frame taller than a shrunken terminal would defeat incremental rendering.
  if (size.columns !== state.viewport.columns || size.rows !== state.viewport.rows) {
    dispatch({ type: 'resize', viewport: { columns: size.columns, rows: size.rows } });
  }
  useTokenFeed(adapter, dispatch, clock, pollIntervalMs);
  useRevokeRunner(state.screen, dispatch, { adapter, audit, operator, clock, ...(verify === undefined ? {} : { verify }) });
  useAuditJournalView(state.screen, dispatch, audit);
  useInput((input, key) => dispatch({ type: 'key', key: toKeyPress(input, key) }));
  const { exit } = useApp();
  useEffect(() => {
    if (state.exitRequested) exit();
  }, [state.exitRequested, exit]);

  const info: HeaderInfo = { contextLabel, adapterId: adapter.id, server: adapter.target.server, readonly, demo };
  return (
    <ClockProvider clock={clock} ticks={ticks}>
      <ActiveView state={state} info={info} />
    </ClockProvider>
  );
}

function ActiveView({ state, info }: { readonly state: AppState; readonly info: HeaderInfo }) {
  const view = viewOf(state);
  switch (view.kind) {
    case 'list':
    case 'filter':
      return <ListScreen state={state} info={info} />;
    case 'details':
      return <DetailsScreen state={state} info={info} tokenId={view.tokenId} scroll={view.scroll} />;
    case 'help':
      return <HelpScreen state={state} info={info} scroll={view.scroll} />;
    case 'command':
      // The prompt sits in the footer of the screen it was opened from.
      return view.back.kind === 'details' ? (
        <DetailsScreen state={state} info={info} tokenId={view.back.tokenId} scroll={view.back.scroll} />
      ) : (
        <ListScreen state={state} info={info} />
      );
    case 'revoke':
      return <RevokeScreen state={state} info={info} flow={view.flow} />;
    case 'audit':
      return <AuditScreen state={state} info={info} journal={view.journal} scroll={view.scroll} />;
    case 'too-small':
      return <TooSmallScreen viewport={state.viewport} />;
  }
}
