// `tokentui list -A` (or --contexts, --context-glob): every chosen context's tokens from one
// process, asked concurrently, each context with its own deadline. stdout holds the tokens of the
// contexts that answered (a CONTEXT column first; JSON/YAML objects carry `context` first), stderr
// one line per context that did not: `tokentui: context "lab": forbidden: ...`. Exit 1 then.
import { acrossContexts, type FleetAnswer } from '../../adapters/operations/fleet.ts';
import { ExitCode, usageError } from '../../core/errors.ts';
import type { Token } from '../../core/token.ts';
import { warn } from '../exit.ts';
import { contextTimeoutMs, everyContextNamesItsTrust, fleetContexts, fleetMembers, resolveFleet } from '../fleet-contexts.ts';
import { formatTable, writeJsonArray, writeYaml } from '../output.ts';
import type { CommandContext } from './command-run.ts';
import { TABLE_HEADERS, toListedToken, tokenTableRow } from './list.ts';

export const FLEET_TABLE_HEADERS = ['CONTEXT', ...TABLE_HEADERS] as const;

/** The kubeadm columns for every backend; a scoped token (REST) shows `scope:NAME` under USAGES. */
function fleetRow(context: string, token: Token, nowMs: number): readonly string[] {
  const [id = '', ttl = '', expires = '', usages = '', ...rest] = tokenTableRow(token, nowMs);
  const shownUsages = token.scope !== undefined && token.usages.length === 0 ? `scope:${token.scope}` : usages;
  return [context, id, ttl, expires, shownUsages, ...rest];
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

/** The fleet listing has its own table (a CONTEXT column first): the other -o formats and -w are one context's for now. */
function checkFleetOutput(invocation: CommandContext['invocation']): void {
  const { output, options } = invocation;
  const extra = options.watch === true ? '-w' : options.sortBy !== undefined ? '--sort-by' : options.noHeaders === true ? '--no-headers' : options.listObject === true ? '--list-object' : undefined;
  if (!['table', 'json', 'yaml'].includes(output) || extra !== undefined) {
    throw usageError(`-A, --contexts and --context-glob list as a table, -o json or -o yaml${extra === undefined ? `, not -o ${output}` : `, without ${extra}`}`, 'list one context (--context NAME) for the other formats, -w and --sort-by');
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
  if (invocation.output === 'table') {
    const rows = answered.flatMap(({ context, tokens }) => tokens.map((token) => fleetRow(context, token, nowMs)));
    io.stdout.write(formatTable(FLEET_TABLE_HEADERS, rows));
  } else {
    const rows = answered.flatMap(({ context, tokens }) => tokens.map((token) => ({ context, token })));
    const toJson = ({ context, token }: (typeof rows)[number]) => ({ context, ...toListedToken(token, nowMs) });
    if (invocation.output === 'yaml') await writeYaml(io.stdout, rows.map(toJson));
    // As `list -o json`: written a batch at a time, never one string (nor object array) of every token.
    else writeJsonArray(io.stdout, rows, toJson);
  }
  return reportUnanswered(answers, io.stderr) ? ExitCode.ok : ExitCode.backend;
}
