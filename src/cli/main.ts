// The command line, as a function: argv and an io object in, an exit code out. src/process-main.ts
// binds it to the process; tests call it in-process.
import { systemClock } from '../core/clock.ts';
import { ExitCode, TokenTuiError } from '../core/errors.ts';
import { phaseMark } from '../core/phase-marks.ts';
import { setTerminalHandoff } from '../kube/exec-terminal.ts';
import { notAvailableError, parseCommandLine } from './args.ts';
import type { GlobalOptions, Invocation } from './args.ts';
import type { CommandName } from './command-table.ts';
import type { CommandRun } from './commands/command-run.ts';
import { runList } from './commands/list.ts';
import { contextPollIntervalMs, withContextReadonly } from './context-selection.ts';
import { contextChoices, createContextSwitcher } from './context-switch.ts';
import { fleetOfEveryContext, fleetRequested } from './fleet-contexts.ts';
import { isFreshMachine } from './demo-target.ts';
import { startFeedEarly, takeArrivedEvents } from './early-feed.ts';
import { reportError, warn } from './exit.ts';
import { commandHelp, generalHelp } from './help.ts';
import type { CliIo, TypeAheadHold } from './io.ts';
import { withTerminalSafeStreams } from './output.ts';
import { openTargetAdapter } from './target.ts';
import { readVersion } from './version.ts';

// `list` is in the start-up bundle: it is what competes with `kubeadm token list`. Every other
// command is loaded when it runs, so `list` never loads, parses or links their code (the
// operations, journals, rotation and impact modules: half of what start-up loaded).
const commandRuns: Partial<Record<CommandName, () => Promise<CommandRun>>> = {
  // -A / --contexts / --context-glob: loaded only then, so the one-context path stays as it was.
  list: async () => (command) => (fleetRequested(command.invocation.options) ? import('./commands/list-fleet.ts').then((fleet) => fleet.runFleetList(command)) : runList(command)),
  get: async () => (await import('./commands/get.ts')).runGet,
  create: async () => (await import('./commands/create.ts')).runCreate,
  impact: async () => (await import('./commands/impact.ts')).runImpact,
  revoke: async () => (await import('./commands/revoke.ts')).runRevoke,
  // kubectl's word: the same command, so the same gate.
  delete: async () => (await import('./commands/revoke.ts')).runRevoke,
  rotate: async () => (await import('./commands/rotate.ts')).runRotate,
  'make-default': async () => (await import('./commands/make-default.ts')).runMakeDefault,
  'server-ttl': async () => (await import('./commands/server-ttl.ts')).runServerTtl,
  contexts: async () => (await import('./commands/contexts.ts')).runContexts,
  find: async () => (await import('./commands/find.ts')).runFind,
  audit: async () => (await import('./commands/audit.ts')).runAudit,
  serve: async () => (await import('./commands/serve.ts')).runServeCommand,
  completion: async () => (await import('./commands/completion.ts')).runCompletion,
  version: async () => (await import('./commands/version.ts')).runVersion,
};

/** find, revoke --everywhere, and anything given -A, --contexts or --context-glob. */
function runsInSeveralContexts(invocation: Extract<Invocation, { kind: 'command' }>): boolean {
  const { command, options } = invocation;
  return command.name === 'find' || options.everywhere === true || fleetRequested(options);
}

/** Commands that never open a context's adapter (contexts reports a broken config.json itself). */
const commandsWithoutTarget: ReadonlySet<CommandName> = new Set(['contexts', 'audit', 'serve', 'completion', 'version']);

/** Printed after an implicit demo session (the alternate screen is gone by then). */
export const IMPLICIT_DEMO_NOTE =
  'that was the demo backend (no kubeconfig found); use --kubeconfig PATH or --server URL for real tokens';

export const NOT_A_TERMINAL_MESSAGE =
  'the interactive UI needs a terminal (stdin and stdout must be a TTY); use a subcommand: list, create, ...';

export async function main(argv: readonly string[], processIo: CliIo): Promise<number> {
  // One choke point for everything the command line prints (the TUI draws through Ink instead).
  const io = withTerminalSafeStreams(processIo);
  // A completion script asking what a Tab offers (commands/completion-scripts.ts): not a command
  // of the table, and never an error message on the user's prompt.
  if (argv[0] === '__complete') return (await import('./commands/completion.ts')).runCompleter(argv.slice(1), io);
  try {
    return await dispatch(parseCommandLine(argv), io);
  } catch (error) {
    return reportError(error, io.stderr, io.env);
  }
}

