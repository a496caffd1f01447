// `tokentui find [ID]`: where is a leaked token live? Reads the token from stdin or a masked
// prompt (an id alone may be an argument), asks every context (or --contexts / --context-glob) at
// once, and prints one line per context: LIVE (the secret is that token's and it can be used),
// not live (right id, wrong secret; or expired), absent, exists (id only), unchecked (the backend
// cannot compare secrets). The secret is never printed, journaled or sent anywhere but to the
// backend's own comparison (kubeadm/k3s: read and compared here; REST: only its SHA-256 is sent).
//
// Exit: 0 live (or possibly live) somewhere, 4 live nowhere, 1 when a context did not answer
// (its line on stderr; the others are still printed), 2 bad input (a secret on argv included).
import { acrossContexts, type FleetAnswer, type FleetMember } from '../../adapters/operations/fleet.ts';
import { FIND_RESULT_WORDS, findLeakedToken, type FindResult } from '../../adapters/operations/find-token.ts';
import { ExitCode } from '../../core/errors.ts';
import { leakedTokenLabel, type LeakedToken } from '../../core/leaked-token.ts';
import { revisionToFingerprint } from '../../core/fingerprint.ts';
import { formatRfc3339 } from '../../core/rfc3339.ts';
import { contextTimeoutMs, fleetContexts, fleetMembers, fleetRequested, reportSelectionProblems, resolveFleet } from '../fleet-contexts.ts';
import { readLeakedToken } from '../leaked-input.ts';
import { formatTable, writeJson } from '../output.ts';
import type { CommandContext, CommandRun } from './command-run.ts';
import { reportUnanswered } from './list-fleet.ts';
import { toListedToken } from './list.ts';

export const FIND_TABLE_HEADERS = ['CONTEXT', 'RESULT', 'ADAPTER', 'DETAIL'] as const;

export interface FleetSearch {
  readonly leaked: LeakedToken;
  /** Every context searched, to act on the ones where it was found (revoke --everywhere). */
  readonly members: readonly FleetMember[];
  readonly answers: readonly FleetAnswer<FindResult>[];
  /**
   * The problems ("kubeconfig PATH: ...") of files that did not parse and may hold a context that
   * was not searched; empty when the search is whole. In -o json as `unreadable`, when any.
   */
  readonly unreadable: readonly string[];
}

/** Every chosen context answered, and no file that could not be read may hide another. */
export function searchedEverywhere(search: FleetSearch, stderr: CommandContext['io']['stderr']): boolean {
  return reportUnanswered(search.answers, stderr) && search.unreadable.length === 0;
}

/** The contexts that did not answer, and why, as find and revoke --everywhere put them in their JSON. */
export function fleetErrors(search: Pick<FleetSearch, 'answers'>): { context: string; reason: string }[] {
  return search.answers.flatMap((answer) => (answer.ok ? [] : [{ context: answer.context, reason: answer.reason }]));
}

/** `unreadable` in a fleet command's JSON, when some file may hide a context of the search. */
export function unreadableJson(search: Pick<FleetSearch, 'unreadable'>): { unreadable?: readonly string[] } {
  return search.unreadable.length === 0 ? {} : { unreadable: search.unreadable };
}

/** What a leaked token's search found that a sweep would revoke (live, or possibly live). */
export function isTarget(result: FindResult): boolean {
  return result.result === 'live' || result.result === 'unchecked' || result.result === 'exists';
}

/** Reads the token, then asks every chosen context (default: all of them) at once. */
export async function searchFleet({ invocation, io, clock }: CommandContext, command: string): Promise<FleetSearch> {
  const { globals, options } = invocation;
  // The flags and the context names are checked before the token is asked for: nobody types a
  // secret at the prompt only to be told that --context-timeout or a name was wrong.
  const timeoutMs = contextTimeoutMs(options);
  const selection = fleetRequested(options) ? options : { ...options, allContexts: true };
  const chosen = await fleetContexts(globals, selection, io, command);
  const complete = reportSelectionProblems(chosen, io.stderr);
  const members = fleetMembers(globals, resolveFleet(chosen.contexts, globals, io), io, clock);
  const leaked = await readLeakedToken(command, invocation.positionals[0], io);
  const answers = await acrossContexts(members, (adapter, _member, signal) => findLeakedToken(adapter, leaked, clock, signal), { timeoutMs });
  return { leaked, members, answers, unreadable: complete ? [] : chosen.problems };
}

