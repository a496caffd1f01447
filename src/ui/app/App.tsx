// The TUI's root: one reducer over the whole state (view-model/), the runners that perform what
// its features ask for as data (effects, outboxes), and the screen on view (ActiveView.tsx).
// The loop: key -> command -> reducer -> effect -> runner -> event -> reducer.
import { useApp, useInput, useStdout, useWindowSize } from 'ink';
import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { TokenAdapter, WatchEvent } from '../../adapters/contract.ts';
import { supports } from '../../adapters/operations/capabilities.ts';
import type { VerifyOptions } from '../../adapters/operations/verify-gone.ts';
import type { AuditOperator } from '../../core/audit.ts';
import type { Clock } from '../../core/clock.ts';
import { insideTmux } from '../clipboard/osc52.ts';
import type { TickSource } from '../clock-ticker.ts';
import type { HeaderInfo } from '../shared/header-info.ts';
import { useAuditJournalView } from '../features/audit/useAuditJournalView.ts';
import { useContextChoices, type ListContextsPort } from '../features/command-line/useContextChoices.ts';
import { useContextSwitch, type ContextSwitchRequest } from '../features/command-line/useContextSwitch.ts';
import { createEffect } from '../features/create/create-screen.ts';
import { useCreateRunner } from '../features/create/useCreateRunner.ts';
import { useTerminalCopy } from '../features/create/useTerminalCopy.ts';
import { makeDefaultEffect } from '../features/make-default/make-default-flow.ts';
import { useMakeDefaultRunner } from '../features/make-default/useMakeDefaultRunner.ts';
import { revokeEffect } from '../features/revoke/revoke-flow.ts';
import { useRevokeRunner } from '../features/revoke/useRevokeRunner.ts';
import { rotateEffect } from '../features/rotate/rotate-flow.ts';
import type { RotationJournalPort } from '../features/rotate/rotation-port.ts';
import { useInterruptedRotations } from '../features/rotate/useInterruptedRotations.ts';
import { useRotationJournal } from '../features/rotate/useRotationJournal.ts';
import { useRotationRunner } from '../features/rotate/useRotationRunner.ts';
import { serverTokenPortOf, type ServerTokenChecklistPort, type ServerTokenRotationPort } from '../features/server-token/server-token-port.ts';
import { serverTokenUnavailable } from '../features/server-token/server-token-support.ts';
import { useServerTokenRotation } from '../features/server-token/useServerTokenRotation.ts';
import { serverTtlEffect } from '../features/server-ttl/server-ttl-flow.ts';
import { useServerTtlRunner } from '../features/server-ttl/useServerTtlRunner.ts';
import { ClockProvider } from '../hooks/useNow.ts';
import { usePreviewDeadline } from '../hooks/usePreviewDeadline.ts';
import { useTokenFeed } from '../hooks/useTokenFeed.ts';
import type { TuiAuditJournal } from '../shared/audit-port.ts';
import { appReducer } from '../view-model/app-reducer.ts';
import { initialAppState } from '../view-model/app-state.ts';
import { mutationSupport } from '../view-model/mutation-support.ts';
import { previewDeadline } from '../view-model/preview-seen.ts';
import { activeRevoke } from '../view-model/screen-hub.ts';
import { ActiveView } from './ActiveView.tsx';
import { toKeyPress } from './ink-keys.ts';

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
  /** The contexts `:ctx` offers (the picker, Tab); absent = `:ctx NAME` only. */
  readonly listContexts?: ListContextsPort;
  /** Where server-token checklists are kept (without it, R is unavailable); tests may replace the adapter's port. */
  readonly checklists?: ServerTokenChecklistPort;
  readonly serverToken?: ServerTokenRotationPort | null;
  /** How long a preview must have been on screen before a confirmation counts; default CONFIRM_DWELL_MS. */
  readonly confirmDwellMs?: number;
  /** --local-time: the list's EXPIRES in local time (z switches); default UTC. */
  readonly localTime?: boolean;
  /** Said once in the footer at start (keys typed during start-up were ignored); null = nothing. */
  readonly startupNote?: string | null;
  /** Opens on this token's details (fleet mode's Enter), else on the list. */
  readonly initialDetails?: string;
  /**
   * Feed events of `adapter` that arrived before this App mounted (cli/early-feed.ts), folded into
   * its first state: the first frame shows the tokens when the LIST has arrived while the UI
   * loaded, instead of a "connecting" frame and a second full render right after it.
   */
  readonly takeArrivedEvents?: (() => readonly WatchEvent[]) | undefined;
}

