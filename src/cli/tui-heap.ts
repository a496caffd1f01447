// V8 heap settings for the interactive UI, applied by replacing the process before anything
// starts (process.execve, Node >= 22.15 / 23.11). Why: under key-repeat scrolling the TUI
// allocates fast enough that V8 grows the young generation to its 16 MB-per-semi-space
// maximum, part of the +48 MB RSS (148 -> 196 MB with 10,000 tokens, issue 3's budget
// is 150 MB) while the live heap stayed ~25 MB. 8 MB semi-spaces (with src/ui/heap-trim.ts)
// measured 125-130 MB loaded and 128-140 MB after scrolling; 4 MB saved ~5 MB more but made
// more scavenges on the key path. bench/tui-keypress.mjs prints RSS and key-to-frame time.
// The flag can only be set at start-up (v8.setFlagsFromString has no effect on a running
// heap), hence the re-exec.
// Subcommands are left alone: `tokentui list` parses big answers and likes a roomy young
// generation, and a one-shot process has no time to grow anyway.
import { parseCommandLine } from './args.ts';

export const TUI_V8_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

/** The argv to re-exec with, or null when this process should just run. */
export function tuiReexecArgv(process: {
  readonly argv: readonly string[];
  readonly execArgv: readonly string[];
  readonly execPath: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}): string[] | null {
  // Whoever already chose a semi-space size (flags, NODE_OPTIONS, or our own re-exec) wins.
  const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((flag) => flag.includes('semi-space-size'));
  if (chosen) return null;
  // A first argument that is not a flag names a subcommand (or is an error): never the UI, and
  // `tokentui list` need not parse its command line twice (1 ms of its start-up).
  const first = process.argv[2];
  if (first !== undefined && !first.startsWith('-')) return null;
  let kind: string;
  try {
    kind = parseCommandLine(process.argv.slice(2)).kind;
  } catch {
    return null; // main() reports the usage error
  }
  if (kind !== 'tui') return null;
  const [, script, ...args] = process.argv;
  if (script === undefined) return null;
  return [process.execPath, ...TUI_V8_FLAGS, ...process.execArgv, script, ...args];
}
