// `tokentui list`: kubeadm's table, or the tokens in any -o format (render/token-view.ts says how a
// token looks in each), sorted with --sort-by; with -w, then the changes (list-watch.ts).
import { ExitCode } from '../../core/errors.ts';
import { phaseMark } from '../../core/phase-marks.ts';
import type { Token } from '../../core/token.ts';
import { warn } from '../exit.ts';
import { keepYoungGenerationSmall } from '../one-shot-heap.ts';
import { sortedItems, writeItems } from '../render/write-items.ts';
import { tokenView } from '../render/token-view.ts';
import type { CommandRun } from './command-run.ts';
import { checkWatchFormat, watchTimeoutMs, watchTokens } from './list-watch.ts';

// Kept where tests and the TUI's hostile-rendering test import them from.
export { formatRfc3339, formatTokenTable, TABLE_HEADERS, tokenTableRow, toListedToken, type ListedToken } from '../render/token-view.ts';

export const runList: CommandRun = async (context) => {
  const { invocation, io, clock, openAdapter } = context;
  if (invocation.options.watch === true) {
    checkWatchFormat(invocation.output);
    watchTimeoutMs(invocation.options.watchTimeout);
  }
  // One server, its CA explicit: Node's default CA store need not be built (kube/default-trust.ts).
  // list-fleet.ts decides for several contexts, where a REST server may rely on that store.
  io.declareSingleTrust?.();
  const adapter = await openAdapter({ listSoon: true });
  try {
    // After the adapter is open: everything the list needs is loaded (one-shot-heap.ts says why).
    const restoreYoungGeneration = keepYoungGenerationSmall();
    let tokens: readonly Token[];
    try {
      tokens = await adapter.list();
    } finally {
      restoreYoungGeneration();
    }
    phaseMark('listed');
    for (const token of tokens) {
      if (token.invalidReason !== null) warn(io.stderr, `token "${token.id}" is not usable: ${token.invalidReason}`);
    }
    if (invocation.options.watch === true) return await watchTokens(context, adapter, await sortedItems(tokenView(tokens, clock.now()), invocation.options.sortBy));
    await writeItems(tokenView(tokens, clock.now()), invocation, io.stdout);
    return ExitCode.ok;
  } finally {
    await adapter.close?.();
  }
};
