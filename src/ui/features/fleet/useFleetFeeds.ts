// Fleet mode's feeds: every member context opens its own adapter and its own watch (or poll, for
// an adapter without one), all at once; each event is tagged with its context, so one context's
// outage changes only its own state. The open adapters are kept for `:find`; all are closed when
// fleet mode ends.
import { useEffect, useRef, type Dispatch } from 'react';
import type { TokenAdapter, WatchListener } from '../../../adapters/contract.ts';
import { supports } from '../../../adapters/operations/capabilities.ts';
import { failureReason, type FleetMember } from '../../../adapters/operations/fleet.ts';
import { isTokenTuiError, toTokenTuiError } from '../../../core/errors.ts';
import { pollTokens } from '../../feed/poller.ts';
import type { FleetAction } from './fleet-model.ts';

export type FleetMembersPort = () => Promise<readonly FleetMember[]>;

export interface OpenFleetContext {
  readonly member: FleetMember;
  readonly adapter: TokenAdapter;
}

function problemOf(error: unknown): string {
  if (isTokenTuiError(error) && error.httpStatus !== undefined) return String(error.httpStatus);
  return failureReason(error).kind;
}

export function useFleetFeeds(members: FleetMembersPort, dispatch: Dispatch<FleetAction>, pollIntervalMs: number): ReadonlyMap<string, OpenFleetContext> {
  const open = useRef(new Map<string, OpenFleetContext>());
  useEffect(() => {
    const controller = new AbortController();
    const opened = open.current;
    const start = (member: FleetMember): void => {
      member.open().then(
        (adapter) => {
          if (controller.signal.aborted) {
            void adapter.close?.().catch(() => undefined);
            return;
          }
          opened.set(member.context, { member, adapter });
          dispatch({ type: 'opened', context: member.context, adapterId: adapter.id });
          const listener: WatchListener = (event) => {
            if (!controller.signal.aborted) dispatch({ type: 'feed', context: member.context, event });
          };
          try {
            if (supports(adapter, 'watch')) adapter.watch(listener, controller.signal);
            else pollTokens(adapter, listener, controller.signal, { intervalMs: pollIntervalMs });
          } catch (error) {
            listener({ type: 'state', state: 'stale', error: toTokenTuiError(error, adapter.id) });
          }
        },
        (error: unknown) => {
          if (!controller.signal.aborted) dispatch({ type: 'open-failed', context: member.context, problem: problemOf(error) });
        },
      );
    };
    members().then(
      (list) => {
        if (controller.signal.aborted) return;
        dispatch({ type: 'members', members: list.map(({ context, readonly }) => ({ context, readonly })) });
        list.forEach(start);
      },
      (error: unknown) => dispatch({ type: 'find-failed', error: `no contexts: ${toTokenTuiError(error, 'ui').message}` }),
    );
    return () => {
      controller.abort();
      for (const { adapter } of opened.values()) void adapter.close?.().catch(() => undefined);
      opened.clear();
    };
  }, [members, dispatch, pollIntervalMs]);
  return open.current;
}