async function dispatch(invocation: Invocation, io: CliIo): Promise<number> {
  switch (invocation.kind) {
    case 'help':
      io.stdout.write(invocation.command ? commandHelp(invocation.command) : generalHelp());
      return ExitCode.ok;
    case 'version':
      io.stdout.write(`tokentui ${await readVersion()}\n`);
      return ExitCode.ok;
    case 'tui':
      return startTui(invocation.globals, io);
    case 'command': {
      const load = commandRuns[invocation.command.name];
      if (load === undefined) throw notAvailableError(invocation.command.name);
      const run = await load();
      const clock = io.clock ?? systemClock;
      // A saved context's read-only flag counts as --readonly: commands refuse mutations before
      // connecting. Not the remembered context's for a command that runs in several contexts:
      // there each context's own flag applies (fleet-contexts.ts), and --readonly to all.
      const oneContext = !commandsWithoutTarget.has(invocation.command.name) && !runsInSeveralContexts(invocation);
      const globals = oneContext ? await withContextReadonly(invocation.globals, io.env) : invocation.globals;
      const effective = { ...invocation, globals };
      return run({ invocation: effective, io, clock, openAdapter: (options) => openTargetAdapter(globals, io, clock, { ...options, onDoubt: (doubt) => warn(io.stderr, doubt) }) });
    }
  }
}

async function startTui(flags: GlobalOptions, io: CliIo): Promise<number> {
  if (!io.stdinIsTTY || !io.stdoutIsTTY) {
    // Plain stderr line (no hint): the message already says what to do.
    io.stderr.write(`tokentui: ${NOT_A_TERMINAL_MESSAGE}\n`);
    return ExitCode.invalidInput;
  }
  if (io.launchTui === undefined) throw new TokenTuiError('unsupported', 'the interactive UI is not available here', { source: 'cli' });
  phaseMark('tui-start');
  // From here until the first frame nothing the user types may echo into the screen; an
  // interactive credential plugin run while connecting (an MFA prompt) gets the terminal back.
  const typeAhead = io.holdTypeAhead?.();
  const unregister = typeAhead === undefined ? () => undefined : setTerminalHandoff(async (work) => {
    typeAhead.suspend();
    try {
      await work();
    } finally {
      typeAhead.resume();
    }
  }, false);
  try {
    return await launchWithHeldKeys(flags, io, io.launchTui, typeAhead, unregister);
  } catch (error) {
    unregister();
    typeAhead?.cancel();
    throw error;
  }
}

async function launchWithHeldKeys(flags: GlobalOptions, io: CliIo, launchTui: NonNullable<CliIo['launchTui']>, typeAhead: TypeAheadHold | undefined, releaseHandoff: () => void): Promise<number> {
  const clock = io.clock ?? systemClock;
  const globals = await withContextReadonly(flags, io.env);
  // A fresh machine (nothing to connect to) opens the demo: that is what `npm start` shows a newcomer.
  const implicitDemo = !globals.demo && (await isFreshMachine(globals, io.env));
  const target = implicitDemo ? { ...globals, demo: true } : globals;
  phaseMark('tui-open-adapter');
  // The feed starts now: its LIST travels (sent before the adapter is even chosen, listSoon)
  // while launchTui loads the UI's code.
  let doubt: string | undefined;
  const adapter = startFeedEarly(await openTargetAdapter(target, io, clock, { demoFeed: true, listSoon: 'watch', onDoubt: (why) => (doubt = why) }));
  phaseMark('tui-adapter-open');
  const pollIntervalMs = await contextPollIntervalMs(target, io.env);
  // The raw flags: a switched-to context gets its own read-only flag, not the start context's.
  const openContext = createContextSwitcher(flags, io, clock);
  let switchedAway = false; // the UI closes the adapter it leaves
  // From here the TUI lends the terminal to plugins itself (registerTerminalHandoff).
  releaseHandoff();
  try {
    return await launchTui({
      adapter,
      ...(typeAhead === undefined ? {} : { typeAhead }),
      takeArrivedEvents: () => takeArrivedEvents(adapter),
      readonly: target.readonly,
      noColor: target.noColor,
      demo: target.demo,
      contextLabel: adapter.target.context,
      localTime: target.localTime === true,
      clock,
      ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
      ...(doubt === undefined ? {} : { startupNote: doubt }),
      switchContext: async (name) => {
        const next = await openContext(name);
        switchedAway = true;
        return next;
      },
      // `:ctx -` back to where it started: the same flags (never --reset twice).
      reopenLaunch: async () => {
        const reopened = await openTargetAdapter({ ...target, reset: false }, io, clock, { demoFeed: true });
        switchedAway = true;
        return { adapter: reopened, readonly: target.readonly, contextLabel: reopened.target.context, demo: target.demo, ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }) };
      },
      listContexts: () => contextChoices(io),
      fleetMembers: () => fleetOfEveryContext(flags, io, clock),
         registerTerminalHandoff: setTerminalHandoff,
    });
  } finally {
    if (!switchedAway) await adapter.close?.();
    if (implicitDemo) io.stderr.write(`tokentui: ${IMPLICIT_DEMO_NOTE}\n`);
  }
}
