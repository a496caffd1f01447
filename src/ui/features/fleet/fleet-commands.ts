// `:fleet` and `:find`: leave the single-context screens for fleet mode (FleetScreen.tsx). Like
// `:ctx`, the reducer only records the request; ContextSwitchingApp (which holds the ports) acts
// on it. The requests are names no `:ctx NAME` can produce (`:` words split at spaces).
import type { CommandTable } from '../../commands/command-spec.ts';
import type { AppState } from '../../view-model/app-state.ts';

export const FLEET_REQUEST = ' fleet';
export const FIND_REQUEST = ' find';

function request(state: AppState, pending: string, text: string): AppState {
  if (state.contextSwitch.pending !== null) return { ...state, flash: { text: `already switching to ${state.contextSwitch.pending.trim()}`, role: 'status.warn' } };
  return { ...state, contextSwitch: { ...state.contextSwitch, pending }, flash: { text, role: 'status.muted' } };
}

export const fleetCommands = {
  'app.fleet': {
    keys: [],
    words: ['fleet'],
    description: 'Fleet mode: every context\'s tokens in one live table, each with its own connection state',
    category: 'app',
    modes: ['list', 'details'],
    dangerous: false,
    disabledReason: (context) => context.contextSwitchUnavailable,
    run: (state) => request(state, FLEET_REQUEST, 'opening every context…'),
  },
  'app.find': {
    keys: [],
    words: ['find'],
    description: 'Find where a leaked token is live, in every context (masked prompt)',
    category: 'app',
    modes: ['list', 'details'],
    dangerous: false,
    disabledReason: (context) => context.contextSwitchUnavailable,
    run: (state) => request(state, FIND_REQUEST, 'opening every context…'),
  },
} satisfies CommandTable<AppState>;
