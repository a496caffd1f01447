// Entry point of the interactive TUI. The command line (src/cli/main.ts) checks for a TTY;
// src/process-main.ts sets NODE_ENV=production and imports this module dynamically, so
// subcommands never load Ink.
import { render, useApp } from 'ink';
import { useEffect, type ReactNode } from 'react';
import type { TokenAdapter, WatchEvent } from '../adapters/contract.ts';
import type { AuditOperator } from '../core/audit.ts';
import { systemClock, type Clock } from '../core/clock.ts';
import { ExitCode, toTokenTuiError } from '../core/errors.ts';
import { phaseMark } from '../core/phase-marks.ts';
import { currentOperator, openAuditJournal } from '../journals/audit-journal.ts';
import { openRotationJournal } from '../journals/rotation-journal.ts';
import { openServerTokenChecklists } from '../journals/server-token-checklists.ts';
import { homeOnAlternateScreen } from './app/home-on-alternate-screen.ts';
import { ContextSwitchingApp, doubtNote, type SwitchContextPort, type SwitchedContext, type TargetJournals } from './app/ContextSwitchingApp.tsx';
import type { ListContextsPort } from './features/command-line/useContextChoices.ts';
import type { FleetMembersPort } from './features/fleet/useFleetFeeds.ts';
import type { TuiAuditJournal } from './shared/audit-port.ts';
import { secondTicker } from './clock-ticker.ts';
import { applyColorPolicy } from './shared/color.ts';
import { DEFAULT_POLL_INTERVAL_MS } from './feed/poller.ts';
import type { RotationJournalPort } from './features/rotate/rotation-port.ts';
import type { ServerTokenChecklistPort } from './features/server-token/server-token-port.ts';
import { startHeapTrim } from './heap-trim.ts';
import { capYoungGeneration } from './young-generation-cap.ts';
import { confirmDwellFrom } from './shared/preview-gate.ts';

export interface TuiOptions {
  readonly adapter: TokenAdapter;
  readonly readonly: boolean;
  readonly noColor: boolean;
  readonly demo: boolean;
  readonly contextLabel: string;
  /** --local-time: the list's EXPIRES in local time; default UTC. */
  readonly localTime?: boolean;
  /** Used only when the adapter has no watch; default 5 s. */
  readonly pollIntervalMs?: number;
  readonly clock?: Clock;
  /** Where revoke attempts are journaled; default the XDG state journal (src/journals/audit-journal.ts). */
  readonly audit?: TuiAuditJournal;
  /** Where rotations are journaled step by step; default $XDG_STATE_HOME/tokentui/rotations. */
  readonly rotations?: RotationJournalPort;
  /** Where k3s server-token checklists are kept; default the same rotations directory. */
  readonly checklists?: ServerTokenChecklistPort;
  /** Who the journal names; default the OS user and host. */
  readonly operator?: AuditOperator;
  /** For benchmarks that count bytes or drive keys; default process.stdout / process.stdin. */
  readonly stdout?: NodeJS.WriteStream;
  readonly stdin?: NodeJS.ReadStream;
  /** Opens another context for `:ctx NAME`; absent = `:ctx` says it is unavailable. */
  readonly switchContext?: SwitchContextPort;
  /** `:ctx -` back to the start target (it may have no context name). */
  readonly reopenLaunch?: () => Promise<SwitchedContext>;
  /** What `:ctx` alone lists and Tab completes. */
  readonly listContexts?: ListContextsPort;
  /** Every saved and discovered context for fleet mode (`:fleet`, `:find`); absent = unavailable. */
  readonly fleetMembers?: FleetMembersPort;
  /**
   * Registers how the TUI lends the terminal to an interactive exec credential plugin (the
   * command line passes the kube transport's registry in); returns the unregister. Absent = the
   * TUI never steps aside for a plugin.
   */
  readonly registerTerminalHandoff?: RegisterTerminalHandoff;
  /** Keys typed while the TUI started (echo off meanwhile): released right before the first frame, counted and dropped. */
  readonly typeAhead?: { release(): number };
  /** The launch adapter's feed events that arrived while the UI loaded: folded into the first frame. */
  readonly takeArrivedEvents?: () => readonly WatchEvent[];
  /** A doubt about the start context (a broken kubeconfig read first may define its name), shown with the first frame. */
  readonly startupNote?: string;
}

/** Runs `work` while the TUI has stepped aside (alternate screen and raw mode off), then redraws. */
export type TerminalHandoff = (work: () => Promise<void>) => Promise<void>;
export type RegisterTerminalHandoff = (handoff: TerminalHandoff) => () => void;

