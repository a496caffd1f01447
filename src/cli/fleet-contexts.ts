// Which contexts a fleet command (`list -A`, `find`, `revoke --everywhere`) runs in: every saved
// and discovered context (-A / --all-contexts), the ones named (--contexts a,b), or the ones a glob
// matches (--context-glob 'prod-*'); each opened exactly as `--context NAME` opens it, with its
// own read-only flag. Names that match nothing are refused before anything connects.
import type { FleetMember } from '../adapters/operations/fleet.ts';
import { DEFAULT_CONTEXT_TIMEOUT_MS } from '../adapters/operations/fleet.ts';
import type { Clock } from '../core/clock.ts';
import { parseDuration } from '../core/duration.ts';
import { TokenTuiError } from '../core/errors.ts';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { usageError } from './args.ts';
import { failureLine, warn } from './exit.ts';
import type { CommandOptions, GlobalOptions } from './args.ts';
import type { OpenOptions } from '../adapters/definition.ts';
import { targetFromDiscovered } from '../adapters/targets.ts';
import { listContextsAndProblems, type ListedContext } from './commands/contexts.ts';
import { savedTarget, type ContextTarget } from './context-selection.ts';
import type { CliIo } from './io.ts';
import { openContextTarget } from './target.ts';

export type FleetSelection = Pick<CommandOptions, 'allContexts' | 'contexts' | 'contextGlob' | 'contextTimeout'>;

/** True when the options ask for more than the one context the global flags name. */
export function fleetRequested(options: FleetSelection): boolean {
  return options.allContexts === true || options.contexts !== undefined || options.contextGlob !== undefined;
}

/** `prod-*`, `lab-?`: shell-style, anchored, nothing else special. */
export function globMatcher(glob: string): (name: string) => boolean {
  const pattern = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  const regex = new RegExp(`^${pattern}$`);
  return (name) => regex.test(name);
}

/** --context-timeout (default 5 s), in ms. */
export function contextTimeoutMs(options: FleetSelection): number {
  if (options.contextTimeout === undefined) return DEFAULT_CONTEXT_TIMEOUT_MS;
  const parsed = parseDuration(options.contextTimeout);
  const seconds = parsed.ok ? parsed.seconds : null;
  if (!parsed.ok || seconds === null || seconds < 1 || seconds > 300) {
    throw usageError(`--context-timeout: ${parsed.ok ? 'it must be between 1s and 5m' : parsed.error}`, 'e.g. --context-timeout 10s (default 5s)');
  }
  return seconds * 1000;
}

function rejectConflicts(globals: GlobalOptions, options: FleetSelection, command: string | undefined): void {
  const chosen = [options.allContexts === true ? '-A' : null, options.contexts === undefined ? null : '--contexts', options.contextGlob === undefined ? null : '--context-glob'].filter((flag) => flag !== null);
  if (chosen.length > 1) throw usageError(`${chosen.join(' and ')} are alternatives; give one`, '-A for every context, --contexts a,b for some, --context-glob PATTERN for a pattern');
  const several = command === undefined ? (chosen[0] ?? 'this command') : `\`tokentui ${command}\``;
  if (globals.context !== undefined) throw usageError(`--context names one context; ${several} runs in several`, 'use --contexts NAME to name the one');
  if (globals.server !== undefined || globals.demo) throw usageError(`${several} runs in saved and discovered contexts; --server and --demo name one target`, 'save it first: tokentui contexts add NAME ...');
}

/** The contexts a fleet command runs in, and what could not be read while finding them. */
export interface ChosenContexts {
  readonly contexts: readonly ListedContext[];
  /** One line per file that could not be read or parsed ("kubeconfig PATH: ..."): its contexts are missing. */
  readonly problems: readonly string[];
  /**
   * A problem may hide a context this selection holds (-A and a glob mean every context there
   * is): the fleet is incomplete, and the command exits 1 as when a context does not answer.
   * Names given with --contexts were all found, so their answer is whole: warnings only.
   */
  readonly incomplete: boolean;
}

/** The contexts asked for, in the listing's order (saved first, then discovered); config.json is read once. */
/** `command`: the command that runs in several contexts by itself (find), for the messages. */
export async function fleetContexts(globals: GlobalOptions, options: FleetSelection, io: Pick<CliIo, 'env' | 'cwd'>, command?: string): Promise<ChosenContexts> {
  rejectConflicts(globals, options, command);
  // An explicit --kubeconfig that is not there is a typo to fix, not an empty fleet to report.
  if (globals.kubeconfig !== undefined && !existsSync(resolve(io.cwd, globals.kubeconfig))) {
    throw usageError(`--kubeconfig ${globals.kubeconfig}: no such file`, 'give the path of an existing kubeconfig, or leave --kubeconfig out to ask every saved and discovered context');
  }
  const { contexts: listed, problems } = await listContextsAndProblems(globals, io.env, io.cwd);
  const known = listed.map((context) => context.name);
  const named = (names: readonly string[]) => names.map((name) => listed.find((context) => context.name === name)!);
  // A context that is missing may be in a file that did not parse: say which.
  const unreadable = problems.length === 0 ? '' : `; unreadable: ${problems.join('; ')}`;
  if (options.contexts !== undefined) {
    const wanted = options.contexts.split(',').map((name) => name.trim()).filter((name) => name !== '');
    if (wanted.length === 0) throw usageError('--contexts needs at least one name', 'e.g. --contexts prod-eu,prod-us');
    const unknown = wanted.filter((name) => !known.includes(name));
    if (unknown.length > 0) throw usageError(`--contexts: no saved or discovered context named ${unknown.map((name) => `"${name}"`).join(', ')}${unreadable}`, "run 'tokentui contexts' to see them");
    return { contexts: named([...new Set(wanted)]), problems, incomplete: false };
  }
  if (options.contextGlob !== undefined) {
    const matches = known.filter(globMatcher(options.contextGlob));
    if (matches.length === 0) throw usageError(`--context-glob "${options.contextGlob}" matches no saved or discovered context${unreadable}`, "run 'tokentui contexts' to see them");
    return { contexts: named(matches), problems, incomplete: problems.length > 0 };
  }
  if (known.length === 0) throw usageError(`there are no saved or discovered contexts to ask${unreadable}`, 'tokentui contexts add NAME ..., or a kubeconfig in $KUBECONFIG');
  return { contexts: listed, problems, incomplete: problems.length > 0 };
}

