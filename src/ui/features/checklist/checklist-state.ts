// The post-rotation checklists of this target (the open ones found at start, and those changed
// since) as the checklist screen and the header show them. Pure, on the server-token slice of
// the app state; checklist.ts applies it.
import { isChecklistOpen, openItemCount, type ServerTokenChecklist } from '../../../core/server-token-checklist.ts';
import type { BackTarget } from '../../shared/back-target.ts';
import type { ScreenLine } from '../../shared/screen-line.ts';
import { wordWrapToWidth } from '../../shared/text-width.ts';
import type { ServerTokenSupport } from '../server-token/server-token-support.ts';

/** Open post-rotation checklists (those listed when it opened); Space ticks an item off. */
export interface ChecklistScreen {
  readonly kind: 'checklist';
  readonly ids: readonly string[];
  readonly cursor: number;
  readonly back: BackTarget;
}

function shortTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('T', ' ').slice(0, 16) + 'Z';
}

export function openChecklists(support: ServerTokenSupport): readonly ServerTokenChecklist[] {
  return support.checklists.filter(isChecklistOpen);
}

/** The header's reminder while a checklist is open, e.g. "… 2 of 4 checklist items open — :checklist". */
export function checklistNotice(support: ServerTokenSupport): string | null {
  const open = openChecklists(support);
  const latest = open.at(-1);
  if (latest === undefined) return null;
  const more = open.length > 1 ? ` (+${open.length - 1} earlier)` : '';
  // The checklist names its adapter (the one whose server token was rotated): "k3s server token".
  return `${latest.adapter} server token rotated ${shortTime(latest.rotatedAt)}: ${openItemCount(latest)} of ${latest.items.length} checklist items open${more} — :checklist`;
}

/** Adds or replaces a checklist (by id) in this target's list. */
export function withChecklist(support: ServerTokenSupport, checklist: ServerTokenChecklist): ServerTokenSupport {
  const others = support.checklists.filter((candidate) => candidate.checklistId !== checklist.checklistId);
  return { ...support, checklists: [...others, checklist].sort((left, right) => left.rotatedAt - right.rotatedAt) };
}

export function shownChecklists(support: ServerTokenSupport, ids: readonly string[]): ServerTokenChecklist[] {
  return ids.flatMap((id) => support.checklists.filter((checklist) => checklist.checklistId === id));
}

/** Which checklist and item the cursor is on. */
export function itemAt(checklists: readonly ServerTokenChecklist[], cursor: number): { checklist: ServerTokenChecklist; index: number } | null {
  let first = 0;
  for (const checklist of checklists) {
    if (cursor < first + checklist.items.length) return { checklist, index: cursor - first };
    first += checklist.items.length;
  }
  return null;
}

/** The screen's lines and which line the cursor is on. */
export function checklistLines(support: ServerTokenSupport, ids: readonly string[], cursor: number, columns: number): { lines: ScreenLine[]; cursorLine: number } {
  const lines: ScreenLine[] = [];
  let cursorLine = 0;
  let position = 0;
  for (const checklist of shownChecklists(support, ids)) {
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
      const wrappedText = wordWrapToWidth(`${item.subject}: ${item.text}`, Math.max(10, columns - prefix.length));
      wrappedText.forEach((line, index) => lines.push({ text: (index === 0 ? prefix : ' '.repeat(prefix.length)) + line, role }));
      position += 1;
    }
    lines.push({ text: '' });
  }
  return { lines, cursorLine };
}
