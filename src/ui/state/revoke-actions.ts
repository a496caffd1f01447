// The revoke screen's transitions at the level of the whole app state: opening it from the
// list or the details, feeding it keys and results, scrolling and leaving it.
import { bodyLines } from '../layout.ts';
import type { ThemeRole } from '../theme.ts';
import type { AppState, BackTarget } from './app-state.ts';
import { revokeBatch, withoutMarks } from './marks.ts';
import {
  applyRevokeEvent,
  confirmFlow,
  deleteTypedChar,
  leaveMessage,
  startFlow,
  typeIntoFlow,
  type RevokeEvent,
  type RevokeFlow,
} from './revoke-flow.ts';
import { PINNED_LINES, revokeBodyLines } from './revoke-model.ts';

/** Applies `change` to the open flow with a fresh ticket (spent only if the change uses it). */
function updateFlow(state: AppState, change: (flow: RevokeFlow, ticket: number) => RevokeFlow): AppState {
  if (state.screen.kind !== 'revoke') return state;
  const flow = change(state.screen.flow, state.nextTicket);
  if (flow === state.screen.flow) return state;
  return { ...state, screen: { kind: 'revoke', flow }, nextTicket: state.nextTicket + 1 };
}

export function openRevoke(state: AppState): AppState {
  const batch = revokeBatch(state);
  if (batch === null) return { ...state, flash: { text: 'no token to revoke: select one, or mark several with Space', role: 'status.warn' } };
  const back: BackTarget = state.screen.kind === 'details' ? state.screen : { kind: 'list' };
  return { ...state, screen: { kind: 'revoke', flow: startFlow(batch, back, state.nextTicket) }, nextTicket: state.nextTicket + 1 };
}

export function applyRevokeResult(state: AppState, event: RevokeEvent): AppState {
  return updateFlow(state, (flow, ticket) => applyRevokeEvent(flow, event, ticket));
}

export function typeIntoRevoke(state: AppState, text: string): AppState {
  return updateFlow(state, (flow) => typeIntoFlow(flow, text));
}

export function deleteRevokeChar(state: AppState): AppState {
  return updateFlow(state, deleteTypedChar);
}

export function confirmRevoke(state: AppState, how: 'yes' | 'typed'): AppState {
  return updateFlow(state, (flow, ticket) => confirmFlow(flow, how, ticket));
}

/** Back where the operator came from (the list, if that was a revoked token's details); marks of the tokens handled are spent. */
export function leaveRevoke(state: AppState): AppState {
  if (state.screen.kind !== 'revoke') return state;
  const { flow } = state.screen;
  const handled = flow.results.map((result) => result.tokenId);
  const back: BackTarget = flow.back.kind === 'details' && handled.includes(flow.back.tokenId) ? { kind: 'list' } : flow.back;
  return { ...state, screen: back, marked: withoutMarks(state.marked, handled), flash: { text: leaveMessage(flow), role: leaveRole(flow) } };
}

function leaveRole(flow: RevokeFlow): ThemeRole {
  if (flow.auditFailures.length > 0) return 'status.danger';
  if (flow.results.some((result) => result.outcome !== 'revoked')) return 'status.warn';
  return flow.results.length > 0 ? 'status.ok' : 'status.muted';
}

export function revokeMaxScroll(state: AppState): number {
  if (state.screen.kind !== 'revoke') return 0;
  const content = revokeBodyLines(state.screen.flow, state.viewport.columns).length;
  return Math.max(0, content - Math.max(1, bodyLines(state.viewport) - PINNED_LINES));
}

export function scrollRevoke(state: AppState, delta: number): AppState {
  if (state.screen.kind !== 'revoke') return state;
  const { flow } = state.screen;
  const scroll = Math.max(0, Math.min(revokeMaxScroll(state), flow.scroll + delta));
  return scroll === flow.scroll ? state : { ...state, screen: { kind: 'revoke', flow: { ...flow, scroll } } };
}
