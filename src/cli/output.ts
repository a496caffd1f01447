// Writers for -o table|json|yaml. Tables are laid out like Go's tabwriter as kubeadm uses
// it (minimum cell width 10, padding 3, last column unpadded) so scripts that split on
// whitespace and eyes used to `kubeadm token list` both feel at home. Every writer is terminal
// safe (core/terminal-text.ts): cells show control and bidi characters as visible escapes, JSON
// and YAML carry them as escapes of the same value.
import { hasTerminalUnsafe, replaceTerminalUnsafe, terminalOutput, terminalSafeJson, terminalText, yamlEscape } from '../core/terminal-text.ts';
import type { CliIo, TextSink } from './io.ts';

const TABLE_MIN_WIDTH = 10;
const TABLE_PADDING = 3;
/** A table cell holds at most this many characters (a 1 MB description is not a table row). */
export const TABLE_CELL_MAX_LENGTH = 256;

/** One line of text from a backend, defused: control, bidi and line-break characters as `\x1b`-style escapes. */
export function printable(text: string, maxLength?: number): string {
  return terminalText(text, maxLength);
}

function displayWidth(text: string): number {
  return [...text].length;
}

/** `noHeaders`: the rows only, laid out without the header line (kubectl --no-headers). */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], noHeaders = false): string {
  return tableStream(headers, noHeaders)(rows);
}

/**
 * A table printed some rows at a time (`list -w`): each call lays out its rows (the first call the
 * header line too) with every column as wide as its widest cell so far, so a column stays under
 * its header where it can, at the cost of one row, not of every row printed before it.
 */
export function tableStream(headers: readonly string[], noHeaders = false): (rows: readonly (readonly string[])[]) => string {
  const lastColumn = headers.length - 1;
  const widths = headers.map(() => TABLE_MIN_WIDTH);
  let headerDue = !noHeaders;
  return (rows) => {
    const lines = (headerDue ? [headers, ...rows] : rows).map((row) => row.map((cell) => printable(cell, TABLE_CELL_MAX_LENGTH)));
    headerDue = false;
    for (const line of lines) {
      for (let column = 0; column < lastColumn; column++) widths[column] = Math.max(widths[column] ?? 0, displayWidth(line[column] ?? '') + TABLE_PADDING);
    }
    // Cells past the last header (a row that does not fit them) are left unpadded, like the last.
    const pad = (cell: string, column: number) => (column >= lastColumn ? cell : cell + ' '.repeat(Math.max(0, (widths[column] ?? 0) - displayWidth(cell))));
    return lines.map((row) => `${row.map(pad).join('')}\n`).join('');
  };
}

/** Pretty JSON; DEL, C1, bidi and separator characters as `\u` escapes (JSON.stringify leaves them raw). */
export function writeJson(sink: TextSink, value: unknown): void {
  sink.write(`${terminalSafeJson(value, 2)}\n`);
}

/**
 * Elements per writeJsonArray batch: big enough that batching costs nothing, small enough to bound
 * memory. 1,000 left `list -o json` at 10,000 tokens peaking at 82.4 MiB against kubeadm's 81.5;
 * 250 peaked at 78.6 (kubeadm 83.5) with no more CPU, and 100 at 78.7 (bench/list-vs-kubeadm.mjs,
 * 9 rounds each, 2026-12-06, quiet machine).
 */
const JSON_ARRAY_BATCH = 250;

/**
 * writeJson of `items.map(toJson)`, byte for byte, written a batch of elements at a time: 10,000
 * tokens are 3.6 MB of JSON, which are never held as one string (nor one object array).
 * JSON.stringify(batch, null, 2) is "[\n  A,\n  B\n]": its inside, joined with ",\n" between
 * batches, is the inside of the whole array's.
 */
export function writeJsonArray<T>(sink: TextSink, items: readonly T[], toJson: (item: T) => unknown): void {
  if (items.length === 0) return void sink.write('[]\n');
  sink.write('[\n');
  for (let start = 0; start < items.length; start += JSON_ARRAY_BATCH) {
    const end = Math.min(items.length, start + JSON_ARRAY_BATCH);
    const text = terminalSafeJson(items.slice(start, end).map(toJson), 2);
    sink.write(`${text.slice(2, -2)}${end < items.length ? ',\n' : '\n]\n'}`);
  }
}

export async function writeYaml(sink: TextSink, value: unknown): Promise<void> {
  (await yamlWriter(sink))(value);
}

/** A synchronous -o yaml writer (js-yaml is loaded once, here, only for -o yaml). */
export async function yamlWriter(sink: TextSink): Promise<(value: unknown) => void> {
  const { dump, DEFAULT_SCALAR_STYLE_RULES, SCALAR_STYLE } = await import('js-yaml');
  // A string holding a character a terminal could act on is double-quoted, the one YAML style
  // with escapes; js-yaml escapes C0 and C1 there, and the rest (bidi, format characters) is
  // escaped below. Everything else is written as before.
  type Rule = (typeof DEFAULT_SCALAR_STYLE_RULES)[keyof typeof DEFAULT_SCALAR_STYLE_RULES];
  const quoteUnsafe: Rule = (layout) => {
    if (hasTerminalUnsafe(layout.node.value, false)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
  };
  return (value) => {
    // noRefs: equal sub-objects are written out, never as YAML anchors a script would have to resolve.
    const text = dump(value, { noRefs: true, lineWidth: -1, scalarStyleRules: [quoteUnsafe, ...Object.values(DEFAULT_SCALAR_STYLE_RULES)] });
    sink.write(hasTerminalUnsafe(text) ? replaceTerminalUnsafe(text, yamlEscape) : text);
  };
}

/**
 * The command line's streams with every control, bidi and format character but line feed and tab
 * shown as a visible escape: whatever a command prints (a server's words in a message included)
 * cannot drive the terminal. Output the writers above made safe passes through unchanged.
 */
export function withTerminalSafeStreams<T extends Pick<CliIo, 'stdout' | 'stderr'>>(io: T): T {
  const safe = (sink: TextSink): TextSink => ({ write: (chunk: string) => sink.write(terminalOutput(chunk)) });
  // Descriptors, not a spread: process-main.ts's io asks whether a stream is a terminal only when read.
  return Object.defineProperties(Object.create(Object.getPrototypeOf(io) as object) as T, {
    ...Object.getOwnPropertyDescriptors(io),
    stdout: { value: safe(io.stdout), enumerable: true },
    stderr: { value: safe(io.stderr), enumerable: true },
  });
}
