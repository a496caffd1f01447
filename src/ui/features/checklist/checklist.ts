// The post-rotation checklist screen (`:checklist`, and after a server-token rotation) at the level
// of the app state: the open checklists of this target, every item with its box; Space ticks the
// item under the cursor off (or opens it again) and queues the write. A checklist stays on this
// screen until it is left, even once complete (so a wrong tick can be undone); after that only
// open ones are listed.
import { toggleChecklistItem, type ServerTokenChecklist } from '../../../core/server-token-checklist.ts';
import type { BackTarget } from '../../shared/back-target.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { itemAt, openChecklists, shownChecklists, withChecklist } from './checklist-state.ts';

/** Adds or replaces a checklist (by id) in this target's list. */
export function rememberChecklist(state: AppState, checklist: ServerTokenChecklist): AppState {
  return { ...state, serverToken: withChecklist(state.serverToken, checklist) };
}

export function openChecklistScreen(state: AppState, back: BackTarget): AppState {
  const ids = openChecklists(state.serverToken).map((checklist) => checklist.checklistId);
  if (ids.length === 0) return { ...state, flash: { text: 'no open server-token checklist', role: 'status.muted' } };
  return { ...state, screen: { kind: 'checklist', ids, cursor: 0, back } };
}

export function moveChecklistCursor(state: AppState, delta: number): AppState {
  const { screen } = state;
  if (screen.kind !== 'checklist') return state;
  const count = shownChecklists(state.serverToken, screen.ids).reduce((sum, checklist) => sum + checklist.items.length, 0);
  const cursor = Math.max(0, Math.min(count - 1, screen.cursor + delta));
  return cursor === screen.cursor ? state : { ...state, screen: { ...screen, cursor } };
}

export function toggleChecklistCursor(state: AppState): AppState {
  const { screen } = state;
  if (screen.kind !== 'checklist') return state;
  const found = itemAt(shownChecklists(state.serverToken, screen.ids), screen.cursor);
  if (found === null) return state;
  const changed = toggleChecklistItem(found.checklist, found.index, state.now);
  const seq = state.nextTicket;
  const next = withChecklist(state.serverToken, changed);
  return { ...state, nextTicket: seq + 1, serverToken: { ...next, outbox: [...next.outbox, { seq, checklist: changed }] } };
}

export function closeChecklistScreen(state: AppState): AppState {
  return state.screen.kind === 'checklist' ? { ...state, screen: state.screen.back } : state;
}

export function applyChecklistsFound(state: AppState, checklists: readonly ServerTokenChecklist[], error: string | null): AppState {
  const loaded = checklists.reduce(rememberChecklist, state);
  return error === null ? loaded : { ...loaded, flash: { text: `cannot read the server-token checklists: ${error}`, role: 'status.danger' } };
}

export function applyChecklistSaved(state: AppState, done: number, failure: string | null): AppState {
  const outbox = state.serverToken.outbox.filter((write) => write.seq > done);
  const saved = { ...state, serverToken: { ...state.serverToken, outbox } };
  return failure === null ? saved : { ...saved, flash: { text: `${failure}; the tick is NOT saved`, role: 'status.danger' } };
}
