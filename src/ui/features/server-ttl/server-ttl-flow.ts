// `:server-ttl [DUR]`: changing the server-wide token lifetime (capabilities.ttl.serverSetting,
// LXD's cluster.join_token_expiry) from the TUI, as its own confirmed action, never inside a
// create. The plan says what changes; the operator types the server's name; only then does the
// runner send the change (operations/server-ttl.ts records it). This module: the screen's state,
// its effect and its mode; server-ttl-screen.ts updates it inside the app state.
import type { AdapterCapabilities } from '../../../adapters/contract.ts';
import type { ServerTtlPlan } from '../../../adapters/operations/server-ttl.ts';
import type { ServerTtlSetting } from '../../../core/ttl-input.ts';
import type { Mode } from '../../commands/modes.ts';
import type { BackTarget } from '../../shared/back-target.ts';

export type ServerTtlStep =
  /** `:server-ttl` alone: the setting as it is, and how to change it. */
  | { readonly kind: 'show' }
  | { readonly kind: 'confirm'; readonly plan: ServerTtlPlan; readonly typed: string; readonly refusal: string | null }
  | { readonly kind: 'changing'; readonly plan: ServerTtlPlan; readonly ticket: number }
  | { readonly kind: 'changed'; readonly plan: ServerTtlPlan; readonly after: ServerTtlSetting; readonly problems: readonly string[] }
  | { readonly kind: 'failed'; readonly plan: ServerTtlPlan; readonly error: string; readonly problems: readonly string[] };

export interface ServerTtlScreen {
  readonly kind: 'server-ttl';
  readonly server: string;
  /** The setting when the screen opened. */
  readonly setting: ServerTtlSetting;
  readonly step: ServerTtlStep;
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

export function serverTtlMode(screen: ServerTtlScreen): Mode {
  switch (screen.step.kind) {
    case 'confirm':
      return 'server-ttl-confirm';
    case 'changing':
      return 'server-ttl-busy';
    case 'show':
    case 'changed':
    case 'failed':
      return 'server-ttl-done';
  }
}