/** An interactive exec plugin (a device-code login, say) gets the terminal while the TUI steps aside. */
function ExecPluginTerminal({ register, children }: { readonly register: RegisterTerminalHandoff; readonly children: ReactNode }) {
  const { suspendTerminal } = useApp();
  useEffect(() => register((work) => suspendTerminal(work)), [register, suspendTerminal]);
  return children;
}

const neverLend: RegisterTerminalHandoff = () => () => undefined;

/** A target's journals: the user's, or the ones it keeps apart (the demo's, beside its database). */
function journalsFor(adapter: TokenAdapter): TargetJournals {
  const stateDir = adapter.target.stateDir;
  const where = stateDir === undefined ? {} : { stateDir };
  return { audit: openAuditJournal(where), rotations: openRotationJournal(where), checklists: openServerTokenChecklists(where) };
}

/** The doubt about the start context (cli/target.ts), then the keys dropped while starting, if any. */
function startupNote(doubt: string | undefined, droppedKeys: number): string | null {
  const dropped = droppedKeys === 0 ? null : `${droppedKeys === 1 ? '1 key' : `${droppedKeys} keys`} typed while tokentui started ignored (nothing was on screen yet)`;
  const notes = [doubt === undefined ? null : doubtNote(doubt), dropped].filter((note) => note !== null);
  return notes.length === 0 ? null : notes.join(' · ');
}

/** Runs the TUI until the user quits; resolves with the process exit code. */
export async function runTui(options: TuiOptions): Promise<number> {
  applyColorPolicy(options.noColor, process.env);
  const clock = options.clock ?? systemClock;
  // The launcher closes options.adapter; an adapter switched to is ours to close.
  let latest = options.adapter;
  phaseMark('tui-render');
  const stopHeapTrim = startHeapTrim();
  const stopYoungGenerationCap = capYoungGeneration();
  // Keys typed before anything was on screen are dropped: the operator could not see what they would do.
  const droppedKeys = options.typeAhead?.release() ?? 0;
  // Node stops a paused stdin's reads one tick after pause(); Ink must start reading after that,
  // or the stop lands on Ink's reads and no key ever arrives. The same turn of the event loop
  // reads what the feed's connection has received meanwhile (takeArrivedEvents, below).
  await new Promise((resolve) => setImmediate(resolve));
  const instance = render(
    <ExecPluginTerminal register={options.registerTerminalHandoff ?? neverLend}>
      <ContextSwitchingApp
        {...(options.switchContext === undefined ? {} : { switchContext: options.switchContext })}
        {...(options.reopenLaunch === undefined ? {} : { reopenLaunch: options.reopenLaunch })}
        {...(options.listContexts === undefined ? {} : { listContexts: options.listContexts })}
        {...(options.fleetMembers === undefined ? {} : { fleetMembers: options.fleetMembers })}
        onAdapterChange={(adapter) => {
          latest = adapter;
        }}
        adapter={options.adapter}
        takeArrivedEvents={options.takeArrivedEvents}
        readonly={options.readonly}
        demo={options.demo}
        contextLabel={options.contextLabel}
        localTime={options.localTime === true}
        startupNote={startupNote(options.startupNote, droppedKeys)}
        pollIntervalMs={options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS}
        clock={clock}
        ticks={secondTicker(clock)}
        audit={options.audit ?? openAuditJournal()}
        rotations={options.rotations ?? openRotationJournal()}
        checklists={options.checklists ?? openServerTokenChecklists()}
        {...(options.audit === undefined ? { journalsFor } : {})}
        operator={options.operator ?? currentOperator()}
        confirmDwellMs={confirmDwellFrom(process.env)}
      />
    </ExecPluginTerminal>,
    {
      alternateScreen: true,
      // The CLI only gets here on a TTY. Ink would otherwise turn itself non-interactive
      // (final frame only) whenever a CI variable is set, e.g. in a dev container.
      interactive: true,
      incrementalRendering: true,
      exitOnCtrlC: true,
      // Ink's default 30 fps throttle delays every other key of a held arrow by up to 33 ms;
      // 60 keeps scrolling under the 30 ms key-to-frame budget. Idle ticks are unaffected.
      maxFps: 60,
      stdout: options.stdout ?? homeOnAlternateScreen(process.stdout),
      ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
    },
  );
  try {
    await instance.waitUntilExit();
    return ExitCode.ok;
  } catch (error) {
    // A render crash: the alternate screen is gone by now, so stderr is visible. Redacted.
    process.stderr.write(`tokentui: ${toTokenTuiError(error, 'ui').message}\n`);
    return ExitCode.backend;
  } finally {
    stopHeapTrim();
    stopYoungGenerationCap();
    if (latest !== options.adapter) await latest.close?.();
  }
}
