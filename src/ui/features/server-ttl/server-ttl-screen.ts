// The server TTL screen inside the app state: `:server-ttl [DUR]` opens it, typing edits the
// confirmation (once the plan's gate opened; keys before that are dropped with a note), Enter
// sends once the typed text is the server's name, the runner's answer lands
// here (and updates what the create form offers). Pure.
import { planFromSetting } from '../../../adapters/operations/server-ttl.ts';
import { parseDuration } from '../../../core/duration.ts';
import { isTokenTuiError } from '../../../core/errors.ts';
import { backTargetOf } from '../../shared/back-target.ts';
import { droppedKeyNote, gateState, type PreviewGate } from '../../shared/preview-gate.ts';
import { promptedBodyHeight } from '../../shared/screen-line.ts';
import { withoutLastChar } from '../../shared/text-field.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { SERVER_TTL_USAGE, serverTtlGateOpen, type ServerTtlEvent, type ServerTtlScreen, type ServerTtlStep } from './server-ttl-flow.ts';
import { serverTtlBodyLines } from './server-ttl-lines.ts';

const warn = (state: AppState, text: string): AppState => ({ ...state, flash: { text, role: 'status.warn' } });

/** `:server-ttl` shows the setting; `:server-ttl DUR` plans the change, or says why not (a usage mistake, a lifetime the setting cannot take). */
export function openServerTtl(state: AppState, args: readonly string[]): AppState {
  const { setting } = state.mutations.serverTtl;
  if (setting === null) return warn(state, `:server-ttl: ${state.mutations.serverTtl.unavailable ?? 'not available'}`);
  const open = (step: ServerTtlStep): AppState => ({ ...state, screen: { kind: 'server-ttl', server: state.target.server, setting, step, scroll: 0, back: backTargetOf(state.screen) } });
  const [text] = args;
  if (text === undefined) return open({ kind: 'show' });
  if (args.length > 1) return warn(state, `:server-ttl: ${SERVER_TTL_USAGE}`);
  const parsed = parseDuration(text);
  if (!parsed.ok) return warn(state, `:server-ttl: ${parsed.error}`);
  try {
    return open({ kind: 'confirm', plan: planFromSetting(setting, state.target.server, parsed.seconds, state.target.adapterId), typed: '', refusal: null, gate: null });
  } catch (error) {
    if (!isTokenTuiError(error)) throw error;
    return warn(state, `:server-ttl: ${error.message}`);
  }
}

function updateStep(state: AppState, update: (screen: ServerTtlScreen) => ServerTtlStep | null): AppState {
  if (state.screen.kind !== 'server-ttl') return state;
  const step = update(state.screen);
  return step === null ? state : { ...state, screen: { ...state.screen, step } };
}

/** The plan's gate as the reducer last stamped it (view-model/preview-seen.ts). */
export function withServerTtlGate(state: AppState, gate: PreviewGate): AppState {
  return updateStep(state, ({ step }) => (step.kind === 'confirm' ? { ...step, gate } : null));
}

/** A key while the plan's gate is shut: nothing typed, nothing sent, and the footer says why (never echoing what was typed). */
export function dropWhileShut(state: AppState, what: string): AppState {
  if (state.screen.kind !== 'server-ttl' || state.screen.step.kind !== 'confirm') return state;
  const shut = gateState(state.screen.step.gate, state.now, serverTtlBodyLines(state.screen, state.viewport.columns).length);
  return shut.kind === 'open' ? state : { ...state, flash: { text: droppedKeyNote(shut, what), role: 'status.warn' } };
}

/** ↑↓ PgUp PgDn: the body scrolls under the pinned prompt. */
export function scrollServerTtl(state: AppState, delta: number | 'page-up' | 'page-down'): AppState {
  if (state.screen.kind !== 'server-ttl') return state;
  const height = promptedBodyHeight(state.viewport);
  const max = Math.max(0, serverTtlBodyLines(state.screen, state.viewport.columns).length - height);
  const by = delta === 'page-up' ? -height : delta === 'page-down' ? height : delta;
  const scroll = Math.max(0, Math.min(max, state.screen.scroll + by));
  return scroll === state.screen.scroll ? state : { ...state, screen: { ...state.screen, scroll } };
}

export function typeIntoServerTtl(state: AppState, text: string): AppState {
  return updateStep(state, ({ step }) => (step.kind === 'confirm' ? { ...step, typed: step.typed + text, refusal: null } : null));
}

export function deleteServerTtlChar(state: AppState): AppState {
  return updateStep(state, ({ step }) => (step.kind === 'confirm' ? { ...step, typed: withoutLastChar(step.typed), refusal: null } : null));
}

/** Enter: send the change once the typed text is the server's name; otherwise say what to type. */
export function confirmServerTtl(state: AppState): AppState {
  if (state.screen.kind !== 'server-ttl' || state.screen.step.kind !== 'confirm') return state;
  if (!serverTtlGateOpen(state.screen, state.now)) return dropWhileShut(state, 'Enter');
  const { step } = state.screen;
  const { plan } = step;
  if (step.typed !== plan.confirmation) {
    return updateStep(state, () => ({ ...step, refusal: `type the server's name ${plan.confirmation} exactly; nothing was sent` }));
  }
  const ticket = state.nextTicket;
  return { ...updateStep(state, () => ({ kind: 'changing', plan, ticket })), nextTicket: ticket + 1 };
}

/** Esc (or Enter on the outcome): back where it was opened; never while the change is in flight. */
export function leaveServerTtl(state: AppState): AppState {
  if (state.screen.kind !== 'server-ttl' || state.screen.step.kind === 'changing') return state;
  return { ...state, screen: state.screen.back };
}

export function applyServerTtlEvent(state: AppState, event: ServerTtlEvent): AppState {
  const { screen } = state;
  if (screen.kind !== 'server-ttl' || screen.step.kind !== 'changing' || screen.step.ticket !== event.ticket) return state;
  const { plan } = screen.step;
  if (event.kind === 'failed') return showOutcome(updateStep(state, () => ({ kind: 'failed', plan, error: event.error, problems: event.problems })));
  // The create form offers the new lifetime from now on: what the adapter says after the change.
  const { mutations } = state;
  const next: AppState = {
    ...state,
    mutations: {
      ...mutations,
      capabilities: mutations.capabilities === null ? null : event.capabilities,
      serverTtl: { ...mutations.serverTtl, setting: event.after },
    },
  };
  return showOutcome(updateStep(next, () => ({ kind: 'changed', plan, after: event.after, problems: event.problems })));
}

/** The outcome is the body's last line: scrolled into view on a terminal too short for all of it. */
function showOutcome(state: AppState): AppState {
  return scrollServerTtl(state, Number.MAX_SAFE_INTEGER);
}