export function App(props: AppProps) {
  const { adapter, readonly, demo, contextLabel, pollIntervalMs, clock, ticks, audit, operator, verify, rotations, checklists } = props;
  const size = useWindowSize();
  const serverTokenPort = useMemo(() => (props.serverToken === undefined ? serverTokenPortOf(adapter) : props.serverToken), [props.serverToken, adapter]);
  const [state, dispatch] = useReducer(appReducer, undefined, () => {
    const initial = initialAppState({
      readonly,
      viewport: { columns: size.columns, rows: size.rows },
      target: {
        adapterId: adapter.id,
        context: contextLabel,
        server: adapter.target.server,
        joinCommand: adapter.capabilities.joinCommand,
        ...(adapter.capabilities.fieldNames === undefined ? {} : { fieldNames: adapter.capabilities.fieldNames }),
        ...(supports(adapter, 'joinCommandShape') ? { joinCommandShape: (id: string) => adapter.joinCommandShape(id) } : {}),
      },
      mutations: mutationSupport(adapter, rotations !== undefined),
      tmux: insideTmux(props.env ?? process.env),
      now: clock.now(),
      canSwitchContext: props.switchContext !== undefined,
      serverTokenUnavailable: serverTokenUnavailable(serverTokenPort !== null, checklists !== undefined),
      ...(props.confirmDwellMs === undefined ? {} : { confirmDwellMs: props.confirmDwellMs }),
      timeZone: props.localTime === true ? 'local' : 'utc',
      flash: props.startupNote == null ? null : { text: props.startupNote, role: 'status.muted' },
    });
    const at = clock.now();
    const fed = (props.takeArrivedEvents?.() ?? []).reduce((state, event) => appReducer(state, { type: 'feed', event, at }), initial);
    return props.initialDetails === undefined ? fed : { ...fed, screen: { kind: 'details' as const, tokenId: props.initialDetails, scroll: 0 } };
  });
  // Dispatching during render (not in an effect) means no frame is ever drawn with the old
  // size: a frame taller than a shrunken terminal would defeat incremental rendering.
  if (size.columns !== state.viewport.columns || size.rows !== state.viewport.rows) {
    dispatch({ type: 'resize', viewport: { columns: size.columns, rows: size.rows } });
  }
  useTokenFeed(adapter, dispatch, clock, pollIntervalMs);
  useInterruptedRotations(rotations, state.mutations.rotationTarget, dispatch);
  // Before the runners: a step's journal write lands before the request the same render starts.
  useRotationJournal(state.journalOutbox, rotations, dispatch);
  // Each feature's pending I/O, as data; the runners perform it once per ticket.
  const revoke = activeRevoke(state);
  useRevokeRunner(revoke === null ? null : revokeEffect(revoke.flow), dispatch, {
    adapter,
    audit,
    operator,
    clock,
    action: revoke?.auditAction ?? 'revoke',
    ...(revoke?.replacedBy === undefined ? {} : { replacedBy: revoke.replacedBy }),
    ...(verify === undefined ? {} : { verify }),
  });
  useCreateRunner(state.screen.kind === 'create' ? createEffect(state.screen.create) : null, dispatch, { adapter, audit, operator, clock });
  useMakeDefaultRunner(state.screen.kind === 'make-default' ? makeDefaultEffect(state.screen.flow) : null, dispatch, { adapter, audit, operator, clock });
  const rotateDeps = useMemo(() => (rotations === undefined ? null : { adapter, audit, operator, clock, rotations }), [adapter, audit, operator, clock, rotations]);
  useRotationRunner(state.screen.kind === 'rotate' ? rotateEffect(state.screen.flow) : null, dispatch, rotateDeps);
  // OSC 52 goes straight to the terminal, outside Ink's frame (it draws nothing).
  const { stdout } = useStdout();
  const writeToTerminal = useCallback((bytes: string) => void stdout.write(bytes), [stdout]);
  useTerminalCopy(state.screen, dispatch, writeToTerminal, state.tmux);
  useServerTokenRotation(state, dispatch, { port: serverTokenPort, checklists, adapter, audit, operator, clock, write: writeToTerminal });
  useServerTtlRunner(state.screen.kind === 'server-ttl' ? serverTtlEffect(state.screen) : null, dispatch, { adapter, audit, operator, clock });
  useAuditJournalView(state.screen, dispatch, audit);
  useContextSwitch(state.contextSwitch.pending, dispatch, props.switchContext);
  const moveClock = useCallback(() => dispatch({ type: 'clock', at: clock.now() }), [clock]);
  usePreviewDeadline(previewDeadline(state), clock, ticks, moveClock);
  useContextChoices(state.contextSwitch.listing, dispatch, props.listContexts);
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
