// Fleet mode (`:fleet`): one live table of every context's tokens (CONTEXT first, most urgent
// first), a strip with each context's own connection state, `/` to filter, `:find` (or f) for a
// masked leaked-token prompt, Enter to open a token's details in its own context (the single-
// context screens then do every mutation there, with that context's read-only flag), Esc back.
// Countdowns come from the one shared clock (ClockProvider).
import { Box, Text, useApp, useWindowSize } from 'ink';
import { useCallback, useMemo, useReducer, useState } from 'react';
import { findLeakedToken } from '../../adapters/operations/find-token.ts';
import { failureReason } from '../../adapters/operations/fleet.ts';
import type { Clock } from '../../core/clock.ts';
import { leakedTokenLabel, parseLeakedToken } from '../../core/leaked-token.ts';
import type { TickSource } from '../clock-ticker.ts';
import { ClockProvider, useNow } from '../hooks/useNow.ts';
import { useKeysOneAtATime } from '../hooks/useKeysOneAtATime.ts';
import { describeTtl, ttlCellText } from '../shared/ttl-display.ts';
import { displayWidth } from '../shared/text-width.ts';
import { headingText, layoutTable, leadingColumn, rowPrefixText, widestId } from '../features/list/table-layout.ts';
import { TokenRow } from '../features/list/TokenRow.tsx';
import { FLEET_FOOTER, fleetCommandFor } from '../features/fleet/fleet-keys.ts';
import { connectionStrip, fleetReducer, fleetRows, initialFleetState, type FleetContext, type FleetRow, type FleetState } from '../features/fleet/fleet-model.ts';
import { useFleetFeeds, type FleetMembersPort, type OpenFleetContext } from '../features/fleet/useFleetFeeds.ts';
import { sweepPinnedLines } from '../features/fleet/fleet-sweep.ts';
import { useFleetSweep } from '../features/fleet/useFleetSweep.ts';
import { LineList, ScreenLineText } from '../components/LineList.tsx';
import type { TuiAuditJournal } from '../shared/audit-port.ts';
import type { AuditOperator } from '../../core/audit.ts';

export interface FleetAppProps {
  readonly members: FleetMembersPort;
  readonly clock: Clock;
  readonly ticks: TickSource;
  readonly pollIntervalMs: number;
  /** Enter: leave fleet mode for the token's own context, on its details. */
  readonly onOpen: (context: string, tokenId: string) => void;
  /** Esc: back to the single context the fleet was opened from. */
  readonly onExit: () => void;
  /** Opened by `:find`: the masked prompt is up at once. */
  readonly startWithFind?: boolean;
  /** Where "revoke all found" journals each context's attempt; absent = X is unavailable. */
  readonly audit?: TuiAuditJournal;
  readonly operator?: AuditOperator;
  /** How long the sweep's preview must have been visible before the typed id counts. */
  readonly confirmDwellMs?: number;
}

const FIND_TIMEOUT_MS = 5_000;

async function findEverywhere(text: string, contexts: readonly FleetContext[], opened: ReadonlyMap<string, OpenFleetContext>, clock: Clock, dispatch: (action: Parameters<typeof fleetReducer>[1]) => void) {
  const parsed = parseLeakedToken(text);
  if (!parsed.ok) {
    dispatch({ type: 'find-failed', error: parsed.error });
    return;
  }
  dispatch({ type: 'find-started', label: leakedTokenLabel(parsed.token), tokenId: parsed.token.kind === 'k3s-password' ? null : parsed.token.id });
  const results = await Promise.all(
    contexts.map(async ({ context, connection, problem }) => {
      const open = opened.get(context);
      // A context that never opened (403, unreachable, a kubeconfig that did not parse) was not
      // searched: it is named as such, so that "absent" everywhere else is not read as nowhere.
      if (open === undefined) return { context, result: `not searched (${problem ?? connection})` };
      try {
        return { context, result: await findLeakedToken(open.adapter, parsed.token, clock, AbortSignal.timeout(FIND_TIMEOUT_MS)) };
      } catch (error) {
        return { context, result: failureReason(error).kind };
      }
    }),
  );
  dispatch({ type: 'find-done', results });
}

