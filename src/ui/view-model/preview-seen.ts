// After every action, the preview on screen (a revoke's, a batch's combined one, the k3s
// server-token rotation's, a make-default's, a server TTL change's) learns what the reader has
// seen: the first pass after it appears stamps when it became visible, and each scroll or resize
// records how deep the window has reached. Its gate (shared/preview-gate.ts) opens only once
// every line has been on screen and the dwell has passed, so the stamp must come from the state
// as drawn: the same lines and the same window height the screen uses.
import { makeDefaultBodyLines } from '../features/make-default/make-default-lines.ts';
import { canConfirm, makeDefaultGate, withMakeDefaultGate } from '../features/make-default/make-default-flow.ts';
import { serverTokenBodyLines } from '../features/server-token/server-token-lines.ts';
import { withServerTokenGate } from '../features/server-token/server-token-screen.ts';
import { serverTtlBodyLines } from '../features/server-ttl/server-ttl-lines.ts';
import { withServerTtlGate } from '../features/server-ttl/server-ttl-screen.ts';
import { revokeBodyLines } from '../features/revoke/revoke-lines.ts';
import { gateOf, withGate } from '../features/revoke/revoke-flow.ts';
import { gateOpensAt, openGate, seen, type PreviewGate } from '../shared/preview-gate.ts';
import { promptedBodyHeight } from '../shared/screen-line.ts';
import { viewOf, type AppState } from './app-state.ts';
import { activeRevoke } from './screen-hub.ts';

/** The gated preview on screen: its gate, where its window is, and how to store a new stamp. */
interface GatedPreview {
  readonly gate: PreviewGate | null;
  readonly scroll: number;
  readonly height: number;
  readonly total: number;
  readonly withGate: (gate: PreviewGate) => AppState;
}

function gatedPreview(state: AppState): GatedPreview | null {
  const { screen, viewport } = state;
  const { columns } = viewport;
  if (screen.kind === 'server-token') {
    const { flow } = screen;
    if (flow.stage.kind !== 'preview') return null;
    const total = serverTokenBodyLines(flow, columns).length;
    return { gate: flow.stage.gate, scroll: flow.stage.scroll, height: promptedBodyHeight(viewport), total, withGate: (gate) => withServerTokenGate(state, gate) };
  }
  if (screen.kind === 'make-default') {
    const { flow } = screen;
    const gate = makeDefaultGate(flow);
    if (gate === undefined || !canConfirm(flow)) return null;
    const total = makeDefaultBodyLines(flow, columns).length;
    return { gate, scroll: flow.scroll, height: promptedBodyHeight(viewport), total, withGate: (next) => ({ ...state, screen: { ...screen, flow: withMakeDefaultGate(flow, next) } }) };
  }
  if (screen.kind === 'server-ttl') {
    if (screen.step.kind !== 'confirm') return null;
    const total = serverTtlBodyLines(screen, columns).length;
    return { gate: screen.step.gate, scroll: screen.scroll, height: promptedBodyHeight(viewport), total, withGate: (gate) => withServerTtlGate(state, gate) };
  }
  const host = activeRevoke(state);
  const gate = host === null ? undefined : gateOf(host.flow.step);
  if (host === null || gate === undefined) return null;
  const total = revokeBodyLines(host.flow, columns).length;
  return { gate, scroll: host.flow.scroll, height: host.viewHeight, total, withGate: (next) => host.update((flow) => ({ flow: withGate(flow, next), output: null })) };
}

/** Nothing is on screen while the terminal is too small: nothing is stamped seen then. */
export function withPreviewsSeen(state: AppState): AppState {
  if (viewOf(state).kind === 'too-small') return state;
  const preview = gatedPreview(state);
  if (preview === null) return state;
  const { gate, scroll, height, total } = preview;
  const top = Math.max(0, Math.min(scroll, total - height));
  const next = gate === null ? openGate(state.now, top, height, total, state.confirmDwellMs) : seen(gate, top, height, total);
  return next === gate ? state : preview.withGate(next);
}

/** When the preview on screen opens by itself (its dwell ends), if it is waiting for that: App re-renders then. */
export function previewDeadline(state: AppState): number | null {
  const preview = gatedPreview(state);
  return preview === null ? null : gateOpensAt(preview.gate, state.now);
}
