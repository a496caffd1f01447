// `:server-ttl [DUR]`: changing the server-wide token lifetime (capabilities.ttl.serverSetting,
// LXD's cluster.join_token_expiry) from the TUI, as its own confirmed action, never inside a
// create. The plan says what changes; once every line of it was on screen and the dwell passed
// (shared/preview-gate.ts, as for a revoke) the operator types the server's name; only then does the
// runner send the change (operations/server-ttl.ts records it). This module: the screen's state,
// its effect and its mode; server-ttl-screen.ts updates it inside the app state.
import type { AdapterCapabilities } from '../../../adapters/contract.ts';
import type { ServerTtlPlan } from '../../../adapters/operations/server-ttl.ts';
import type { ServerTtlSetting } from '../../../core/ttl-input.ts';
import type { Mode } from '../../commands/modes.ts';
import type { BackTarget } from '../../shared/back-target.ts';
import { gateState, type PreviewGate } from '../../shared/preview-gate.ts';

export const SERVER_TTL_USAGE = 'usage: :server-ttl DUR (e.g. :server-ttl 45m)';

export type ServerTtlStep =
  /** `:server-ttl` alone: the setting as it is, and how to change it. */
  | { readonly kind: 'show' }
  /** `gate` null: not drawn yet (the reducer stamps it: view-model/preview-seen.ts). */
  | { readonly kind: 'confirm'; readonly plan: ServerTtlPlan; readonly typed: string; readonly refusal: string | null; readonly gate: PreviewGate | null }
  | { readonly kind: 'changing'; readonly plan: ServerTtlPlan; readonly ticket: number }
  | { readonly kind: 'changed'; readonly plan: ServerTtlPlan; readonly after: ServerTtlSetting; readonly problems: readonly string[] }
  | { readonly kind: 'failed'; readonly plan: ServerTtlPlan; readonly error: string; readonly problems: readonly string[] };

export interface ServerTtlScreen {
  readonly kind: 'server-ttl';
  readonly server: string;
  /** The setting when the screen opened. */
  readonly setting: ServerTtlSetting;
  readonly step: ServerTtlStep;
  /** The body's first line on screen (it may be longer than a small terminal). */
  readonly scroll: number;
  readonly back: BackTarget;
}

export type ServerTtlEvent =
  | { readonly kind: 'changed'; readonly ticket: number; readonly after: ServerTtlSetting; readonly capabilities: AdapterCapabilities; readonly problems: readonly string[] }
  | { readonly kind: 'failed'; readonly ticket: number; readonly error: string; readonly problems: readonly string[] };

/** What the runner sends: only from 'changing', once per ticket. */
export interface ServerTtlEffect {
  readonly ticket: number;
  readonly plan: ServerTtlPlan;
}

export function serverTtlEffect(screen: ServerTtlScreen): ServerTtlEffect | null {
  return screen.step.kind === 'changing' ? { ticket: screen.step.ticket, plan: screen.step.plan } : null;
}

/** Whether the typed confirmation counts now: the plan's gate is open. */
export function serverTtlGateOpen(screen: ServerTtlScreen, now: number): boolean {
  return screen.step.kind === 'confirm' && gateState(screen.step.gate, now, 0).kind === 'open';
}

export function serverTtlMode(screen: ServerTtlScreen, now: number): Mode {
  switch (screen.step.kind) {
    case 'confirm':
      return serverTtlGateOpen(screen, now) ? 'server-ttl-confirm' : 'server-ttl-waiting';
    case 'changing':
      return 'server-ttl-busy';
    case 'show':
    case 'changed':
    case 'failed':
      return 'server-ttl-done';
  }
}