/**
 * The single-context table's columns (table-layout.ts) behind a CONTEXT column, TTL last: on a
 * tick Ink rewrites a changed line from its first changed cell, so only the countdowns are sent
 * again (with TTL in the middle, the fleet sent 2.9 times the bytes per changed row of a single
 * context, bench/fleet-idle-bytes.mjs). Rows are TokenRow, memoised on their strings.
 */
function FleetTable({ rows, selected, height, width }: { readonly rows: readonly FleetRow[]; readonly selected: number; readonly height: number; readonly width: number }) {
  const now = useNow();
  const context = useMemo(() => leadingColumn('CONTEXT', Math.min(CONTEXT_MAX_WIDTH, Math.max(7, ...rows.map((row) => displayWidth(row.context))))), [rows]);
  const idWidth = useMemo(() => widestId(rows.map((row) => row.token)), [rows]);
  const hasUses = useMemo(() => rows.some((row) => row.token.usesRemaining !== undefined), [rows]);
  const hour = Math.floor(now / 3_600_000);
  const layout = useMemo(
    () => layoutTable({ width: width - context.width, idWidth, scoped: false, hasUses, now: hour * 3_600_000 }),
    [width, context, idWidth, hasUses, hour],
  );
  const start = Math.max(0, Math.min(selected - Math.floor(height / 2), rows.length - height));
  // Static row text does not depend on the clock: rebuilt only when the rows or the window move.
  const prefixes = useMemo(
    () => rows.slice(start, start + height).map((row) => rowPrefixText(row.token, false, layout, false, { column: context, text: row.context })),
    [rows, start, height, layout, context],
  );
  return (
    <Box flexDirection="column">
      <Text wrap="truncate" bold>
        {headingText(layout, context)}
      </Text>
      {rows.slice(start, start + height).map((row, index) => {
        const ttl = describeTtl(row.token, now, null);
        return <TokenRow key={`${row.context}/${row.token.id}`} prefix={prefixes[index] ?? ''} ttlText={ttlCellText(ttl)} ttlRole={ttl.role} selected={start + index === selected} />;
      })}
    </Box>
  );
}

const CONTEXT_MAX_WIDTH = 24;

function promptLine(state: FleetState, command: string | null): string {
  if (state.find.typing !== null) return 'Leaked token (input hidden; Enter searches every context, Esc cancels): ';
  if (command !== null) return `:${command}`;
  if (state.filtering) return `/${state.filter}`;
  if (state.find.searching) return `searching every context for ${state.find.label ?? 'the token'}…`;
  if (state.find.error !== null) return `find: ${state.find.error}`;
  if (state.find.label !== null) return `find ${state.find.label}: ${state.find.results.map((result) => `${result.context} ${result.words}`).join(' · ')}`;
  return state.filter === '' ? '' : `filter: ${state.filter}`;
}

