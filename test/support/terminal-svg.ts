// Renders a parsed terminal screen (ansi-screen.ts) as an SVG of its cells: a background
// rectangle per run of equal style, and its text placed word by word at the words' cells,
// so a glyph from a fallback font can never push the columns out of line.
import type { Cell, CellColor, CellStyle, Screen } from './ansi-screen.ts';
import { sameStyle } from './ansi-screen.ts';

export interface SvgOptions {
  /** Shown as the window title bar; omitted when empty. */
  readonly title?: string;
  readonly fontSize?: number;
}

const CELL_WIDTH_EM = 0.6; // DejaVu Sans Mono / Menlo / Consolas advance width
const LINE_HEIGHT_EM = 1.25;
const PADDING = 12;
const TITLE_BAR = 28;
const FONT_FAMILY = "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace";

// A dark palette close to common terminal defaults (the 16 ANSI colours).
const DEFAULT_FG = '#d4d4d4';
const DEFAULT_BG = '#1e1e1e';
const ANSI_16 = [
  '#000000', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5',
  '#767676', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff',
];

/** xterm's 256-colour table: 16 ANSI, a 6×6×6 cube, 24 greys. */
export function paletteColor(index: number): string {
  if (index < 16) return ANSI_16[index] ?? DEFAULT_FG;
  if (index < 232) {
    const n = index - 16;
    const level = (value: number): string => (value === 0 ? 0 : 55 + value * 40).toString(16).padStart(2, '0');
    return `#${level(Math.floor(n / 36))}${level(Math.floor(n / 6) % 6)}${level(n % 6)}`;
  }
  const grey = (8 + (index - 232) * 10).toString(16).padStart(2, '0');
  return `#${grey}${grey}${grey}`;
}

function resolve(color: CellColor, fallback: string): string {
  if (color === null) return fallback;
  return typeof color === 'string' ? color : paletteColor(color);
}

/** Effective foreground and background after inverse. */
export function cellColors(style: CellStyle): { readonly fg: string; readonly bg: string } {
  const fg = resolve(style.fg, DEFAULT_FG);
  const bg = resolve(style.bg, DEFAULT_BG);
  return style.inverse ? { fg: bg, bg: fg } : { fg, bg };
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

interface Run {
  readonly start: number;
  readonly cells: readonly Cell[];
  readonly style: CellStyle;
}

interface Word {
  /** Cell offset within the run. */
  readonly offset: number;
  readonly text: string;
}

/**
 * Splits a run into words placed at their own cells: ASCII words (a monospace font keeps
 * their few cells in line), and every other character on its own, since it may come from a
 * fallback font of another width. Positioning each word, rather than one x per glyph, works
 * in renderers without per-glyph x lists (librsvg) and bounds any drift to one word.
 */
function wordsOf(cells: readonly Cell[]): Word[] {
  const words: Word[] = [];
  let current: { offset: number; text: string } | null = null;
  cells.forEach((cell, offset) => {
    const ascii = /^[\x21-\x7e]$/.test(cell.ch);
    if (ascii && current !== null) {
      current.text += cell.ch;
      return;
    }
    current = null;
    if (cell.ch === '' || cell.ch === ' ') return;
    const word = { offset, text: cell.ch };
    words.push(word);
    if (ascii) current = word;
  });
  return words;
}

/** Splits a row into runs of cells with the same style. */
function runsOf(row: readonly Cell[]): Run[] {
  const runs: Run[] = [];
  let current: { start: number; cells: Cell[]; style: CellStyle } | null = null;
  row.forEach((cell, column) => {
    if (current !== null && sameStyle(current.style, cell.style)) {
      current.cells.push(cell);
      return;
    }
    current = { start: column, cells: [cell], style: cell.style };
    runs.push(current);
  });
  return runs;
}

export function renderSvg(screen: Screen, options: SvgOptions = {}): string {
  const fontSize = options.fontSize ?? 14;
  const cw = fontSize * CELL_WIDTH_EM;
  const lh = fontSize * LINE_HEIGHT_EM;
  const top = PADDING + (options.title ? TITLE_BAR : 0);
  const width = Math.ceil(screen.columns * cw + 2 * PADDING);
  const height = Math.ceil(screen.rows * lh + PADDING + top);
  const round = (value: number): string => String(Math.round(value * 100) / 100);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT_FAMILY)}" font-size="${fontSize}">`,
    `<rect width="100%" height="100%" rx="8" fill="${DEFAULT_BG}"/>`,
  ];
  if (options.title) {
    out.push(
      `<circle cx="20" cy="16" r="6" fill="#ff5f57"/><circle cx="40" cy="16" r="6" fill="#febc2e"/><circle cx="60" cy="16" r="6" fill="#28c840"/>`,
      `<text x="${width / 2}" y="20" fill="#8a8a8a" text-anchor="middle" font-size="12">${escapeXml(options.title)}</text>`,
    );
  }
  screen.cells.forEach((row, rowIndex) => {
    const y = top + rowIndex * lh;
    for (const run of runsOf(row)) {
      const { fg, bg } = cellColors(run.style);
      const x = PADDING + run.start * cw;
      if (bg !== DEFAULT_BG) {
        out.push(`<rect x="${round(x)}" y="${round(y)}" width="${round(run.cells.length * cw + 0.5)}" height="${round(lh + 0.5)}" fill="${bg}"/>`);
      }
      const words = wordsOf(run.cells);
      if (words.length === 0) continue;
      const attrs = [
        `fill="${fg}"`,
        run.style.bold ? 'font-weight="bold"' : '',
        run.style.italic ? 'font-style="italic"' : '',
        run.style.dim ? 'fill-opacity="0.6"' : '',
        run.style.underline || run.style.strike ? `text-decoration="${run.style.underline ? 'underline' : 'line-through'}"` : '',
      ].filter((attr) => attr !== '');
      const baseline = round(y + lh * 0.78);
      const texts = words.map((word) => `<text x="${round(x + word.offset * cw)}" y="${baseline}">${escapeXml(word.text)}</text>`);
      out.push(`<g ${attrs.join(' ')}>${texts.join('')}</g>`);
    }
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
