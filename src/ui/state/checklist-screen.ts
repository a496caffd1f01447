// The post-rotation checklist screen (`:checklist`, and after a server-token rotation): the open
// checklists of this target, every item with its box; Space ticks the item under the cursor off
// (or opens it again) and queues the write. A checklist stays on this screen until it is left,
// even once complete (so a wrong tick can be undone); after that only open ones are listed.
import { isChecklistOpen, openItemCount, toggleChecklistItem, type ServerTokenChecklist } from '../../core/server-token-checklist.ts';
import type { AppState, BackTarget } from './app-state.ts';
import type { ScreenLine } from './revoke-model.ts';
import { wordWrapToWidth } from '../text-width.ts';

function shortTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('T', ' ').slice(0, 16) + 'Z';
}

export function openChecklists(state: AppState): readonly ServerTokenChecklist[] {
  return state.serverToken.checklists.filter(isChecklistOpen);
}

/** The header's reminder while a checklist is open, e.g. "… 2 of 4 checklist items open — :checklist". */
export function checklistNotice(state: AppState): string | null {
  const open = openChecklists(state);
  const latest = open.at(-1);
  if (latest === undefined) return null;
  const more = open.length > 1 ? ` (+${open.length - 1} earlier)` : '';
  return `k3s server token rotated ${shortTime(latest.rotatedAt)}: ${openItemCount(latest)} of ${latest.items.length} checklist items open${more} — :checklist`;
}

/** Adds or replaces a checklist (by id) in this target's list. */
export function withChecklist(state: AppState, checklist: ServerTokenChecklist): AppState {
  const others = state.serverToken.checklists.filter((candidate) => candidate.checklistId !== checklist.checklistId);
  return { ...state, serverToken: { ...state.serverToken, checklists: [...others, checklist].sort((left, right) => left.rotatedAt - right.rotatedAt) } };
}

export function openChecklistScreen(state: AppState, back: BackTarget): AppState {
  const ids = openChecklists(state).map((checklist) => checklist.checklistId);
  if (ids.length === 0) return { ...state, flash: { text: 'no open server-token checklist', role: 'status.muted' } };
  return { ...state, screen: { kind: 'checklist', ids, cursor: 0, back } };
}

function shownChecklists(state: AppState, ids: readonly string[]): ServerTokenChecklist[] {
  return ids.flatMap((id) => state.serverToken.checklists.filter((checklist) => checklist.checklistId === id));
}

/** Which checklist and item the cursor is on. */
function itemAt(checklists: readonly ServerTokenChecklist[], cursor: number): { checklist: ServerTokenChecklist; index: number } | null {
  let first = 0;
  for (const checklist of checklists) {
    if (cursor < first + checklist.items.length) return { checklist, index: cursor - first };
    first += checklist.items.length;
  }
  return null;
}

export function moveChecklistCursor(state: AppState, delta: number): AppState {
  const { screen } = state;
  if (screen.kind !== 'checklist') return state;
  const count = shownChecklists(state, screen.ids).reduce((sum, checklist) => sum + checklist.items.length, 0);
  const cursor = Math.max(0, Math.min(count - 1, screen.cursor + delta));
  return cursor === screen.cursor ? state : { ...state, screen: { ...screen, cursor } };
}

export function toggleChecklistCursor(state: AppState): AppState {
  const { screen } = state;
  if (screen.kind !== 'checklist') return state;
  const found = itemAt(shownChecklists(state, screen.ids), screen.cursor);
  if (found === null) return state;
  const changed = toggleChecklistItem(found.checklist, found.index, state.now);
  const seq = state.nextTicket;
  const next = withChecklist(state, changed);
  return { ...next, nextTicket: seq + 1, serverToken: { ...next.serverToken, outbox: [...next.serverToken.outbox, { seq, checklist: changed }] } };
}

export function closeChecklistScreen(state: AppState): AppState {
  return state.screen.kind === 'checklist' ? { ...state, screen: state.screen.back } : state;
}

export function applyChecklistsFound(state: AppState, checklists: readonly ServerTokenChecklist[], error: string | null): AppState {
  const loaded = checklists.reduce(withChecklist, state);
  return error === null ? loaded : { ...loaded, flash: { text: `cannot read the server-token checklists: ${error}`, role: 'status.danger' } };
}

export function applyChecklistSaved(state: AppState, done: number, failure: string | null): AppState {
  const outbox = state.serverToken.outbox.filter((write) => write.seq > done);
  const saved = { ...state, serverToken: { ...state.serverToken, outbox } };
  return failure === null ? saved : { ...saved, flash: { text: `${failure}; the tick is NOT saved`, role: 'status.danger' } };
}

/** The screen's lines and which line the cursor is on. */
export function checklistLines(state: AppState, ids: readonly string[], cursor: number): { lines: ScreenLine[]; cursorLine: number } {
  const lines: ScreenLine[] = [];
  let cursorLine = 0;
  let position = 0;
  for (const checklist of shownChecklists(state, ids)) {
    const open = openItemCount(checklist);
    const status = open === 0 ? 'all done: no longer listed once you leave' : `${open} of ${checklist.items.length} open`;
    lines.push({ text: `Server token rotated ${shortTime(checklist.rotatedAt)}: ${status}`, role: 'text.heading', bold: true });
    lines.push({ text: `  through ${checklist.supervisor} · the old token's snapshot hash ${checklist.oldTokenHash}`, role: 'text.secondary' });
    for (const item of checklist.items) {
      if (position === cursor) cursorLine = lines.length;
      const prefix = `${position === cursor ? '›' : ' '} [${item.doneAt === null ? ' ' : 'x'}] `;
      const role = item.doneAt === null ? undefined : 'status.muted';
      // Wrapped, not cut: the item says which file and which restart, and it is the last place
      // the operator reads it. Continuation lines align under the text.
      const wrappedText = wordWrapToWidth(`${item.subject}: ${item.text}`, Math.max(10, state.viewport.columns - prefix.length));
      wrappedText.forEach((line, index) => lines.push({ text: (index === 0 ? prefix : ' '.repeat(prefix.length)) + line, role }));
      position += 1;
    }
    lines.push({ text: '' });
  }
  return { lines, cursorLine };
}
