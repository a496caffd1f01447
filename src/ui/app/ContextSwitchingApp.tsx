// Holds the current backend so `:ctx NAME` can replace it without a restart: a new key
// re-mounts App, so the header, the list and every runner start over on the new adapter.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { TokenAdapter } from '../../adapters/contract.ts';
import type { TuiAuditJournal } from '../shared/audit-port.ts';
import type { RotationJournalPort } from '../features/rotate/rotation-port.ts';
import type { ServerTokenChecklistPort } from '../features/server-token/server-token-port.ts';
import { App, type AppProps } from './App.tsx';
import { TokenTuiError } from '../../core/errors.ts';
import { DEFAULT_POLL_INTERVAL_MS } from '../feed/poller.ts';
import { PREVIOUS_CONTEXT } from '../features/command-line/command-line.ts';
import { FIND_REQUEST, FLEET_REQUEST } from '../features/fleet/fleet-commands.ts';
import { FleetApp } from './FleetApp.tsx';
import type { FleetMembersPort } from '../features/fleet/useFleetFeeds.ts';

export interface SwitchedContext {
  readonly adapter: TokenAdapter;
  readonly readonly: boolean;
  readonly contextLabel: string;
  /** The context's own poll interval (adapters without watch); absent = DEFAULT_POLL_INTERVAL_MS. */
  readonly pollIntervalMs?: number;
  /** The embedded demo (`:ctx demo`). */
  readonly demo?: boolean;
  /** Why this context may not be the one meant (a broken kubeconfig read first may define its name): shown on arrival. */
  readonly doubt?: string;
}

export type SwitchContextPort = (name: string) => Promise<SwitchedContext>;

/** How a context's doubt reads in the footer of its first frame, at start (run.tsx) as after a switch. */
export function doubtNote(doubt: string): string {
  return `warning: ${doubt}`;
}

export interface ContextSwitchingAppProps extends Omit<AppProps, 'switchContext'> {
  /** Opens NAME (src/cli/context-switch.ts); absent = `:ctx` says it is unavailable. */
  readonly switchContext?: SwitchContextPort;
  /**
   * Opens the target the TUI started on again (`:ctx -` back to it): it may have no context name
   * (--server URL, --kubeconfig PATH). Absent = back to it by its label.
   */
  readonly reopenLaunch?: () => Promise<SwitchedContext>;
  /** Told about every adapter that becomes current, so the launcher can close the last one. */
  readonly onAdapterChange?: (adapter: TokenAdapter) => void;
  /**
   * The journals of a target (the demo keeps its own, named by its adapter's target.stateDir);
   * absent = the audit, rotations and checklists props for every context.
   */
  readonly journalsFor?: (adapter: TokenAdapter) => TargetJournals;
  /** Every saved and discovered context, for fleet mode (`:fleet`, `:find`); absent = unavailable. */
  readonly fleetMembers?: FleetMembersPort;
}

export interface TargetJournals {
  readonly audit: TuiAuditJournal;
  readonly rotations: RotationJournalPort;
  readonly checklists: ServerTokenChecklistPort;
}

/** Where `:ctx -` goes back to: the target the TUI started on, or a context by name. */
type Place = typeof LAUNCH | { readonly name: string };
const LAUNCH = 'launch' as const;

interface Current extends SwitchedContext {
  readonly pollIntervalMs: number;
  readonly demo: boolean;
  readonly generation: number;
  /** Opened from fleet mode's Enter: that token's details first. */
  readonly details?: string;
}

type Fleet = null | { readonly find: boolean };

export function ContextSwitchingApp(props: ContextSwitchingAppProps) {
  const { switchContext, onAdapterChange, journalsFor, reopenLaunch, fleetMembers, ...appProps } = props;
  const [fleet, setFleet] = useState<Fleet>(null);
  const [current, setCurrent] = useState<Current>({
    adapter: props.adapter,
    readonly: props.readonly,
    contextLabel: props.contextLabel,
    pollIntervalMs: props.pollIntervalMs,
    demo: props.demo,
    generation: 0,
  });
  const currentRef = useRef(current);
  // Which context is on screen and which was before it, for `:ctx -`.
  const placesRef = useRef<{ current: Place; previous: Place | null }>({ current: LAUNCH, previous: null });
  const switchTo = useCallback(
    async (name: string) => {
      if (name === FLEET_REQUEST || name === FIND_REQUEST) {
        if (fleetMembers === undefined) throw new TokenTuiError('unsupported', 'fleet mode is not available here');
        setFleet({ find: name === FIND_REQUEST });
        return;
      }
      if (switchContext === undefined) return;
      const places = placesRef.current;
      const place: Place | null = name === PREVIOUS_CONTEXT ? places.previous : { name };
      if (place === null) throw new TokenTuiError('usage', 'no previous context yet: :ctx - goes back after a switch');
      const next = place === LAUNCH ? await (reopenLaunch ?? (() => switchContext(props.contextLabel)))() : await switchContext(place.name);
      placesRef.current = { current: place, previous: places.current };
      const previous = currentRef.current;
      // A switched-to context polls at its own interval: the launch context's saved one does not carry over.
      const replaced: Current = { ...next, pollIntervalMs: next.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, demo: next.demo ?? false, generation: previous.generation + 1 };
      currentRef.current = replaced;
      onAdapterChange?.(next.adapter);
      setCurrent(replaced);
      // After the swap: a failing close must not keep the user on a context they left.
      await previous.adapter.close?.().catch(() => undefined);
    },
    [switchContext, onAdapterChange, reopenLaunch, props.contextLabel, fleetMembers],
  );
  // Enter in fleet mode: the token's own context (its adapter, its read-only flag), on its details.
  const openFromFleet = useCallback(
    (context: string, tokenId: string) => {
      switchTo(context).then(
        () => {
          currentRef.current = { ...currentRef.current, details: tokenId };
          setCurrent(currentRef.current);
          setFleet(null);
        },
        () => setFleet(null),
      );
    },
    [switchTo],
  );
  const leaveFleet = useCallback(() => {
    // The App re-mounts on the context it left (its adapter stayed open meanwhile).
    currentRef.current = { ...currentRef.current, generation: currentRef.current.generation + 1 };
    setCurrent(currentRef.current);
    setFleet(null);
  }, []);
  const journals = useMemo(() => journalsFor?.(current.adapter), [journalsFor, current.adapter]);
  if (fleet !== null && fleetMembers !== undefined) {
    return (
      <FleetApp
        members={fleetMembers}
        clock={appProps.clock}
        ticks={appProps.ticks}
        pollIntervalMs={DEFAULT_POLL_INTERVAL_MS}
        onOpen={openFromFleet}
        onExit={leaveFleet}
        startWithFind={fleet.find}
        audit={journals?.audit ?? appProps.audit}
        operator={appProps.operator}
        {...(appProps.confirmDwellMs === undefined ? {} : { confirmDwellMs: appProps.confirmDwellMs })}
      />
    );
  }
  return (
    <App
      key={current.generation}
      {...appProps}
      {...journals}
      startupNote={current.generation === 0 ? appProps.startupNote : current.doubt === undefined ? null : doubtNote(current.doubt)}
      takeArrivedEvents={current.generation === 0 ? appProps.takeArrivedEvents : undefined}
      adapter={current.adapter}
      readonly={current.readonly}
      contextLabel={current.contextLabel}
      pollIntervalMs={current.pollIntervalMs}
      demo={current.demo}
      {...(current.details === undefined ? {} : { initialDetails: current.details })}
      {...(switchContext === undefined && fleetMembers === undefined ? {} : { switchContext: switchTo })}
    />
  );
}
