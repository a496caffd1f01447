// A screen as prepared lines: the model wraps them to the terminal width once, and both the
// reducer (how far a screen scrolls) and the component (what it draws) use the same lines.
import { bodyLines, type Viewport } from './layout.ts';
import { wordWrapToWidth } from './text-width.ts';
import type { ThemeRole } from './theme.ts';

export interface ScreenLine {
  readonly text: string;
  readonly role?: ThemeRole;
  readonly bold?: boolean;
}

/** Lines under a scrolling body that stay put: a prompt and its status (PromptedScroll.tsx). */
export const PINNED_LINES = 2;

/** Rows left for a scrolling body above the pinned lines, after `above` fixed lines on top. */
export function promptedBodyHeight(viewport: Viewport, above = 0): number {
  return Math.max(1, bodyLines(viewport) - PINNED_LINES - above);
}

export function wrapped(text: string, width: number, indent: string, role?: ThemeRole): ScreenLine[] {
  // Continuation lines are indented two more cells: wrap every line to the narrower room.
  const room = Math.max(10, width - indent.length - 2);
  return wordWrapToWidth(text, room).map((line, index) => ({ text: (index === 0 ? indent : indent + '  ') + line, role }));
}

/** A bold line that must be read whole (a preview's severity, a title): wrapped, never cut with `…`. */
export function headline(text: string, width: number, role?: ThemeRole): ScreenLine[] {
  return wrapped(text, width, '', role).map((line) => ({ ...line, bold: true }));
}

/** Journal and audit writes that failed, shown above a screen's body until it closes. */
export function problemLines(problems: readonly string[], width: number): ScreenLine[] {
  return problems.flatMap((problem) => wrapped(`✗ ${problem}`, width, '', 'status.danger'));
}

/** Where a scrolled window starts, moved by `delta` and kept within the content. */
export function scrolledTo(current: number, delta: number, contentLines: number, visibleLines: number): number {
  return Math.max(0, Math.min(Math.max(0, contentLines - visibleLines), current + delta));
}
