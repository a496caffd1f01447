// A created token's result as lines: the secret (shown only here), the join command, what y / Y
// / v do and what the last copy did. The join command, on the result and alone (v), is broken
// only where a shell joins it back (` \` between words, `\` inside a long word, nothing
// indented), so a hand selection pastes into a shell as one command.
import type { CreateWizardResult } from '../../../core/create-wizard.ts';
import { displayWidth, wordWrapToWidth, wrapToWidth } from '../../shared/text-width.ts';
import { formatUtc } from '../../shared/time-format.ts';
import type { ResultView } from './result-view.ts';
import { wrapped, type ScreenLine } from '../../shared/screen-line.ts';

const INDENT = '  ';

export const CUT_WORDS_NOTE = 'the terminal is narrower than a quoted part of the command: widen it to select the command in one piece, or y sends it whole';

export function resultLines(result: CreateWizardResult, view: ResultView, width: number, heading: string): ScreenLine[] {
  const { token, secret } = result.created;
  const expires = token.expiresAt === null ? 'never expires' : `expires ${formatUtc(token.expiresAt)}`;
  const tokenLines = wrapToWidth(secret, Math.max(10, width - INDENT.length));
  const lines: ScreenLine[] = [
    { text: heading, role: 'status.ok', bold: true },
    ...wrapped(`This is the only time the secret is shown. Leaving this screen forgets it. Token ${token.id} ${expires}.`, width, '', 'status.warn'),
    { text: 'Token', role: 'text.secondary' },
    ...tokenLines.map((piece) => ({ text: INDENT + piece, bold: true })),
  ];
  if (tokenLines.length > 1) lines.push(...wrapped('the token is wider than the terminal: Y sends it whole (OSC 52)', width, '', 'status.warn'));
  if (result.joinCommand !== null) {
    // At the left edge, broken only where a shell joins it back: a mouse selection pastes as one command.
    const selectable = selectableCommand(result.joinCommand, width);
    lines.push({ text: 'Join command', role: 'text.secondary' });
    for (const piece of selectable.lines) lines.push({ text: piece });
    if (selectable.cutWords) lines.push(...wrapped(CUT_WORDS_NOTE, width, '', 'status.warn'));
  } else if (result.joinCommandError !== null) {
    lines.push(...wrapped(`no join command: ${result.joinCommandError}`, width, '', 'status.danger'));
  }
  if (view.note !== null) lines.push(...wrapped(view.note.text, width, '', view.note.role));
  return lines;
}

export interface SelectableCommand {
  readonly lines: readonly string[];
  /** A word could not be broken where a shell joins it back (a single-quoted part wider than the terminal): the lines no longer paste as one command. */
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

/**
 * Pieces of one word, each at most `room` cells, cut only where a backslash-newline is removed
 * by the shell and the word joins back: outside single quotes (inside "…" it is removed too) and
 * never between a backslash and the character it escapes. Null when no such cut exists.
 */
function splitWord(word: string, room: number): string[] | null {
  const characters = [...word];
  // Where a cut may go: before characters[index].
  const cuttable: boolean[] = [];
  let quote: "'" | '"' | null = null;
  let escaped = false;
  for (const character of characters) {
    cuttable.push(quote !== "'" && !escaped);
    if (escaped) escaped = false;
    else if (character === '\\' && quote !== "'") escaped = true;
    else if (quote !== null && character === quote) quote = null;
    else if (quote === null && (character === "'" || character === '"')) quote = character;
  }
  const pieces: string[] = [];
  let start = 0;
  while (start < characters.length) {
    if (displayWidth(characters.slice(start).join('')) <= room) {
      pieces.push(characters.slice(start).join(''));
      break;
    }
    let cut = -1;
    for (let end = start + 1; end < characters.length && displayWidth(characters.slice(start, end).join('')) <= room; end++) {
      if (cuttable[end] === true) cut = end;
    }
    if (cut === -1) return null;
    pieces.push(characters.slice(start, cut).join(''));
    start = cut;
  }
  return pieces;
}

/** One shell line (no newline) in lines of at most `width` cells that a shell reads back as it. */
function shellLine(text: string, width: number): string[] | null {
  if (displayWidth(text) <= width) return [text];
  // A comment line is read to its end: its continuation lines are comments too.
  if (text.startsWith('#')) return wordWrapToWidth(text, Math.max(4, width - 2)).map((piece, index) => (index === 0 ? piece : `# ${piece}`));
  const room = Math.max(2, width - 2);
  const lines: string[] = [];
  let line = '';
  for (const word of shellWords(text)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (displayWidth(candidate) <= room) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(`${line} \\`);
    line = '';
    if (displayWidth(word) <= room) {
      line = word;
      continue;
    }
    // A word wider than the line: backslash-newline inside it (the shell removes both), the
    // rest at the start of the next line, so nothing (not even an indent) lands in the word.
    const pieces = splitWord(word, width - 1);
    if (pieces === null) return null;
    lines.push(...pieces.slice(0, -1).map((piece) => `${piece}\\`));
    line = pieces.at(-1) ?? '';
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * `text` (a command, or a few lines of one and its comments) in lines of at most `width` cells,
 * broken only where a shell joins the pieces back: a selection of the lines pastes as the same
 * command. A part that cannot be broken that way (single-quoted and wider than the terminal) is
 * hard-wrapped and cutWords says so.
 */
export function selectableCommand(text: string, width: number): SelectableCommand {
  const lines: string[] = [];
  for (const physical of text.split('\n')) {
    const broken = shellLine(physical, width);
    if (broken === null) return { lines: text.split('\n').flatMap((line) => wrapToWidth(line, width)), cutWords: true };
    lines.push(...broken);
  }
  return { lines, cutWords: false };
}
