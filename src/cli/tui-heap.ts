// V8 heap settings for the interactive UI, applied by replacing the process before anything
// starts (process.execve, Node >= 22.15 / 23.11). Why: under key-repeat scrolling the TUI
// allocates fast enough that V8 grows the young generation to its 16 MB-per-semi-space
// maximum, part of the +48 MB RSS (148 -> 196 MB with 10,000 tokens, issue 3's budget
// is 150 MB) while the live heap stayed ~25 MB. 8 MB semi-spaces (with src/ui/heap-trim.ts)
// measured 125-130 MB loaded and 128-140 MB after scrolling; 4 MB saved ~5 MB more but made
// more scavenges on the key path. bench/tui-keypress.mjs prints RSS and key-to-frame time.
// The flag can only be set at start-up: v8.setFlagsFromString('--max-semi-space-size=8') on a
// running process changes nothing (measured on Node 24: the new space still grew past 100 MB).
// Hence the re-exec, and it is decided in the launcher (src/launcher.ts), before the program's
// bundle loads: deciding after it (with the full parser) loaded the start-up bundle twice
// (bench/ab-first-frame.mjs, 1,000 tokens, 25 paired runs on a loaded machine: first output
// 24 ms and first frame with data 11 ms sooner, medians of paired differences). So the decision
// reads argv alone, with the parser's own option list (option-config.ts), and is conservative:
// whatever it is unsure of runs as it is and args.ts decides. The flag itself costs no code
// cache: `--version` with and without it started equally fast (paired runs).
// Subcommands are left alone: `tokentui list` parses big answers and likes a roomy young
// generation, and a one-shot process has no time to grow anyway.
import { globalOptionConfig } from './option-config.ts';

export const TUI_V8_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

const globalOptions: Readonly<Record<string, { readonly type: 'string' | 'boolean' }>> = globalOptionConfig;

/**
 * Whether these arguments (argv after the script) certainly start the interactive UI: only global
 * flags that choose a target, each well-formed. A subcommand, --help, --version, -o, a short flag,
 * `--`, an unknown flag or a value that looks like a flag answers false (args.ts decides those).
 */
export function argvStartsTui(args: readonly string[]): boolean {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (!arg.startsWith('--') || arg === '--') return false;
    const equals = arg.indexOf('=');
    const name = equals === -1 ? arg.slice(2) : arg.slice(2, equals);
    const option = Object.hasOwn(globalOptions, name) ? globalOptions[name] : undefined;
    if (option === undefined || name === 'help' || name === 'version' || name === 'output') return false;
    if (option.type === 'boolean') {
      if (equals !== -1) return false;
      continue;
    }
    const value = equals === -1 ? args[++index] : arg.slice(equals + 1);
    if (value === undefined || value.trim() === '' || (equals === -1 && value.startsWith('-'))) return false;
  }
  return true;
}

interface ProcessLike {
  readonly argv: readonly string[];
  readonly execArgv: readonly string[];
  readonly execPath: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Whoever already chose a semi-space size (flags, NODE_OPTIONS, or our own re-exec) wins. */
function semiSpaceChosen(process: ProcessLike): boolean {
  return [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((flag) => flag.includes('semi-space-size'));
}

/** The argv to re-exec `node script ...` with, or null when this process should just run. */
export function tuiReexecArgv(process: ProcessLike): string[] | null {
  const [, script, ...args] = process.argv;
  if (script === undefined || semiSpaceChosen(process) || !argvStartsTui(args)) return null;
  return [process.execPath, ...TUI_V8_FLAGS, ...process.execArgv, script, ...args];
}

/** The single executable's NODE_OPTIONS for the UI (it passes every argument to the app), or null. */
export function tuiReexecNodeOptions(process: ProcessLike): string | null {
  if (semiSpaceChosen(process) || !argvStartsTui(process.argv.slice(2))) return null;
  return [process.env.NODE_OPTIONS, ...TUI_V8_FLAGS].filter((part) => part !== undefined && part !== '').join(' ');
}

/** Replaces this process with one that has the UI's heap settings, when the UI is what runs. */
export function reexecTuiWithHeapFlags(): void {
  if (typeof process.execve !== 'function') return; // Node < 22.15: the UI runs as it is
  // Every other command stops here, before node:sea is even loaded.
  if (semiSpaceChosen(process) || !argvStartsTui(process.argv.slice(2))) return;
  if (process.getBuiltinModule('node:sea')?.isSea() !== true) {
    const argv = tuiReexecArgv(process);
    if (argv !== null) process.execve(process.execPath, argv, process.env);
    return;
  }
  // A single executable passes every argument to the app (a Node flag would be an unknown
  // option), but reads NODE_OPTIONS (its execArgvExtension is "env": scripts/build-exe.mjs).
  const nodeOptions = tuiReexecNodeOptions(process);
  if (nodeOptions !== null) process.execve(process.execPath, [process.execPath, ...process.argv.slice(2)], { ...process.env, NODE_OPTIONS: nodeOptions });
}