/**
 * Prints what could not be read: for an incomplete fleet, a line each as a context that did not
 * answer costs one (the command then exits 1); otherwise a warning each. True when complete.
 */
export function reportSelectionProblems(chosen: ChosenContexts, stderr: CliIo['stderr']): boolean {
  for (const problem of chosen.problems) {
    if (chosen.incomplete) failureLine(stderr, `${problem} (its contexts were not asked)`);
    else warn(stderr, problem);
  }
  return !chosen.incomplete;
}

/** The target of a listed context, resolved as `--context NAME` resolves it (from the listing: no second read). */
function targetOf(context: ListedContext, globals: GlobalOptions, io: Pick<CliIo, 'env' | 'cwd'>): ContextTarget {
  if (context.saved !== undefined) return { resolved: savedTarget(context.saved, globals, { env: io.env, cwd: io.cwd }), savedName: context.name };
  const discovered = targetFromDiscovered(context.name, globals.adapter, { env: io.env, cwd: io.cwd });
  if (discovered === undefined) throw usageError(`context "${context.name}" is no longer there`, "run 'tokentui contexts'");
  return { resolved: discovered };
}

/**
 * Whether every one of these contexts is of a kind whose connections name their CA (a
 * kubeconfig's: TargetKind.namesItsTrust), so Node's default store is never used and the process
 * may skip building it (kube/default-trust.ts). A context that does not resolve, or any other
 * kind (a REST server may rely on that store), answers false.
 */
export function everyContextNamesItsTrust(contexts: readonly ResolvedFleetContext[]): boolean {
  return contexts.every(({ target }) => 'resolved' in target && target.resolved.definition.target.namesItsTrust === true);
}

/** A chosen context and its target, resolved once for everything a fleet command asks of it. */
export interface ResolvedFleetContext {
  readonly context: ListedContext;
  /** Or why it does not resolve (a broken saved context): that member fails when opened. */
  readonly target: ContextTarget | { readonly error: unknown };
}

/** Each context's target, as `--context NAME` resolves it (files only: no request). */
export function resolveFleet(contexts: readonly ListedContext[], globals: GlobalOptions, io: Pick<CliIo, 'env' | 'cwd'>): ResolvedFleetContext[] {
  return contexts.map((context) => {
    try {
      return { context, target: targetOf(context, globals, io) };
    } catch (error) {
      return { context, target: { error } };
    }
  });
}

/**
 * One member per context, each opened as `--context NAME` opens it, with its own read-only flag.
 * A context that cannot even be resolved (a broken saved one) fails as that member, not the fleet.
 */
export function fleetMembers(globals: GlobalOptions, contexts: readonly ResolvedFleetContext[], io: Pick<CliIo, 'env' | 'cwd'>, clock: Clock, openOptions: OpenOptions = {}): FleetMember[] {
  return contexts.map(({ context, target }) => ({
    context: context.name,
    readonly: globals.readonly || context.readonly,
    open: async () => {
      if ('error' in target) throw target.error;
      return openContextTarget(target, io, clock, openOptions);
    },
  }));
}

/**
 * A file that could not be read, as fleet mode shows it: a member that never opens, named by the
 * file ("kubeconfig PATH"), so the strip shows it failed and :find lists it as not searched,
 * where the CLI prints a line for it. Read-only: there is nothing in it to act on.
 */
export function unreadableMember(problem: string): FleetMember {
  const source = /^(.+?): /.exec(problem)?.[1] ?? problem;
  return {
    context: source,
    readonly: true,
    open: () => Promise.reject(new TokenTuiError('usage', problem, { hint: "fix the file; 'tokentui contexts' lists what it could read" })),
  };
}

/** The TUI's fleet mode: every saved and discovered context; start-up flags that name one target do not carry over. */
export async function fleetOfEveryContext(flags: GlobalOptions, io: Pick<CliIo, 'env' | 'cwd'>, clock: Clock): Promise<FleetMember[]> {
  const globals: GlobalOptions = { readonly: flags.readonly, noColor: flags.noColor, demo: false, ...(flags.kubeconfig === undefined ? {} : { kubeconfig: flags.kubeconfig }) };
  const chosen = await fleetContexts(globals, { allContexts: true }, io);
  return [...fleetMembers(globals, resolveFleet(chosen.contexts, globals, io), io, clock), ...chosen.problems.map(unreadableMember)];
}
