// Terminal cell arithmetic. String.length miscounts wide (CJK, emoji) and combining
// characters, which is what misaligns most hand-rolled tables; everything here works in
// display cells (string-width) and grapheme clusters.
// These are also where the TUI's text becomes terminal-safe: every function here first shows
// control, bidi and line-break characters as visible escapes (core/terminal-text.ts), so a cell,
// a wrapped line or a truncated message never carries an escape sequence a backend sent, and
// widths are measured on what is actually drawn.
import stringWidth from 'string-width';
import { terminalText } from '../../core/terminal-text.ts';

const ELLIPSIS = '…';
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// Pure printable ASCII is one cell per character: skip segmentation on the hot path.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Text is cut to this many characters before it is laid out: a megabyte description is not wrapped. */
export const SCREEN_TEXT_MAX_LENGTH = 4096;

/** `text` as the screen shows it: unsafe characters as visible escapes, at most SCREEN_TEXT_MAX_LENGTH. */
export function screenText(text: string): string {
  return terminalText(text, SCREEN_TEXT_MAX_LENGTH);
}

export function displayWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(screenText(text));
}

/** Cuts `text` to at most `width` cells, ending in '…' when something was cut. */
export function truncateToWidth(raw: string, width: number): string {
  if (width <= 0) return '';
  const text = screenText(raw);
  if (displayWidth(text) <= width) return text;
  if (PRINTABLE_ASCII.test(text)) return text.slice(0, width - 1) + ELLIPSIS;
  let used = 0;
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    const cells = stringWidth(segment);
    // Keep one cell for the ellipsis; a wide character that would straddle it is dropped.
    if (used + cells > width - 1) break;
    out += segment;
    used += cells;
  }
  return out + ELLIPSIS;
}

/** Truncates, then pads with spaces to exactly `width` cells. */
export function fitToWidth(text: string, width: number): string {
  const cut = truncateToWidth(text, width);
  return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)));
}

/** Pads on the left (numbers, right-aligned columns). */
export function fitToWidthRight(text: string, width: number): string {
  const cut = truncateToWidth(text, width);
  return ' '.repeat(Math.max(0, width - displayWidth(cut))) + cut;
}

/** Hard-wraps `text` into lines of at most `width` cells (no word splitting heuristics). */
export function wrapToWidth(raw: string, width: number): string[] {
  if (width <= 0) return [];
  const text = screenText(raw);
  if (displayWidth(text) <= width) return [text];
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const cells = stringWidth(segment);
    if (used + cells > width) {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += segment;
    used += cells;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Wraps prose at spaces; a word wider than `width` is hard-wrapped. */
export function wordWrapToWidth(raw: string, width: number): string[] {
  if (width <= 0) return [];
  const text = screenText(raw);
  if (displayWidth(text) <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (displayWidth(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    const pieces = wrapToWidth(word, width);
    line = pieces.pop() ?? '';
    lines.push(...pieces);
  }
  if (line !== '') lines.push(line);
  return lines;
}
