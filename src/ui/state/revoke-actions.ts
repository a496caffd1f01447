// The revoke screen's transitions at the level of the whole app state: opening it from the
// list or the details, feeding it keys and results, scrolling and leaving it. The rotate screen
// embeds the same flow for the old token; there the rotation follows it (rotate-events.ts).
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
import { leaveRotateRevoke, rotateRevokeEvent, rotateRevokeKey } from './rotate-events.ts';
import { problemLines, rotatePlanLines } from './rotate-model.ts';

/** Applies `change` to the open flow with a fresh ticket (spent only if the change uses it). */
function updateFlow(state: AppState, change: (flow: RevokeFlow, ticket: number) => RevokeFlow): AppState {
  if (state.screen.kind === 'rotate') return rotateRevokeKey(state, state.screen.flow, change);
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
  if (state.screen.kind === 'rotate') return rotateRevokeEvent(state, state.screen.flow, event);
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
  if (state.screen.kind === 'rotate') return leaveRotateRevoke(state, state.screen.flow);
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

/** Lines for the preview: the body minus the pinned prompt (and, on the rotate screen, the plan). */
export function revokeViewHeight(state: AppState): number {
  const { screen, viewport } = state;
  const plan = screen.kind === 'rotate' ? rotatePlanLines(screen.flow.rotation, viewport).length + problemLines(screen.flow.problems, viewport.columns).length : 0;
  return Math.max(1, bodyLines(viewport) - PINNED_LINES - plan);
}

export function revokeMaxScroll(state: AppState): number {
  const flow = state.screen.kind === 'revoke' ? state.screen.flow : state.screen.kind === 'rotate' ? state.screen.flow.revoke : null;
  if (flow === null) return 0;
  return Math.max(0, revokeBodyLines(flow, state.viewport.columns).length - revokeViewHeight(state));
}

export function scrollRevoke(state: AppState, delta: number): AppState {
  const max = revokeMaxScroll(state);
  return updateFlow(state, (flow) => {
    const scroll = Math.max(0, Math.min(max, flow.scroll + delta));
    return scroll === flow.scroll ? flow : { ...flow, scroll };
  });
}
