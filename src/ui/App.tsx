import { useApp, useInput, useStdout, useWindowSize } from 'ink';
import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { TokenAdapter } from '../adapters/contract.ts';
import type { AuditOperator } from '../core/audit.ts';
import type { Clock } from '../core/clock.ts';
import type { TuiAuditJournal } from './audit-port.ts';
import type { TickSource } from './clock-ticker.ts';
import { insideTmux } from './clipboard/osc52.ts';
import type { HeaderInfo } from './components/Header.tsx';
import { useAuditJournalView } from './hooks/useAuditJournalView.ts';
import { useContextSwitch, type ContextSwitchRequest } from './hooks/useContextSwitch.ts';
import { useCreateRunner } from './hooks/useCreateRunner.ts';
import { useInterruptedRotations } from './hooks/useInterruptedRotations.ts';
import { ClockProvider } from './hooks/useNow.ts';
import { useRevokeRunner } from './hooks/useRevokeRunner.ts';
import { useRotationJournal } from './hooks/useRotationJournal.ts';
import { useRotationRunner } from './hooks/useRotationRunner.ts';
import { useTerminalCopy } from './hooks/useTerminalCopy.ts';
import { useTokenFeed } from './hooks/useTokenFeed.ts';
import { useServerTokenRotation } from './hooks/useServerTokenRotation.ts';
import { serverTokenPortOf, type ServerTokenChecklistPort, type ServerTokenRotationPort } from './server-token-port.ts';
import { serverTokenUnavailable } from './state/server-token-support.ts';
import { toKeyPress } from './keys/key-press.ts';
import type { RotationJournalPort } from './rotation-port.ts';
import { appReducer } from './state/app-reducer.ts';
import { initialAppState, viewOf, type AppState } from './state/app-state.ts';
import { mutationSupport } from './state/mutation-support.ts';
import type { VerifyOptions } from './revoke/verify-gone.ts';
import { AuditScreen } from './screens/AuditScreen.tsx';
import { CreateScreen } from './screens/CreateScreen.tsx';
import { DetailsScreen } from './screens/DetailsScreen.tsx';
import { HelpScreen } from './screens/HelpScreen.tsx';
import { InterruptedScreen } from './screens/InterruptedScreen.tsx';
import { ListScreen } from './screens/ListScreen.tsx';
import { RevokeScreen } from './screens/RevokeScreen.tsx';
import { RotateScreen } from './screens/RotateScreen.tsx';
import { ChecklistScreen } from './screens/ChecklistScreen.tsx';
import { ServerTokenScreen } from './screens/ServerTokenScreen.tsx';
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
  /** Where rotations are journaled step by step; without it, r is unavailable. */
  readonly rotations?: RotationJournalPort;
  /** The environment the terminal copy reads ($TMUX); default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Runs `:ctx NAME`; resolves once the switch is done (the App is then re-mounted), rejects if not. */
  readonly switchContext?: ContextSwitchRequest;
  /** Where server-token checklists are kept (without it, R is unavailable); tests may replace the adapter's port. */
  readonly checklists?: ServerTokenChecklistPort;
  readonly serverToken?: ServerTokenRotationPort | null;
}

export function App(props: AppProps) {
  const { adapter, readonly, demo, contextLabel, pollIntervalMs, clock, ticks, audit, operator, verify, rotations, checklists } = props;
  const size = useWindowSize();
  const serverTokenPort = useMemo(() => (props.serverToken === undefined ? serverTokenPortOf(adapter) : props.serverToken), [props.serverToken, adapter]);
  const [state, dispatch] = useReducer(appReducer, undefined, () =>
    initialAppState({
      readonly,
      viewport: { columns: size.columns, rows: size.rows },
      target: { adapterId: adapter.id, context: contextLabel, server: adapter.target.server, joinCommand: adapter.capabilities.joinCommand },
      canRevoke: adapter.capabilities.revoke && adapter.revoke !== undefined,
      mutations: mutationSupport(adapter, rotations !== undefined),
      tmux: insideTmux(props.env ?? process.env),
      now: clock.now(),
      canSwitchContext: props.switchContext !== undefined,
      serverTokenUnavailable: serverTokenUnavailable(serverTokenPort !== null, checklists !== undefined),
    }),
  );
  // Dispatching during render (not in an effect) means no frame is ever drawn with the old
  // size: a frame taller than a shrunken terminal would defeat incremental rendering.
  if (size.columns !== state.viewport.columns || size.rows !== state.viewport.rows) {
    dispatch({ type: 'resize', viewport: { columns: size.columns, rows: size.rows } });
  }
  useTokenFeed(adapter, dispatch, clock, pollIntervalMs);
  useInterruptedRotations(rotations, state.mutations.rotationTarget, dispatch);
  // Before the runners: a step's journal write lands before the request the same render starts.
  useRotationJournal(state.journalOutbox, rotations, dispatch);
  useRevokeRunner(state.screen, dispatch, { adapter, audit, operator, clock, ...(verify === undefined ? {} : { verify }) });
  useCreateRunner(state.screen, dispatch, { adapter, audit, operator, clock });
  const rotateDeps = useMemo(() => (rotations === undefined ? null : { adapter, audit, operator, clock, rotations }), [adapter, audit, operator, clock, rotations]);
  useRotationRunner(state.screen, dispatch, rotateDeps);
  // OSC 52 goes straight to the terminal, outside Ink's frame (it draws nothing).
  const { stdout } = useStdout();
  const writeToTerminal = useCallback((bytes: string) => void stdout.write(bytes), [stdout]);
  useTerminalCopy(state.screen, dispatch, writeToTerminal, state.tmux);
  useServerTokenRotation(state, dispatch, { port: serverTokenPort, checklists, adapter, audit, operator, clock, write: writeToTerminal });
  useAuditJournalView(state.screen, dispatch, audit);
  useContextSwitch(state.contextSwitch.pending, dispatch, props.switchContext);
  useInput((input, key) => dispatch({ type: 'key', key: toKeyPress(input, key), at: clock.now() }));
  const { exit } = useApp();
  useEffect(() => {
    if (state.exitRequested) exit();
  }, [state.exitRequested, exit]);

  const info: HeaderInfo = { contextLabel, adapterId: adapter.id, server: adapter.target.server, actingAs: adapter.target.actingAs, readonly, demo };
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
    case 'create':
      return <CreateScreen state={state} info={info} create={view.create} />;
    case 'rotate':
      return <RotateScreen state={state} info={info} flow={view.flow} />;
    case 'interrupted':
      return <InterruptedScreen state={state} info={info} rotations={view.rotations} confirmAbandon={view.confirmAbandon} />;
    case 'server-token':
      return <ServerTokenScreen state={state} info={info} flow={view.flow} />;
    case 'checklist':
      return <ChecklistScreen state={state} info={info} ids={view.ids} cursor={view.cursor} />;
    case 'too-small':
      return <TooSmallScreen viewport={state.viewport} />;
  }
}
