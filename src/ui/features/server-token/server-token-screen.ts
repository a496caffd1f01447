// The server-token rotation screen's transitions at the level of the app state
// (server-token-flow.ts says what each stage is). Keys never send anything themselves: a stage
// with a ticket asks useServerTokenRunner to do the I/O, and only the `rotating` stage (reached
// when the typed confirmation matches) sends the rotation.
import { encodedByteLength, OSC52_MAX_ENCODED_BYTES, tooLargeMessage } from '../../clipboard/osc52.ts';
import type { BackTarget } from '../../shared/back-target.ts';
import { withoutLastChar } from '../../shared/text-field.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { openChecklistScreen, rememberChecklist } from '../checklist/checklist.ts';
import { SENT_NOTE, TMUX_NOTE } from '../create/result-view.ts';
import { droppedKeyNote, gateState, type PreviewGate } from '../../shared/preview-gate.ts';
import { startServerTokenFlow, type ServerTokenEvent, type ServerTokenFlow, type ServerTokenStage } from './server-token-flow.ts';
import { serverTokenBodyLines } from './server-token-lines.ts';

function withFlow(state: AppState, flow: ServerTokenFlow): AppState {
  return { ...state, screen: { kind: 'server-token', flow } };
}

function withStage(state: AppState, flow: ServerTokenFlow, stage: ServerTokenStage): AppState {
  return withFlow(state, { ...flow, stage });
}

const flowOf = (state: AppState): ServerTokenFlow | null => (state.screen.kind === 'server-token' ? state.screen.flow : null);

/** R and `:rotate-server-token`, once the gate let them through (not read-only, a backend with a server token). */
export function openServerTokenRotation(state: AppState, back: BackTarget): AppState {
  const ticket = state.nextTicket;
  return { ...withFlow(state, startServerTokenFlow(ticket, back)), nextTicket: ticket + 1 };
}

/** The preview's gate as the reducer last stamped it (view-model/preview-seen.ts). */
export function withServerTokenGate(state: AppState, gate: PreviewGate): AppState {
  const flow = flowOf(state);
  return flow?.stage.kind === 'preview' ? withStage(state, flow, { ...flow.stage, gate }) : state;
}

/** A key while the preview's gate is shut: nothing typed, nothing sent, and the footer says why. */
export function dropWhileShut(state: AppState, what: string): AppState {
  const flow = flowOf(state);
  if (flow?.stage.kind !== 'preview') return state;
  const shut = gateState(flow.stage.gate, state.now, serverTokenBodyLines(flow, state.viewport.columns).length);
  return shut.kind === 'open' ? state : { ...state, flash: { text: droppedKeyNote(shut, what), role: 'status.warn' } };
}

export function typeIntoServerToken(state: AppState, text: string): AppState {
  const flow = flowOf(state);
  if (flow?.stage.kind === 'entering') return withStage(state, flow, { ...flow.stage, secret: flow.stage.secret + text, refusal: null });
  if (flow?.stage.kind === 'preview') return withStage(state, flow, { ...flow.stage, typed: flow.stage.typed + text, refusal: null });
  return state;
}

export function deleteServerTokenChar(state: AppState): AppState {
  const flow = flowOf(state);
  if (flow?.stage.kind === 'entering') return withStage(state, flow, { ...flow.stage, secret: withoutLastChar(flow.stage.secret) });
  if (flow?.stage.kind === 'preview') return withStage(state, flow, { ...flow.stage, typed: withoutLastChar(flow.stage.typed) });
  return state;
}

export function submitOldToken(state: AppState): AppState {
  const flow = flowOf(state);
  if (flow?.stage.kind !== 'entering') return state;
  const oldToken = flow.stage.secret.trim();
  if (oldToken === '') return withStage(state, flow, { ...flow.stage, refusal: 'type or paste the old server token first' });
  const ticket = state.nextTicket;
  return { ...withFlow(state, { ...flow, source: 'typed at the prompt', stage: { kind: 'planning', ticket, oldToken } }), nextTicket: ticket + 1 };
}

/** Enter on the preview: the PUT is asked for only when the typed text matches exactly. */
export function confirmServerTokenRotation(state: AppState): AppState {
  const flow = flowOf(state);
  if (flow?.stage.kind !== 'preview') return state;
  const { plan, typed } = flow.stage;
  if (gateState(flow.stage.gate, state.now, 0).kind !== 'open') return dropWhileShut(state, 'Enter');
  if (typed !== plan.confirmationText) {
    const what = typed === '' ? 'nothing typed' : `"${typed}" does not match`;
    return withStage(state, flow, { ...flow.stage, refusal: `${what}: type ${plan.confirmationText} exactly; nothing was sent` });
  }
  const ticket = state.nextTicket;
  return { ...withStage(state, flow, { kind: 'rotating', ticket, plan }), nextTicket: ticket + 1 };
}

