// Turns `tmux capture-pane -e -p` output into a grid of terminal cells with their SGR style,
// for the NO_COLOR test, the SVG screenshots and the idle-bytes benchmark (which needs to
// know which cells changed between two frames). Only SGR (`ESC [ ... m`) is interpreted:
// capture-pane emits nothing else. Plain erasable TypeScript (imported by .mjs scripts too).
import stringWidth from 'string-width';

/** A colour: 0-255 (the 16 ANSI colours first) or `#rrggbb`; null = the terminal default. */
export type CellColor = number | string | null;

export interface CellStyle {
  readonly fg: CellColor;
  readonly bg: CellColor;
  readonly bold: boolean;
  readonly dim: boolean;
  readonly italic: boolean;
  readonly underline: boolean;
  readonly inverse: boolean;
  readonly strike: boolean;
}

export interface Cell {
  /** The character; '' for the right half of a wide character. */
  readonly ch: string;
  readonly style: CellStyle;
}

export interface Screen {
  readonly columns: number;
  readonly rows: number;
  /** rows × columns cells; cells tmux did not print are blanks in the default style. */
  readonly cells: readonly (readonly Cell[])[];
}

export const DEFAULT_STYLE: CellStyle = {
  fg: null,
  bg: null,
  bold: false,
  dim: false,
  italic: false,
  underline: false,
  inverse: false,
  strike: false,
};