export function FleetApp(props: FleetAppProps) {
  const { clock, ticks } = props;
  const [state, dispatch] = useReducer(fleetReducer, undefined, () => {
    const initial = initialFleetState();
    return props.startWithFind === true ? { ...initial, find: { ...initial.find, typing: '' } } : initial;
  });
  const [command, setCommand] = useState<string | null>(null);
  const opened = useFleetFeeds(props.members, dispatch, props.pollIntervalMs);
  const size = useWindowSize();
  const { sweep, sweepBody, sweepView, startSweep, sweepKey } = useFleetSweep({ ...props, opened, size, findings: state.find, contexts: state.contexts, onProblem: (error) => dispatch({ type: 'find-failed', error }) });
  const { exit } = useApp();
  // Ticks do not change the state: the rows (and the table's memoised text) stay put between events.
  const rows = useMemo(() => fleetRows(state), [state]);
  const selected = Math.min(state.selected, Math.max(0, rows.length - 1));
  const runCommandWord = useCallback((word: string) => {
    if (word === 'find') dispatch({ type: 'find-typing', text: '' });
    else if (word === 'q' || word === 'quit') exit();
    else if (word === 'back' || word === 'ctx') props.onExit();
    else dispatch({ type: 'find-failed', error: `unknown command :${word} (fleet mode: :find, :q, Esc back)` });
  }, [exit, props]);

  useKeysOneAtATime((press) => {
    if (sweep !== null) {
      sweepKey(press, sweep);
      return;
    }
    if (state.find.typing !== null) {
      if (press.name === 'escape') dispatch({ type: 'find-typing', text: null });
      else if (press.name === 'enter') {
        const typed = state.find.typing;
        dispatch({ type: 'find-typing', text: null });
        void findEverywhere(typed, state.contexts, opened, clock, dispatch);
      } else if (press.name === 'backspace') dispatch({ type: 'find-typing', text: state.find.typing.slice(0, -1) });
      else if (press.text !== '') dispatch({ type: 'find-typing', text: state.find.typing + press.text });
      return;
    }
    if (command !== null) {
      if (press.name === 'escape') setCommand(null);
      else if (press.name === 'enter') {
        setCommand(null);
        runCommandWord(command.trim());
      } else if (press.name === 'backspace') setCommand(command.slice(0, -1));
      else if (press.text !== '') setCommand(command + press.text);
      return;
    }
    if (state.filtering) {
      if (press.name === 'enter' || press.name === 'escape') dispatch({ type: 'filter', text: press.name === 'escape' ? null : state.filter, editing: false });
      else if (press.name === 'backspace') dispatch({ type: 'filter', text: state.filter.slice(0, -1), editing: true });
      else if (press.text !== '') dispatch({ type: 'filter', text: state.filter + press.text, editing: true });
      return;
    }
    if (press.name === ':') {
      setCommand('');
      return;
    }
    switch (fleetCommandFor(press)) {
      case 'down':
        dispatch({ type: 'move', by: selected + 1 < rows.length ? 1 : 0 });
        break;
      case 'up':
        dispatch({ type: 'move', by: -1 });
        break;
      case 'open': {
        const row = rows[selected];
        if (row !== undefined) props.onOpen(row.context, row.token.id);
        break;
      }
      case 'filter':
        dispatch({ type: 'filter', text: state.filter, editing: true });
        break;
      case 'find':
        dispatch({ type: 'find-typing', text: '' });
        break;
      case 'sweep':
        startSweep();
        break;
      case 'back':
        props.onExit();
        break;
      case 'quit':
        exit();
        break;
      default:
        break;
    }
  });

  const tokens = state.contexts.reduce((sum, context) => sum + context.tokens.length, 0);
  return (
    <ClockProvider clock={clock} ticks={ticks}>
      <Box flexDirection="column">
        <Text bold>{`tokentui fleet · ${state.contexts.length} contexts · ${tokens} tokens`}</Text>
        <Text wrap="truncate">{connectionStrip(state)}</Text>
        <Text wrap="truncate">{promptLine(state, command)}</Text>
        {sweep === null ? (
          <FleetTable rows={rows} selected={selected} height={Math.max(1, size.rows - 5)} width={size.columns} />
        ) : (
          <Box flexDirection="column">
            <Box flexDirection="column" height={sweepView.height} overflow="hidden">
              <LineList lines={sweepBody} top={Math.min(sweep.scroll, Math.max(0, sweepBody.length - sweepView.height))} height={sweepView.height} />
            </Box>
            {sweepPinnedLines(sweep, sweepView).map((line, index) => (
              <ScreenLineText key={`pinned-${index}`} line={line} />
            ))}
          </Box>
        )}
        <Text color="gray" wrap="truncate">{FLEET_FOOTER}</Text>
      </Box>
    </ClockProvider>
  );
}
