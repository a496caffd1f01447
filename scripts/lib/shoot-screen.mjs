// One screenshot of the real app in tmux: the screen's cells with their colours (capture-pane -e)
// rendered to screenshots/<name>.svg, refused when a whole `<id>.<secret>` is on it (the app only
// ever shows masked secrets). Shared by scripts/screenshots.mjs and scripts/screenshots-fleet.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCapture } from '../../test/support/ansi-screen.ts';
import { renderSvg } from '../../test/support/terminal-svg.ts';

const FULL_TOKEN = /\b[a-z0-9]{6}\.[a-z0-9]{16}\b/;

/** Writes `<outDir>/<name>.svg` from what `tui` shows now; returns the file's path. */
export async function shootScreen(tui, outDir, name, columns, rows) {
  // Captured between two ticks, so the screen is a finished frame.
  const colored = await tui.capture({ colors: true });
  if (FULL_TOKEN.test(colored)) throw new Error(`the ${name} screen shows a whole token (secret included)`);
  const screen = parseCapture(colored, columns, rows);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${name}.svg`);
  writeFileSync(file, renderSvg(screen, { title: `tokentui — ${name} (${columns}×${rows})` }));
  console.log(`screenshots/${name}.svg`);
  return file;
}
