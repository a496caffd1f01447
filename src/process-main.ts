// The program's process: binds the command line (cli/main.ts, a function of argv and io) to
// this process: its streams, environment, terminal, signals, warnings and exit code. The TUI
// is imported only when it runs, so subcommands never load Ink or React. Loaded by
// launcher.ts (npm install, dist/cli.js), or run directly as the single executable's main.
import type { TuiLaunchOptions, TypeAheadHold } from './cli/io.ts';
import { main } from './cli/main.ts';
import { bindStopSignals } from './cli/stop-signals.ts';
import { phaseMark } from './core/phase-marks.ts';
import { declareSingleTrustProcess } from './kube/default-trust.ts';
import { nodeTty } from './kube/node-builtins.ts';

// Every module of the start-up bundle has loaded (bench/list-vs-kubeadm.mjs: "module load").
phaseMark('main');

// node:sqlite (the demo backend, `serve`) is stable enough for what the reference server does,
// but Node 22.13-22.x announces it as experimental on stderr in the middle of a command's
// output. Only that one warning is dropped; every other warning is printed as usual.
const emitWarning = process.emitWarning;
process.emitWarning = function emitWarningButSqlite(this: unknown, warning: string | Error, ...rest: unknown[]) {
  const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: unknown } | undefined)?.type;
  if (type === 'ExperimentalWarning' && String(warning).startsWith('SQLite ')) return;
  return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
} as typeof process.emitWarning;

/**
 * Raw mode on the terminal from the moment the TUI is decided on: nothing typed while it connects
 * and loads is echoed (into the screen it is about to draw). The keys are read and counted
 * meanwhile; Ctrl-C still interrupts (raw mode turns off the terminal's own).
 */
function holdTypeAhead(): TypeAheadHold {
  const stdin = process.stdin;
  if (!stdin.isTTY) return { release: () => 0, cancel: () => undefined, suspend: () => undefined, resume: () => undefined };
  let typed = 0;
  const onData = (chunk: Buffer | string) => {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (text.includes('\u0003')) {
      stdin.setRawMode(false);
      process.kill(process.pid, 'SIGINT');
      return;
    }
    // An arrow or function key is one escape sequence: one key.
    typed += [...text.replace(/\u001b(?:\[[0-9;]*[A-Za-z~]|O.)?/g, '\u001b')].length;
  };
  stdin.setRawMode(true);
  stdin.on('data', onData);
  let held = true;
  const stop = () => {
    if (!held) return;
    held = false;
    stdin.off('data', onData);
    stdin.pause();
  };
  return {
    release: () => {
      stop();
      return typed;
    },
    cancel: () => {
      stop();
      stdin.setRawMode(false);
    },
    suspend: () => {
      stop();
      stdin.setRawMode(false);
    },
    resume: () => {
      if (held) return;
      held = true;
      stdin.setRawMode(true);
      stdin.on('data', onData);
      // pause() was explicit: a new listener alone would not start the flow again.
      stdin.resume();
    },
  };
}

async function launchTui(options: TuiLaunchOptions): Promise<number> {
  // React's production build: faster renders, no development warnings on the user's screen.
  process.env.NODE_ENV ??= 'production';
  phaseMark('tui-import');
  const { runTui } = await import('./ui/run.tsx');
  phaseMark('tui-imported');
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

const argv = process.argv.slice(2);
process.exitCode = await main(argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  // isatty() rather than process.stdin.isTTY: it does not open a stream on stdin. Asked when a
  // command needs to know: node:tty is 1.6 ms of start-up that `list -o json | jq` never uses.
  get stdinIsTTY() {
    return nodeTty().isatty(0);
  },
  get stdoutIsTTY() {
    return nodeTty().isatty(1);
  },
  launchTui,
  holdTypeAhead,
  onStopSignal: bindStopSignals(process, (code) => process.exit(code)),
  declareSingleTrust: declareSingleTrustProcess,
});
// A shell waits for the completion answer until this process ends: a token list that missed its
// time limit (cli/commands/completion.ts) must not keep the prompt waiting on an open request.
if (argv[0] === '__complete') process.exit();
