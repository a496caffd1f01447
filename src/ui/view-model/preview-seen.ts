// After every action, the preview on screen (a revoke's, a batch's combined one, the k3s
// server-token rotation's) learns what the reader has seen: the first pass after it appears
// stamps when it became visible, and each scroll or resize records how deep the window has
// reached. Its gate (shared/preview-gate.ts) opens only once every line has been on screen and
// the dwell has passed, so the stamp must come from the state as drawn: the same lines and the
// same window height the screen uses.
import { serverTokenBodyLines } from '../features/server-token/server-token-lines.ts';
import { withServerTokenGate } from '../features/server-token/server-token-screen.ts';
import { revokeBodyLines } from '../features/revoke/revoke-lines.ts';
import { gateOf, withGate } from '../features/revoke/revoke-flow.ts';
import { gateOpensAt, openGate, seen, type PreviewGate } from '../shared/preview-gate.ts';
import { promptedBodyHeight } from '../shared/screen-line.ts';
import { viewOf, type AppState } from './app-state.ts';
import { activeRevoke } from './screen-hub.ts';

function advanced(state: AppState, gate: PreviewGate | null, scroll: number, height: number, total: number): PreviewGate {
  const top = Math.max(0, Math.min(scroll, total - height));
  return gate === null ? openGate(state.now, top, height, total, state.confirmDwellMs) : seen(gate, top, height, total);
}

function revokeSeen(state: AppState): AppState {
  const host = activeRevoke(state);
  const gate = host === null ? undefined : gateOf(host.flow.step);
  if (host === null || gate === undefined) return state;
  const total = revokeBodyLines(host.flow, state.viewport.columns).length;
  const next = advanced(state, gate, host.flow.scroll, host.viewHeight, total);
  return next === gate ? state : host.update((flow) => ({ flow: withGate(flow, next), output: null }));
}

function serverTokenSeen(state: AppState): AppState {
  const { screen } = state;
  if (screen.kind !== 'server-token' || screen.flow.stage.kind !== 'preview') return state;
  const { stage } = screen.flow;
  const total = serverTokenBodyLines(screen.flow, state.viewport.columns).length;
  const next = advanced(state, stage.gate, stage.scroll, promptedBodyHeight(state.viewport), total);
  return next === stage.gate ? state : withServerTokenGate(state, next);
}

/** Nothing is on screen while the terminal is too small: nothing is stamped seen then. */
export function withPreviewsSeen(state: AppState): AppState {
  if (viewOf(state).kind === 'too-small') return state;
  return serverTokenSeen(revokeSeen(state));
}

/** When the preview on screen opens by itself (its dwell ends), if it is waiting for that: App re-renders then. */
export function previewDeadline(state: AppState): number | null {
  const { screen } = state;
  if (screen.kind === 'server-token' && screen.flow.stage.kind === 'preview') return gateOpensAt(screen.flow.stage.gate, state.now);
  const host = activeRevoke(state);
  const gate = host === null ? undefined : gateOf(host.flow.step);
  return gate === undefined ? null : gateOpensAt(gate, state.now);
}
