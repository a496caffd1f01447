// `tokentui completion bash|zsh|fish` prints a completion script (completion-scripts.ts); the
// script calls `tokentui __complete WORD...` at each Tab, answered here from the command table
// (completion-candidates.ts), the contexts and, for token ids, the backend itself.
import type { TokenAdapter } from '../../adapters/contract.ts';
import type { Clock } from '../../core/clock.ts';
import { systemClock } from '../../core/clock.ts';
import { ExitCode } from '../../core/errors.ts';
import { usageError } from '../args.ts';
import type { GlobalOptions } from '../args.ts';
import type { CliIo, TextSink } from '../io.ts';
import { printable } from '../output.ts';
import { openTargetAdapter } from '../target.ts';
import { completeCommandLine } from './completion-candidates.ts';
import type { Candidate, Completion, CompletionSources } from './completion-candidates.ts';
import { completionScripts, SHELLS } from './completion-scripts.ts';
import type { Shell } from './completion-scripts.ts';
import type { CommandRun } from './command-run.ts';
import { listContextsQuietly } from './contexts.ts';

/**
 * How long a Tab waits for a backend's token list. A shell waits for the whole answer, so an
 * unreachable cluster must cost a short pause, not a hung prompt; the process then ends at once
 * (src/process-main.ts), whatever request is still open.
 */
export const TOKEN_COMPLETION_LIMIT_MS = 1_500;

export const runCompletion: CommandRun = async ({ invocation, io }) => {
  const [shell = ''] = invocation.positionals;
  if (!(SHELLS as readonly string[]).includes(shell)) {
    throw usageError(`unknown shell '${shell}' (use ${SHELLS.join(', ')})`, "run 'tokentui completion --help'");
  }
  io.stdout.write(completionScripts[shell as Shell]);
  return ExitCode.ok;
};

/** The token ids of the target the flags name, or none when the backend does not answer in time. */
async function tokenIdsWithin(limitMs: number, globals: GlobalOptions, io: CliIo, clock: Clock): Promise<readonly Candidate[]> {
  const controller = new AbortController();
  let adapter: TokenAdapter | undefined;
  let timer: NodeJS.Timeout | undefined;
  const listing = (async () => {
    adapter = await openTargetAdapter(globals, io, clock, { listSoon: true });
    return adapter.list(controller.signal);
  })();
  const tooLate = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no token list within ${limitMs} ms`));
    }, limitMs);
  });
  try {
    const tokens = await Promise.race([listing, tooLate]);
    return tokens.map((token) => ({ value: token.id, description: token.description }));
  } finally {
    clearTimeout(timer);
    listing.catch(() => undefined); // lost the race: its failure is no longer anyone's business
    // Past the limit, not even the adapter's wind-down (it lets open requests finish) is waited for.
    const closing = adapter?.close?.().catch(() => undefined);
    if (!controller.signal.aborted) await closing;
  }
}

function completionSources(io: CliIo, limitMs: number): CompletionSources {
  const clock = io.clock ?? systemClock;
  return {
    contextNames: async (globals) => (await listContextsQuietly(globals, io.env, io.cwd)).map((context) => ({ value: context.name, description: context.kind })),
    tokenIds: (globals) => tokenIdsWithin(limitMs, globals, io, clock),
  };
}

/** One line per candidate; a backend's text cannot break a line or reach the terminal as escapes. */
function writeCompletion(completion: Completion, stdout: TextSink): void {
  if (completion.kind === 'files') {
    stdout.write(':files\n');
    return;
  }
  const oneLine = (text: string) => printable(text.replace(/\s+/g, ' '));
  for (const { value, description } of completion.candidates) {
    stdout.write(description === undefined || description === '' ? `${oneLine(value)}\n` : `${oneLine(value)}\t${oneLine(description)}\n`);
  }
}

/** `tokentui __complete WORD...`: never an error on the user's prompt, whatever goes wrong. */
export async function runCompleter(typedWords: readonly string[], io: CliIo, limitMs = TOKEN_COMPLETION_LIMIT_MS): Promise<number> {
  try {
    writeCompletion(await completeCommandLine(typedWords, completionSources(io, limitMs)), io.stdout);
  } catch {
    // Nothing to offer: a Tab that finds nothing is the answer.
  }
  return ExitCode.ok;
}
