// `tokentui list -A` (or --contexts, --context-glob): every chosen context's tokens from one
// process, asked concurrently, each context with its own deadline. stdout holds the tokens of the
// contexts that answered in any -o format `list` takes, through the same view (render/): a
// CONTEXT column first, `context` first in each JSON object, CONTEXT/token/ID for -o name;
// --sort-by sorts across contexts. stderr has one line per context that did not answer:
// `tokentui: context "lab": forbidden: ...`. Exit 1 then.
import { acrossContexts, type FleetAnswer } from '../../adapters/operations/fleet.ts';
import { ExitCode, usageError } from '../../core/errors.ts';
import type { Token } from '../../core/token.ts';
import { warn } from '../exit.ts';
import { contextTimeoutMs, everyContextNamesItsTrust, fleetContexts, fleetMembers, resolveFleet } from '../fleet-contexts.ts';
import { viewThrough, withLeadingColumn, type ItemsView } from '../render/items-view.ts';
import { tokenView } from '../render/token-view.ts';
import { writeItems } from '../render/write-items.ts';
import type { CommandContext } from './command-run.ts';

/** One listed token and the context it lives in. */
export interface FleetListItem {
  readonly context: string;
  readonly token: Token;
}

/** The tokens of every context that answered, as `list` shows tokens, behind their context. */
export function fleetView(answered: readonly { readonly context: string; readonly tokens: readonly Token[] }[], nowMs: number): ItemsView<FleetListItem> {
  const items = answered.flatMap(({ context, tokens }) => tokens.map((token) => ({ context, token })));
  const tokens = viewThrough(tokenView(items.map((item) => item.token), nowMs), items, (item) => item.token);
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

/** Changes across contexts are the TUI's fleet mode: -w stays one context's. */
function checkFleetOutput(invocation: CommandContext['invocation']): void {
  if (invocation.options.watch === true) {
    throw usageError('-w watches one context; -A, --contexts and --context-glob list once', 'watch several contexts live in the TUI (tokentui, then :fleet), or one here with --context NAME -w');
  }
}

export async function runFleetList({ invocation, io, clock }: CommandContext): Promise<number> {
  checkFleetOutput(invocation);
  const { globals, options } = invocation;
  const timeoutMs = contextTimeoutMs(options);
  const contexts = resolveFleet(await fleetContexts(globals, options, io), globals, io);
  // As `list` alone does for its one server (process-main.ts), when no context can need that store.
  if (everyContextNamesItsTrust(contexts)) io.declareSingleTrust?.();
  // The LIST goes out while each adapter finishes setting up (as `list` alone does).
  const members = fleetMembers(globals, contexts, io, clock, { listSoon: true });
  const answers = await acrossContexts(members, (adapter, _member, signal) => adapter.list(signal), { timeoutMs });
  const nowMs = clock.now();
  const answered = answers.flatMap((answer) => (answer.ok ? [{ context: answer.context, tokens: answer.value }] : []));
  for (const { context, tokens } of answered) {
    for (const token of tokens) {
      if (token.invalidReason !== null) warn(io.stderr, `context "${context}": token "${token.id}" is not usable: ${token.invalidReason}`);
    }
  }
  await writeItems(fleetView(answered, nowMs), invocation, io.stdout);
  return reportUnanswered(answers, io.stderr) ? ExitCode.ok : ExitCode.backend;
}
