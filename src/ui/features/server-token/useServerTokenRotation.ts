// Everything server-token rotation needs from App in one call: the checklists (read at
// start, ticks written back), the screen's steps (file, preview, PUT) and the new token's copy.
import { useMemo, type Dispatch } from 'react';
import type { TokenAdapter } from '../../../adapters/contract.ts';
import type { AuditOperator } from '../../../core/audit.ts';
import type { Clock } from '../../../core/clock.ts';
import type { TuiAuditJournal } from '../../shared/audit-port.ts';
import type { ServerTokenChecklistPort, ServerTokenRotationPort } from './server-token-port.ts';
import type { AppAction, AppState } from '../../view-model/app-state.ts';
import { useServerTokenChecklists } from '../checklist/useServerTokenChecklists.ts';
import { useServerTokenCopy } from './useServerTokenCopy.ts';
import { serverTokenEffect } from './server-token-flow.ts';
import { useServerTokenRunner } from './useServerTokenRunner.ts';

export interface ServerTokenWiring {
  readonly port: ServerTokenRotationPort | null;
  readonly checklists: ServerTokenChecklistPort | undefined;
  readonly adapter: TokenAdapter;
  readonly audit: TuiAuditJournal;
  readonly operator: AuditOperator;
  readonly clock: Clock;
  /** The terminal, for the OSC 52 copy. */
  readonly write: (bytes: string) => void;
}

export function useServerTokenRotation(state: AppState, dispatch: Dispatch<AppAction>, wiring: ServerTokenWiring): void {
  const { port, checklists, adapter, audit, operator, clock, write } = wiring;
  const target = state.mutations.rotationTarget;
  useServerTokenChecklists(checklists, target, state.serverToken.outbox, dispatch);
  const deps = useMemo(
    () => (port === null || checklists === undefined ? null : { adapter, audit, operator, clock, port, checklists, target }),
    [adapter, audit, operator, clock, port, checklists, target],
  );
  useServerTokenRunner(state.screen.kind === 'server-token' ? serverTokenEffect(state.screen.flow) : null, dispatch, deps);
  useServerTokenCopy(state.screen, dispatch, write, state.tmux);
}
