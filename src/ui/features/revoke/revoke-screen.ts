// The revoke screen at the level of the app state: opening it for the selected or marked tokens
// (or the token whose details are open), applying its flow's updates, and leaving it. The screen
// is one host of the revoke flow; a rotation is the other (rotate/rotate-events.ts), and
// view-model/screen-hub.ts hands the revoke commands whichever is on screen.
import { backTargetOf, type BackTarget } from '../../shared/back-target.ts';
import type { ThemeRole } from '../../shared/theme.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { revokeBatch, withoutMarks } from '../list/marks.ts';
import { escStopsBatch, stopBatch } from './revoke-batch.ts';
import { leaveMessage, startFlow, type RevokeFlow, type RevokeScreen, type RevokeUpdate } from './revoke-flow.ts';

export function openRevoke(state: AppState): AppState {
  const back = backTargetOf(state.screen);
  const batch = revokeBatch(state, back);
  if (batch === null) return { ...state, flash: { text: 'no token to revoke: select one, or mark several with Space', role: 'status.warn' } };
  return { ...state, screen: { kind: 'revoke', flow: startFlow(batch, back, state.nextTicket) }, nextTicket: state.nextTicket + 1 };
}

/** The screen shows every outcome itself: it only keeps the new flow (and spends the ticket it was offered). */
export function updateRevokeScreen(state: AppState, screen: RevokeScreen, change: (flow: RevokeFlow, ticket: number) => RevokeUpdate): AppState {
  const { flow } = change(screen.flow, state.nextTicket);
  if (flow === screen.flow) return state;
  return { ...state, screen: { kind: 'revoke', flow }, nextTicket: state.nextTicket + 1 };
}

function leaveRole(flow: RevokeFlow): ThemeRole {
  if (flow.auditFailures.length > 0) return 'status.danger';
  if (flow.results.some((result) => result.outcome !== 'revoked')) return 'status.warn';
  return flow.results.length > 0 ? 'status.ok' : 'status.muted';
}

/**
 * Esc: back where the operator came from (the list, if that was a revoked token's details); marks
 * of the tokens handled are spent. In the middle of a batch, Esc first stops the rest and shows
 * the summary (revoked, skipped, untouched); Esc there leaves.
 */
export function leaveRevokeScreen(state: AppState, screen: RevokeScreen): AppState {
  const { flow } = screen;
  if (escStopsBatch(flow)) return { ...state, screen: { kind: 'revoke', flow: stopBatch(flow) } };
  const handled = flow.results.map((result) => result.tokenId);
  const back: BackTarget = flow.back.kind === 'details' && handled.includes(flow.back.tokenId) ? { kind: 'list' } : flow.back;
  return { ...state, screen: back, marked: withoutMarks(state.marked, handled), flash: { text: leaveMessage(flow), role: leaveRole(flow) } };
}
