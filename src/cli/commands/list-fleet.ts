// `tokentui list -A` (or --contexts, --context-glob): every chosen context's tokens from one
// process, asked concurrently, each context with its own deadline. stdout holds the tokens of the
// contexts that answered in any -o format `list` takes, through the same view (render/): a
// CONTEXT column first, `context` first in each JSON object, CONTEXT/token/ID for -o name;
// --sort-by sorts across contexts. stderr has one line per context that did not answer:
// `tokentui: context "lab": forbidden: ...`. Exit 1 then. With -w, every context that answered
// is then watched (list-watch.ts), each on its own stream, until Ctrl-C or --watch-timeout.
import { acrossContexts, openAcrossContexts, type FleetAnswer, type FleetMember } from '../../adapters/operations/fleet.ts';
import { ExitCode } from '../../core/errors.ts';
import type { Token } from '../../core/token.ts';
import { warn } from '../exit.ts';
import { contextTimeoutMs, everyContextNamesItsTrust, fleetContexts, fleetMembers, reportSelectionProblems, resolveFleet } from '../fleet-contexts.ts';
import { viewThrough, withLeadingColumn, type ItemsView } from '../render/items-view.ts';
import { tokenColumns, tokenView, type TokenColumns } from '../render/token-view.ts';
import { sortedItems, writeItems } from '../render/write-items.ts';
import type { CommandContext } from './command-run.ts';
import { checkWatchFormat, watchSources, watchTimeoutMs } from './list-watch.ts';

/** One listed token and the context it lives in. */
export interface FleetListItem {
  readonly context: string;
  readonly token: Token;
}

type Answered = { readonly context: string; readonly tokens: readonly Token[] };

/** Every answering context's tokens, each with its context, in the contexts' order. */
export function fleetItems(answered: readonly Answered[]): FleetListItem[] {
  return answered.flatMap(({ context, tokens }) => tokens.map((token) => ({ context, token })));
}

/** Tokens as `list` shows them, behind their context (`columns`: a watch keeps its list's). */
export function fleetView(items: readonly FleetListItem[], nowMs: number, columns?: TokenColumns): ItemsView<FleetListItem> {
  const tokens = viewThrough(tokenView(items.map((item) => item.token), nowMs, columns === undefined ? {} : { columns }), items, (item) => item.token);
  const view = withLeadingColumn(tokens, { header: 'CONTEXT', cell: (item) => item.context }, 'context', (item) => item.context);
  return { ...view, nameOf: (item) => `${item.context}/token/${item.token.id}` };
}

/** Reports each context that did not answer on stderr; true when all answered. */
export function reportUnanswered(answers: readonly FleetAnswer<unknown>[], stderr: { write(chunk: string): unknown }): boolean {
  let all = true;
  for (const answer of answers) {
    if (answer.ok) continue;
    all = false;
    stderr.write(`tokentui: context "${answer.context}": ${answer.reason.replace(/[\r\n]+/g, ' ')}\n`);
  }
  return all;
}

function warnUnusable(answered: readonly Answered[], stderr: CommandContext['io']['stderr']): void {
  for (const { context, tokens } of answered) {
    for (const token of tokens) {
      if (token.invalidReason !== null) warn(stderr, `context "${context}": token "${token.id}" is not usable: ${token.invalidReason}`);
    }
  }
}

/** `list -A -w`: the list, then each answering context's changes; its adapters stay open until the watch ends. */
async function watchFleet(command: CommandContext, members: readonly FleetMember[], timeoutMs: number, complete: boolean): Promise<number> {
  const { invocation, io, clock } = command;
  const answers = await openAcrossContexts(members, (adapter, _member, signal) => adapter.list(signal), { timeoutMs });
  const opened = answers.flatMap((answer) => (answer.ok ? [{ context: answer.context, tokens: answer.value.value, adapter: answer.value.adapter }] : []));
  try {
    const allAnswered = reportUnanswered(answers, io.stderr);
    // Nothing answered, nothing to watch: waiting for Ctrl-C would only hide that.
    if (opened.length === 0) return ExitCode.backend;
    warnUnusable(opened, io.stderr);
    const items = fleetItems(opened);
    const columns = tokenColumns(items.map((item) => item.token));
    const listed = await sortedItems(fleetView(items, clock.now(), columns), invocation.options.sortBy);
    const sources = opened.map(({ context, tokens, adapter }) => ({ adapter, initial: tokens, item: (token: Token) => ({ context, token }), label: `context "${context}"` }));
    await watchSources(command, listed, sources, (changed, nowMs) => fleetView(changed, nowMs, columns));
    return allAnswered && complete ? ExitCode.ok : ExitCode.backend;
  } finally {
    await Promise.all(opened.map(({ adapter }) => adapter.close?.().catch(() => undefined)));
  }
}

export async function runFleetList(command: CommandContext): Promise<number> {
  const { invocation, io, clock } = command;
  const { globals, options } = invocation;
  if (options.watch === true) {
    checkWatchFormat(invocation.output);
    watchTimeoutMs(options.watchTimeout);
  }
  const timeoutMs = contextTimeoutMs(options);
  const chosen = await fleetContexts(globals, options, io);
  const complete = reportSelectionProblems(chosen, io.stderr);
  const contexts = resolveFleet(chosen.contexts, globals, io);
  // As `list` alone does for its one server (process-main.ts), when no context can need that store.
  if (everyContextNamesItsTrust(contexts)) io.declareSingleTrust?.();
  // The LIST goes out while each adapter finishes setting up (as `list` alone does).
  const members = fleetMembers(globals, contexts, io, clock, { listSoon: true });
  if (options.watch === true) return watchFleet(command, members, timeoutMs, complete);
  const answers = await acrossContexts(members, (adapter, _member, signal) => adapter.list(signal), { timeoutMs });
  const nowMs = clock.now();
  const answered = answers.flatMap((answer) => (answer.ok ? [{ context: answer.context, tokens: answer.value }] : []));
  warnUnusable(answered, io.stderr);
  await writeItems(fleetView(fleetItems(answered), nowMs), invocation, io.stdout);
  return reportUnanswered(answers, io.stderr) && complete ? ExitCode.ok : ExitCode.backend;
}
