// Time from process start to the first frame showing data, for the TUI in a real tmux pane
// (bench/tui-first-frame.mjs on the real control plane, bench/rest-list.mjs on the reference
// server). The pane's shell waits on a line of input, so the clock starts when the bench sends
// that Enter (just before `exec node`) and stops when the bytes that complete the first frame
// naming the token count arrive through `tmux pipe-pane` (pane-stream.mjs). Both ends include
// tmux's own latency, so the figure slightly overstates the app's time.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openPaneStream } from './pane-stream.mjs';
import { stripAnsi } from '../../test/support/ansi-screen.ts';
import { shellQuote, startTmux } from '../../test/support/tmux.ts';
import { nodeBin, repoRoot, requireBuiltCli } from '../../test/support/tui-app.ts';

/**
 * One run of `tokentui ARGS` in a fresh 120x40 pane; resolves { data, firstOutput } in ms from the
 * Enter. `tokens` is the count the first data frame names ("N tokens"). `secretFiles` maps a
 * variable to a file holding its value (an API key), read by the pane's shell: a secret never
 * reaches argv (tmux's or the app's). `cli` is the build to run (BENCH_CLI: a copy of dist/).
 */
export async function firstFrame({ args, tokens, scratch, name, secretFiles = {}, timeoutMs = 30_000, cli = process.env.BENCH_CLI ?? requireBuiltCli() }) {
  const app = [nodeBin, cli, ...args];
  const exports = Object.entries(secretFiles).map(([variable, file]) => `${variable}="$(cat ${shellQuote(file)})" && export ${variable} && `).join('');
  const tui = await startTmux({
    command: ['sh', '-c', `read _ && ${exports}exec ${app.map(shellQuote).join(' ')}`],
    columns: 120,
    rows: 40,
    cwd: repoRoot,
    env: { XDG_CONFIG_HOME: join(scratch, 'config'), XDG_STATE_HOME: join(scratch, 'state') },
  });
  const pane = await openPaneStream(tui, scratch, name);
  const data = new RegExp(`\\b${tokens} tokens`);
  try {
    let text = '';
    let firstOutputAt = null;
    let startedAt = 0;
    const dataAt = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no frame with data within ${timeoutMs} ms; got: ${stripAnsi(text).slice(-300)}`)), timeoutMs);
      pane.onData((chunk, at) => {
        if (startedAt === 0) return;
        // The app's first output (the tty's echo of the Enter comes first and is not the app's).
        if (firstOutputAt === null && chunk.includes('\x1b[')) firstOutputAt = at;
        // Only the tail can complete the pattern: the screen so far stays small to search.
        text = (text + chunk).slice(-20_000);
        if (data.test(stripAnsi(text))) {
          clearTimeout(timer);
          resolve(at);
        }
      });
    });
    startedAt = performance.now();
    await tui.sendKeys('Enter');
    const doneAt = await dataAt;
    return { data: doneAt - startedAt, firstOutput: firstOutputAt - startedAt };
  } finally {
    pane.close();
    await tui.kill();
  }
}
