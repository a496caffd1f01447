// Holds the current backend so `:ctx NAME` can replace it without a restart: a new key
// re-mounts App, so the header, the list and every runner start over on the new adapter.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { TokenAdapter } from '../../adapters/contract.ts';
import type { TuiAuditJournal } from '../shared/audit-port.ts';
import type { RotationJournalPort } from '../features/rotate/rotation-port.ts';
import type { ServerTokenChecklistPort } from '../features/server-token/server-token-port.ts';
import { App, type AppProps } from './App.tsx';
import { DEFAULT_POLL_INTERVAL_MS } from '../feed/poller.ts';

export interface SwitchedContext {
  readonly adapter: TokenAdapter;
  readonly readonly: boolean;
  readonly contextLabel: string;
  /** The context's own poll interval (adapters without watch); absent = DEFAULT_POLL_INTERVAL_MS. */
  readonly pollIntervalMs?: number;
}

export type SwitchContextPort = (name: string) => Promise<SwitchedContext>;

export interface ContextSwitchingAppProps extends Omit<AppProps, 'switchContext'> {
  /** Opens NAME (src/cli/context-switch.ts); absent = `:ctx` says it is unavailable. */
  readonly switchContext?: SwitchContextPort;
  /** Told about every adapter that becomes current, so the launcher can close the last one. */
  readonly onAdapterChange?: (adapter: TokenAdapter) => void;
  /**
   * The journals of a target (the demo keeps its own, named by its adapter's target.stateDir);
   * absent = the audit, rotations and checklists props for every context.
   */
  readonly journalsFor?: (adapter: TokenAdapter) => TargetJournals;
}

export interface TargetJournals {
  readonly audit: TuiAuditJournal;
  readonly rotations: RotationJournalPort;
  readonly checklists: ServerTokenChecklistPort;
}

interface Current extends SwitchedContext {
  readonly pollIntervalMs: number;
  readonly demo: boolean;
  readonly generation: number;
}

export function ContextSwitchingApp(props: ContextSwitchingAppProps) {
  const { switchContext, onAdapterChange, journalsFor, ...appProps } = props;
  const [current, setCurrent] = useState<Current>({
    adapter: props.adapter,
    readonly: props.readonly,
    contextLabel: props.contextLabel,
    pollIntervalMs: props.pollIntervalMs,
    demo: props.demo,
    generation: 0,
  });
  const currentRef = useRef(current);
  const switchTo = useCallback(
    async (name: string) => {
      if (switchContext === undefined) return;
      const next = await switchContext(name);
      const previous = currentRef.current;
      // A named context is never the demo backend (--demo does not carry over), and polls at its
      // own interval: the launch context's saved one does not carry over either.
      const replaced: Current = { ...next, pollIntervalMs: next.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, demo: false, generation: previous.generation + 1 };
      currentRef.current = replaced;
      onAdapterChange?.(next.adapter);
      setCurrent(replaced);
      // After the swap: a failing close must not keep the user on a context they left.
      await previous.adapter.close?.().catch(() => undefined);
    },
    [switchContext, onAdapterChange],
  );
  const journals = useMemo(() => journalsFor?.(current.adapter), [journalsFor, current.adapter]);
  return (
    <App
      key={current.generation}
      {...appProps}
      {...journals}
      startupNote={current.generation === 0 ? appProps.startupNote : null}
      adapter={current.adapter}
      readonly={current.readonly}
      contextLabel={current.contextLabel}
      pollIntervalMs={current.pollIntervalMs}
      demo={current.demo}
      {...(switchContext === undefined ? {} : { switchContext: switchTo })}
    />
  );
}