export function scrollServerTokenPreview(state: AppState, delta: number, maxScroll: number): AppState {
  const flow = flowOf(state);
  if (flow?.stage.kind !== 'preview') return state;
  const scroll = Math.max(0, Math.min(maxScroll, flow.stage.scroll + delta));
  return scroll === flow.stage.scroll ? state : withStage(state, flow, { ...flow.stage, scroll });
}

export function leaveServerToken(state: AppState): AppState {
  const flow = flowOf(state);
  if (flow === null) return state;
  const failedAfterSend = flow.stage.kind === 'failed' && flow.stage.sent;
  const text = failedAfterSend ? 'server token: the rotation failed (see the audit journal, :audit)' : 'server token not rotated: nothing was sent';
  return { ...state, screen: flow.back, flash: { text, role: failedAfterSend ? 'status.danger' : 'status.muted' } };
}

export function startServerTokenOver(state: AppState): AppState {
  const flow = flowOf(state);
  if (flow?.stage.kind !== 'failed') return state;
  const ticket = state.nextTicket;
  return { ...withFlow(state, { ...startServerTokenFlow(ticket, flow.back), problems: flow.problems }), nextTicket: ticket + 1 };
}

/** y on the new token: one OSC 52 write (useServerTokenCopy makes it once per seq). */
export function copyNewServerToken(state: AppState): AppState {
  const flow = flowOf(state);
  if (flow?.stage.kind !== 'result') return state;
  const encoded = encodedByteLength(flow.stage.newToken);
  if (encoded > OSC52_MAX_ENCODED_BYTES) return withStage(state, flow, { ...flow.stage, note: { text: `token not sent: ${tooLargeMessage(encoded)}`, role: 'status.warn' } });
  const seq = state.nextTicket;
  const note = { text: 'sending the token to the terminal clipboard…', role: 'status.muted' } as const;
  return { ...withStage(state, flow, { ...flow.stage, copy: { seq }, note }), nextTicket: seq + 1 };
}

/** Leaving the new token forgets it; the checklist comes next. */
export function closeServerTokenResult(state: AppState): AppState {
  const flow = flowOf(state);
  if (flow?.stage.kind !== 'result') return state;
  return openChecklistScreen({ ...state, screen: flow.back }, flow.back);
}

export function applyServerTokenEvent(state: AppState, event: ServerTokenEvent): AppState {
  const flow = flowOf(state);
  if (flow === null) return state;
  const { stage } = flow;
  if (event.kind === 'copied') {
    if (stage.kind !== 'result' || stage.copy?.seq !== event.seq) return state;
    const tmux = state.tmux ? ` · ${TMUX_NOTE}` : '';
    const note = event.error === null ? { text: `token ${SENT_NOTE}${tmux}`, role: 'status.ok' as const } : { text: `could not write to the terminal: ${event.error}`, role: 'status.danger' as const };
    return withStage(state, flow, { ...stage, note });
  }
  if (!('ticket' in stage) || stage.ticket !== event.ticket) return state;
  switch (event.kind) {
    case 'file-missing':
      return withFlow(state, { ...flow, fileNote: `${event.path}: ${event.reason}`, stage: { kind: 'entering', secret: '', refusal: null } });
    case 'planned':
      return withFlow(state, { ...flow, source: event.source, stage: { kind: 'preview', plan: event.plan, typed: '', refusal: null, scroll: 0, gate: null } });
    case 'plan-failed':
      // Nothing was sent: back to the field (empty: the token typed may be the problem).
      return withFlow(state, { ...flow, stage: { kind: 'entering', secret: '', refusal: `${event.error}` } });
    case 'rotated': {
      if (stage.kind !== 'rotating') return state;
      const result: ServerTokenStage = { kind: 'result', plan: stage.plan, newToken: event.newToken, copy: null, note: null };
      const withList = rememberChecklist(state, event.checklist);
      return withFlow(withList, { ...flow, problems: [...flow.problems, ...event.problems], stage: result });
    }
    case 'rotate-failed':
      return withFlow(state, { ...flow, problems: [...flow.problems, ...event.problems], stage: { kind: 'failed', error: event.error, sent: true } });
  }
}
