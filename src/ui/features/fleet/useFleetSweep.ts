// Fleet mode's "revoke all found" as a hook: the sweep's state (fleet-sweep.ts), its scrolling
// body, the preview gate fed with every redraw, a redraw when the dwell ends, and its keys. The
// I/O is fleet-sweep-runner.ts; FleetApp draws what this returns.
import { useCallback, useEffect, useReducer, useState } from 'react';
import type { AuditOperator } from '../../../core/audit.ts';
import type { Clock } from '../../../core/clock.ts';
import type { TickSource } from '../../clock-ticker.ts';
import { usePreviewDeadline } from '../../hooks/usePreviewDeadline.ts';
import type { KeyPress } from '../../commands/key-press.ts';
import type { TuiAuditJournal } from '../../shared/audit-port.ts';
import { CONFIRM_DWELL_MS, gateOpensAt } from '../../shared/preview-gate.ts';
import type { ScreenLine } from '../../shared/screen-line.ts';
import type { FleetContext, FleetFind } from './fleet-model.ts';
import { previewSweep, runSweep } from './fleet-sweep-runner.ts';
import { retryableContexts, sweepBodyLines, sweepReducer, type FleetSweep, type SweepAction, type SweepView } from './fleet-sweep.ts';
import type { OpenFleetContext } from './useFleetFeeds.ts';

/** Title, state strip, prompt line and footer around the sweep panel, and its two pinned lines. */
const SWEEP_CHROME_ROWS = 6;
const SCROLL_KEYS: Readonly<Record<string, (height: number) => number>> = {
  down: () => 1,
  up: () => -1,
  pagedown: (height) => height,
  pageup: (height) => -height,
};

export interface FleetSweepDeps {
  readonly clock: Clock;
  readonly ticks: TickSource;
  readonly audit?: TuiAuditJournal;
  readonly operator?: AuditOperator;
  readonly confirmDwellMs?: number;
  readonly opened: ReadonlyMap<string, OpenFleetContext>;
  readonly size: { readonly columns: number; readonly rows: number };
  readonly findings: FleetFind;
  readonly contexts: readonly FleetContext[];
  /** Why X cannot start: shown where find's messages go. */
  readonly onProblem: (error: string) => void;
}

export interface FleetSweepPanel {
  readonly sweep: FleetSweep | null;
  readonly sweepBody: readonly ScreenLine[];
  readonly sweepView: SweepView;
  readonly startSweep: () => void;
  readonly sweepKey: (press: KeyPress, current: FleetSweep) => void;
}

export function useFleetSweep(deps: FleetSweepDeps): FleetSweepPanel {
  const { clock, ticks, audit, operator, opened, size } = deps;
  const [sweep, sweepDispatch] = useReducer(sweepReducer, null);
  const sweepBody = sweep === null ? [] : sweepBodyLines(sweep, Math.max(20, size.columns));
  const sweepView: SweepView = { height: Math.max(1, size.rows - SWEEP_CHROME_ROWS), total: sweepBody.length, now: clock.now() };
  const dwellMs = deps.confirmDwellMs ?? CONFIRM_DWELL_MS;
  // The gate opens when the confirmation is first asked for and records every line drawn since.
  useEffect(() => {
    if (sweep?.phase === 'confirm') sweepDispatch({ type: 'sweep-view', view: sweepView, dwellMs });
  });
  // Nothing else redraws when the dwell ends: the deadline hook does, so the prompt says it is open.
  const [, redraw] = useState(0);
  const redrawNow = useCallback(() => redraw((count) => count + 1), []);
  usePreviewDeadline(sweep === null ? null : gateOpensAt(sweep.gate, clock.now()), clock, ticks, redrawNow);

  const startSweep = (): void => {
    const live = deps.findings.results.filter((result) => result.found).map((result) => result.context);
    const tokenId = deps.findings.tokenId;
    if (tokenId === null || live.length === 0) return deps.onProblem('X revokes what :find found; find a token first');
    if (audit === undefined || operator === undefined) return deps.onProblem('revoking needs the audit journal, which is not available here');
    const readonlyOf = (context: string) => deps.contexts.find((entry) => entry.context === context)?.readonly ?? true;
    sweepDispatch({ type: 'sweep-start', tokenId, contexts: live.map((context) => ({ context, readonly: readonlyOf(context) })) });
    previewSweep(tokenId, live, { opened, audit, operator, clock }, sweepDispatch);
  };
  const sweepKey = (press: KeyPress, current: FleetSweep): void => {
    const scroll = SCROLL_KEYS[press.name];
    if (press.name === 'escape' && current.phase !== 'revoking') sweepDispatch({ type: 'sweep-close' });
    else if (scroll !== undefined) sweepDispatch({ type: 'sweep-scroll', delta: scroll(sweepView.height), view: sweepView });
    else if (current.phase === 'done' && press.text === 'r') {
      const failed = retryableContexts(current).map((context) => context.context);
      if (failed.length === 0 || audit === undefined || operator === undefined) return;
      sweepDispatch({ type: 'sweep-retry' });
      previewSweep(current.tokenId, failed, { opened, audit, operator, clock }, sweepDispatch);
    } else if (current.phase !== 'confirm') return;
    else if (press.name === 'backspace') sweepDispatch({ type: 'sweep-typing', text: current.typed.slice(0, -1) });
    else if (press.name === 'enter') {
      if (audit === undefined || operator === undefined) return;
      // The reducer is pure: what it makes of this Enter (the gate shut, a wrong id) decides here too.
      const action: SweepAction = { type: 'sweep-confirmed', view: { ...sweepView, now: clock.now() } };
      const next = sweepReducer(current, action);
      sweepDispatch(action);
      if (next?.phase === 'revoking') runSweep(next, { opened, audit, operator, clock }, sweepDispatch);
    } else if (press.text !== '') sweepDispatch({ type: 'sweep-typing', text: current.typed + press.text });
  };
  return { sweep, sweepBody, sweepView, startSweep, sweepKey };
}
