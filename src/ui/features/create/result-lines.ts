// A created token's result as lines: the secret (shown only here), the join command, what y / Y
// / v do and what the last copy did. And the fallback view: the command alone, broken only at
// spaces with shell line continuations, so a hand selection pastes into a shell as one command.
import type { CreateWizardResult } from '../../../core/create-wizard.ts';
import { displayWidth, wrapToWidth } from '../../shared/text-width.ts';
import { formatUtc } from '../../shared/time-format.ts';
import type { ResultView } from './result-view.ts';
import { wrapped, type ScreenLine } from '../../shared/screen-line.ts';

const INDENT = '  ';

export function resultLines(result: CreateWizardResult, view: ResultView, width: number, heading: string): ScreenLine[] {
  const { token, secret } = result.created;
  const expires = token.expiresAt === null ? 'never expires' : `expires ${formatUtc(token.expiresAt)}`;
  const lines: ScreenLine[] = [
    { text: heading, role: 'status.ok', bold: true },
    ...wrapped(`This is the only time the secret is shown. Leaving this screen forgets it. Token ${token.id} ${expires}.`, width, '', 'status.warn'),
    { text: 'Token', role: 'text.secondary' },
    { text: INDENT + secret, bold: true },
  ];
  if (result.joinCommand !== null) {
    lines.push({ text: 'Join command', role: 'text.secondary' });
    for (const piece of wrapToWidth(result.joinCommand, Math.max(10, width - INDENT.length))) lines.push({ text: INDENT + piece });
  } else if (result.joinCommandError !== null) {
    lines.push(...wrapped(`no join command: ${result.joinCommandError}`, width, '', 'status.danger'));
  }
  if (view.note !== null) lines.push(...wrapped(view.note.text, width, '', view.note.role));
  return lines;
}

export interface SelectableCommand {
  readonly lines: readonly string[];
  /** A word was wider than the terminal and had to be cut: the lines no longer paste as one command. */
  readonly cutWords: boolean;
}

/**
 * Splits at the spaces a shell splits at: not inside '…' or "…", not after a backslash. A line
 * break with ` \` is only valid there (inside quotes it would become part of the argument).
 */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: "'" | '"' | null = null;
  for (let index = 0; index < text.length; index++) {
    const character = text[index] ?? '';
    if (character === '\\' && quote !== "'") {
      word += character + (text[index + 1] ?? '');
      index++;
    } else if (quote !== null) {
      word += character;
      if (character === quote) quote = null;
    } else if (character === ' ') {
      words.push(word);
      word = '';
    } else {
      word += character;
      if (character === "'" || character === '"') quote = character;
    }
  }
  return [...words, word];
}

/** `text` in lines of at most `width` cells; every line but the last ends in ` \` (shell continuation). */
export function selectableCommand(text: string, width: number): SelectableCommand {
  if (displayWidth(text) <= width) return { lines: [text], cutWords: false };
  const room = Math.max(1, width - 2);
  const lines: string[] = [];
  let line = '';
  for (const word of shellWords(text)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (displayWidth(candidate) <= room) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    if (displayWidth(word) <= room) {
      line = word;
      continue;
    }
    // Continuations cannot join a word cut in two (or a quoted part): plain lines, and the screen says so.
    return { lines: wrapToWidth(text, width), cutWords: true };
  }
  if (line !== '') lines.push(line);
  return { lines: lines.map((piece, index) => (index < lines.length - 1 ? `${piece} \\` : piece)), cutWords: false };
}
