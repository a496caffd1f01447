// Bytes a TUI in tmux writes per second while idle, and the minimum a renderer could send for the
// same changes: every byte recorded with `tmux pipe-pane`; the screen captured (capture-pane -e)
// at each mid-second, consecutive frames diffed cell by cell (a cursor move per changed row, the
// changed cells, an SGR only where the style changes: test/support/ansi-screen.ts diffScreens).
// Shared by bench/tui-idle-bytes.mjs (one context) and bench/fleet-idle-bytes.mjs (fleet mode).
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, untilSecondOffset } from './load-harness.mjs';
import { diffScreens, parseCapture } from '../../test/support/ansi-screen.ts';

/** Medians per second over `seconds`: { written, minimal, rows } (bytes, bytes, changed rows). */
export async function idleBytes(tui, { columns, rows, seconds, scratch, label }) {
  await untilSecondOffset(500);
  const file = join(scratch, `${label}.bytes`);
  writeFileSync(file, '');
  await tui.startRecording(file);
  await untilSecondOffset(500);
  let previous = parseCapture(await tui.capture({ colors: true }), columns, rows);
  let size = statSync(file).size;
  const written = [];
  const minimal = [];
  const changedRows = [];
  for (let second = 0; second < seconds; second += 1) {
    await untilSecondOffset(500);
    const frame = parseCapture(await tui.capture({ colors: true }), columns, rows);
    const now = statSync(file).size;
    const diff = diffScreens(previous, frame);
    written.push(now - size);
    minimal.push(diff.minimalBytes);
    changedRows.push(diff.changedRows);
    previous = frame;
    size = now;
  }
  await tui.stopRecording();
  return { written: median(written), minimal: median(minimal), rows: median(changedRows) };
}
