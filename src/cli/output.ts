// Writers for -o table|json|yaml. Tables are laid out like Go's tabwriter as kubeadm uses
// it (minimum cell width 10, padding 3, last column unpadded) so scripts that split on
// whitespace and eyes used to `kubeadm token list` both feel at home.
import type { TextSink } from './io.ts';

const TABLE_MIN_WIDTH = 10;
const TABLE_PADDING = 3;

// Descriptions come from the cluster: a control character (ESC, newline, tab) must not
// drive the user's terminal or break the table's rows.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/gu;

export function printable(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function displayWidth(text: string): number {
  return [...text].length;
}

export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [headers, ...rows].map((row) => row.map(printable));
  const lastColumn = headers.length - 1;
  const widths = headers.map((_header, column) =>
    column === lastColumn
      ? 0
      : Math.max(TABLE_MIN_WIDTH, ...lines.map((row) => displayWidth(row[column] ?? '') + TABLE_PADDING)),
  );
  return lines
    .map((row) =>
      row
        .map((cell, column) => (column === lastColumn ? cell : cell + ' '.repeat((widths[column] ?? 0) - displayWidth(cell))))
        .join(''),
    )
    .map((line) => `${line}\n`)
    .join('');
}

export function writeJson(sink: TextSink, value: unknown): void {
  sink.write(`${JSON.stringify(value, null, 2)}\n`);
}

export async function writeYaml(sink: TextSink, value: unknown): Promise<void> {
  // Loaded only for -o yaml.
  const { dump } = await import('js-yaml');
  // noRefs: equal sub-objects are written out, never as YAML anchors a script would have to resolve.
  sink.write(dump(value, { noRefs: true, lineWidth: -1 }));
}
