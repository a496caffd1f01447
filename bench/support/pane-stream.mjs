// What a program in a tmux pane writes, as it arrives: `tmux pipe-pane` into a FIFO read by
// this process, each chunk stamped with performance.now() on arrival. Used to time the
// first frame and key presses end to end through a real terminal.
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { shellQuote } from '../../test/support/tmux.ts';

export async function openPaneStream(tui, dir, name) {
  const fifo = join(dir, `${name}.fifo`);
  execFileSync('mkfifo', [fifo]);
  const stream = createReadStream(fifo, { encoding: 'utf8' });
  const listeners = new Set();
  stream.on('data', (chunk) => {
    const at = performance.now();
    for (const listener of listeners) listener(chunk, at);
  });
  await tui.tmux('pipe-pane', '-o', '-t', tui.target, `cat > ${shellQuote(fifo)}`);
  return {
    /** Calls `listener(chunk, arrivedAt)` for every chunk; returns the unsubscribe function. */
    onData(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      stream.destroy();
    },
  };
}

/** RSS and its peak (VmHWM) in MB of the pane's program (the node process, not a wrapper shell). */
export async function paneMemory(tui) {
  let pid = await tui.pid();
  if (pid === null) throw new Error('the program in the pane has exited');
  const comm = (await readFile(`/proc/${pid}/comm`, 'utf8')).trim();
  // A wrapper shell that did not exec: its child is the program.
  if (['sh', 'dash', 'bash'].includes(comm)) {
    const children = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8')).trim().split(/\s+/);
    pid = Number(children[0]);
  }
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}