function detailOf(found: FindResult): string {
  switch (found.result) {
    case 'absent':
      return '';
    case 'not-applicable':
    case 'unchecked':
    case 'dead':
      return found.detail;
    case 'wrong-secret':
      return 'a token with this id exists, but the secret differs: the leaked value is not live here';
    default: {
      const { token } = found;
      const expires = token.expiresAt === null ? 'never expires' : `expires ${formatRfc3339(token.expiresAt)}`;
      const what = [expires, token.usages.length > 0 ? `usages ${token.usages.join(',')}` : null, token.description === '' ? null : `"${token.description}"`];
      return what.filter((part) => part !== null).join(', ');
    }
  }
}

function tokenOf(found: FindResult) {
  return 'token' in found ? found.token : undefined;
}

/**
 * For each context whose token another context listed before it also sees (the same object at the
 * same version: two contexts on one cluster, or on one REST store), that first context's name:
 * where a leak is live is then one cluster, not two.
 */
export function sameTokenAs(answers: readonly FleetAnswer<FindResult>[]): ReadonlyMap<string, string> {
  const firstSeen = new Map<string, string>();
  const same = new Map<string, string>();
  for (const answer of answers) {
    const revision = answer.ok ? tokenOf(answer.value)?.revision : undefined;
    if (!answer.ok || revision === undefined || revision.uid === '') continue;
    // The object and its version, as the sweep groups previews by their fingerprint: a k3s and a
    // kubeadm context on one cluster read one Secret; a REST token's uid is its id.
    const key = revisionToFingerprint(revision);
    const first = firstSeen.get(key);
    if (first === undefined) firstSeen.set(key, answer.context);
    else same.set(answer.context, first);
  }
  return same;
}

export function findJson(search: FleetSearch, nowMs: number) {
  const { leaked } = search;
  const same = sameTokenAs(search.answers);
  return {
    token: { id: leaked.kind === 'k3s-password' ? null : leaked.id, kind: leaked.kind === 'bootstrap' ? leaked.format : leaked.kind },
    contexts: search.answers.flatMap((answer) => {
      if (!answer.ok) return [];
      const token = tokenOf(answer.value);
      const detail = answer.value.result === 'live' ? '' : detailOf(answer.value);
      return [{
        context: answer.context,
        adapter: answer.adapterId,
        result: answer.value.result,
        live: answer.value.result === 'live',
        ...(token === undefined ? {} : { token: toListedToken(token, nowMs) }),
        ...(detail === '' ? {} : { detail }),
        ...(same.has(answer.context) ? { sameTokenAs: same.get(answer.context) } : {}),
      }];
    }),
    errors: fleetErrors(search),
    ...unreadableJson(search),
  };
}

export function findExitCode(search: FleetSearch, allAnswered: boolean): number {
  if (!allAnswered) return ExitCode.backend;
  return search.answers.some((answer) => answer.ok && isTarget(answer.value)) ? ExitCode.ok : ExitCode.notFound;
}

function writeFindText(io: CommandContext['io'], search: FleetSearch): void {
  const same = sameTokenAs(search.answers);
  const detailWithTwin = (context: string, detail: string) => {
    const first = same.get(context);
    return first === undefined ? detail : [`the same token as in ${first} (one cluster or store)`, detail].filter((part) => part !== '').join('; ');
  };
  const rows = search.answers.flatMap((answer) => (answer.ok ? [[answer.context, FIND_RESULT_WORDS[answer.value.result], answer.adapterId, detailWithTwin(answer.context, detailOf(answer.value))]] : []));
  io.stdout.write(`Searched ${search.answers.length} context${search.answers.length === 1 ? '' : 's'} for ${leakedTokenLabel(search.leaked)} (the secret is compared, never shown).\n`);
  io.stdout.write(formatTable(FIND_TABLE_HEADERS, rows));
  const live = search.answers.filter((answer) => answer.ok && answer.value.result === 'live').map((answer) => answer.context);
  io.stdout.write(live.length === 0 ? 'Live in no context that answered.\n' : `LIVE in ${live.join(', ')}: revoke it with \`tokentui revoke --everywhere\` (the token on stdin again).\n`);
}

export const runFind: CommandRun = async (command) => {
  const search = await searchFleet(command, 'find');
  const { io, invocation, clock } = command;
  if (invocation.output === 'json') writeJson(io.stdout, findJson(search, clock.now()));
  else writeFindText(io, search);
  return findExitCode(search, searchedEverywhere(search, io.stderr));
};