// ESC [ params m (tmux writes `;` separators).
const SGR = /\x1b\[([0-9;:]*)m/g;
const ANY_ESCAPE = /\x1b\[[0-9;:?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Za-z0-9]|\x1b[=>78]/g;

/** Text without any escape sequence. */
export function stripAnsi(text: string): string {
  return text.replace(ANY_ESCAPE, '');
}

/**
 * SGR parameters that select a colour (foreground, background, default fg/bg included) found
 * in `text`; empty when the output is colourless. Attribute codes (bold, inverse, ...) are not colour.
 */
export function colorSgrCodes(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(SGR)) {
    const params = (match[1] ?? '').split(/[;:]/).map(Number);
    if (params.some((code) => (code >= 30 && code <= 49) || (code >= 90 && code <= 107))) found.push(match[0]);
  }
  return found;
}

function extendedColor(params: readonly number[], index: number): { color: CellColor; used: number } {
  if (params[index + 1] === 5) return { color: params[index + 2] ?? null, used: 2 };
  if (params[index + 1] === 2) {
    // 38;2;r;g;b, as tmux writes it.
    const hex = params.slice(index + 2, index + 5).map((part) => Math.max(0, Math.min(255, part)).toString(16).padStart(2, '0')).join('');
    return { color: `#${hex}`, used: 4 };
  }
  return { color: null, used: 0 };
}

/** Applies one SGR parameter list to a style. */
export function applySgr(style: CellStyle, rawParams: string): CellStyle {
  const params = rawParams === '' ? [0] : rawParams.split(/[;:]/).map((part) => (part === '' ? 0 : Number(part)));
  let next: CellStyle = style;
  for (let i = 0; i < params.length; i += 1) {
    const code = params[i] ?? 0;
    if (code === 0) next = DEFAULT_STYLE;
    else if (code === 1) next = { ...next, bold: true };
    else if (code === 2) next = { ...next, dim: true };
    else if (code === 3) next = { ...next, italic: true };
    else if (code === 4) next = { ...next, underline: true };
    else if (code === 7) next = { ...next, inverse: true };
    else if (code === 9) next = { ...next, strike: true };
    else if (code === 22) next = { ...next, bold: false, dim: false };
    else if (code === 23) next = { ...next, italic: false };
    else if (code === 24) next = { ...next, underline: false };
    else if (code === 27) next = { ...next, inverse: false };
    else if (code === 29) next = { ...next, strike: false };
    else if (code >= 30 && code <= 37) next = { ...next, fg: code - 30 };
    else if (code >= 90 && code <= 97) next = { ...next, fg: code - 90 + 8 };
    else if (code >= 40 && code <= 47) next = { ...next, bg: code - 40 };
    else if (code >= 100 && code <= 107) next = { ...next, bg: code - 100 + 8 };
    else if (code === 39) next = { ...next, fg: null };
    else if (code === 49) next = { ...next, bg: null };
    else if (code === 38 || code === 48) {
      const { color, used } = extendedColor(params, i);
      next = code === 38 ? { ...next, fg: color } : { ...next, bg: color };
      i += used;
    }
  }
  return next;
}

const blank: Cell = { ch: ' ', style: DEFAULT_STYLE };

/** Parses capture-pane output (with or without -e) into a columns×rows grid. */
export function parseCapture(text: string, columns: number, rows: number): Screen {
  const cells: Cell[][] = Array.from({ length: rows }, () => Array.from({ length: columns }, () => blank));
  // capture-pane -e writes only style changes, also across line ends: a style carries over.
  let style = DEFAULT_STYLE;
  text.split('\n').slice(0, rows).forEach((line, row) => {
    let column = 0;
    let last = 0;
    const put = (segment: string): void => {
      for (const ch of segment) {
        const width = stringWidth(ch);
        if (width === 0 || column + width > columns) continue;
        cells[row]![column] = { ch, style };
        if (width === 2) cells[row]![column + 1] = { ch: '', style };
        column += width;
      }
    };
    for (const match of line.matchAll(SGR)) {
      put(stripAnsi(line.slice(last, match.index)));
      style = applySgr(style, match[1] ?? '');
      last = match.index + match[0].length;
    }
    put(stripAnsi(line.slice(last)));
  });
  return { columns, rows, cells };
}

export function sameStyle(a: CellStyle, b: CellStyle): boolean {
  return (
    a.fg === b.fg && a.bg === b.bg && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic &&
    a.underline === b.underline && a.inverse === b.inverse && a.strike === b.strike
  );
}

/** The plain text of one row (right half of wide characters dropped, trailing blanks trimmed). */
export function rowText(screen: Screen, row: number): string {
  return (screen.cells[row] ?? []).map((cell) => cell.ch).join('').trimEnd();
}

/** SGR sequence that switches a terminal from `from` to `to` (a reset, then the new style). */
export function sgrTransition(from: CellStyle, to: CellStyle): string {
  if (sameStyle(from, to)) return '';
  return `\x1b[${sgrParams(to).join(';')}m`;
}

function colorParams(color: CellColor, base: number): string[] {
  if (color === null) return [];
  if (typeof color === 'string') {
    const [r, g, b] = [1, 3, 5].map((at) => parseInt(color.slice(at, at + 2), 16));
    return [`${base + 8};2;${r};${g};${b}`];
  }
  if (color < 8) return [String(base + color)];
  if (color < 16) return [String(base + 60 + color - 8)];
  return [`${base + 8};5;${color}`];
}

function sgrParams(style: CellStyle): string[] {
  const params = ['0'];
  if (style.bold) params.push('1');
  if (style.dim) params.push('2');
  if (style.italic) params.push('3');
  if (style.underline) params.push('4');
  if (style.inverse) params.push('7');
  if (style.strike) params.push('9');
  return [...params, ...colorParams(style.fg, 30), ...colorParams(style.bg, 40)];
}

export interface ScreenDiff {
  /** Cells whose character or style differ. */
  readonly changedCells: number;
  readonly changedRows: number;
  /**
   * Bytes a minimal renderer needs to turn `before` into `after`: per changed row one cursor
   * move (CUP) to its first changed cell, the cells from there to its last changed cell (a
   * jump over an unchanged gap costs more than re-sending a few cells), and an SGR only where
   * the style differs from what the terminal already has (carried across rows), plus a final
   * reset if the frame leaves a style set.
   */
  readonly minimalBytes: number;
}

export function diffScreens(before: Screen, after: Screen): ScreenDiff {
  let changedCells = 0;
  let changedRows = 0;
  let bytes = 0;
  let pen: CellStyle = DEFAULT_STYLE;
  for (let row = 0; row < after.rows; row += 1) {
    const a = before.cells[row] ?? [];
    const b = after.cells[row] ?? [];
    let first = -1;
    let lastChanged = -1;
    for (let column = 0; column < after.columns; column += 1) {
      const x = a[column] ?? blank;
      const y = b[column] ?? blank;
      if (x.ch !== y.ch || !sameStyle(x.style, y.style)) {
        changedCells += 1;
        if (first === -1) first = column;
        lastChanged = column;
      }
    }
    if (first === -1) continue;
    changedRows += 1;
    // A wide character's right half cannot be written alone: start at its left half.
    if (b[first]?.ch === '' && first > 0) first -= 1;
    bytes += `\x1b[${row + 1};${first + 1}H`.length;
    for (let column = first; column <= lastChanged; column += 1) {
      const cell = b[column] ?? blank;
      if (cell.ch === '') continue;
      const sgr = sgrTransition(pen, cell.style);
      bytes += sgr.length + Buffer.byteLength(cell.ch);
      pen = cell.style;
    }
  }
  if (!sameStyle(pen, DEFAULT_STYLE)) bytes += '\x1b[0m'.length;
  return { changedCells, changedRows, minimalBytes: bytes };
}
