// The `tokentui` process: binds the command line to this process. The TUI is imported only
// when it runs, so subcommands never load Ink or React. Loaded by src/cli.ts.
import { isatty } from 'node:tty';
import type { TuiLaunchOptions } from './cli/io.ts';
import { main } from './cli/main.ts';
import { bindStopSignals } from './cli/stop-signals.ts';
import { tuiReexecArgv } from './cli/tui-heap.ts';

// The TUI runs with its own V8 heap settings (tui-heap.ts); without execve (Node < 22.15) it
// runs as it is.
const reexec = tuiReexecArgv(process);
if (reexec !== null && typeof process.execve === 'function') process.execve(process.execPath, reexec, process.env);

async function launchTui(options: TuiLaunchOptions): Promise<number> {
  // React's production build: faster renders, no development warnings on the user's screen.
  process.env.NODE_ENV ??= 'production';
  const { runTui } = await import('./ui/run.tsx');
  return runTui(options);
}

let hungUp = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `tokentui list | head` closes the pipe early; that is the reader's choice, not a failure.
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  // EIO: the terminal is gone (SSH dropped, tmux killed), possibly before its SIGHUP arrives.
  // Act as that hangup would, once, so stop-signal cleanups (the demo's database) still run.
  if (error.code !== 'EIO') throw error;
  if (!hungUp) process.kill(process.pid, 'SIGHUP');
  hungUp = true;
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  // isatty() rather than process.stdin.isTTY: it does not open a stream on stdin.
  stdinIsTTY: isatty(0),
  stdoutIsTTY: isatty(1),
  launchTui,
  onStopSignal: bindStopSignals(process, (code) => process.exit(code)),
});
