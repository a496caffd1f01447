// `tokentui serve`: the reference REST token server (src/server) in the foreground until
// SIGINT, SIGTERM or SIGHUP, then closed cleanly (exit 0). Bad flags exit 2 before anything
// listens; a port that cannot be bound exits 1. Startup lines (the URL and, when none was
// given, the generated API key, shown once) go to stderr with the request log.
import { resolve } from 'node:path';
import { ExitCode, TokenTuiError } from '../../core/errors.ts';
import { isLoopbackHost, parseListen } from '../../server/options.ts';
import { parseServeArgs, runMigrateOnly, runServe, ServeUsageError, type ServeArgs } from '../../server/serve-command.ts';
import { StoreUnavailableError } from '../../server/store/sql.ts';
import type { TokenServer } from '../../server/server.ts';
import { usageError, type CommandOptions, type GlobalOptions } from '../args.ts';
import type { StopSignal } from '../stop-signals.ts';
import type { CommandRun } from './command-run.ts';

const SERVE_HINT = "run 'tokentui serve --help'";

function flag(name: string, value: string | undefined): string[] {
  return value === undefined ? [] : [name, value];
}

/** The CLI's parsed options back into src/server's own flag parser, which owns their rules. */
export function serveArgsFrom(options: CommandOptions, cwd: string): ServeArgs {
  const argv = [
    ...flag('--listen', options.listen),
    ...flag('--db', options.db === undefined ? undefined : resolve(cwd, options.db)),
    ...flag('--database', options.database),
    ...flag('--database-url-file', options.databaseUrlFile === undefined ? undefined : resolve(cwd, options.databaseUrlFile)),
    ...flag('--max-connections', options.maxConnections),
    ...(options.migrateOnly ? ['--migrate-only'] : []),
    ...flag('--mode', options.mode),
    ...(options.apiKeyEnv ?? []).flatMap((spec) => ['--api-key-env', spec]),
    ...(options.readerKeyEnv ?? []).flatMap((spec) => ['--reader-key-env', spec]),
    ...flag('--redeem-rate', options.redeemRate),
    ...(options.allowRemote ? ['--allow-remote'] : []),
    ...(options.quiet ? ['--quiet'] : []),
  ];
  const args = withUsageErrors(() => parseServeArgs(argv));
  const { host } = withUsageErrors(() => parseListen(args.listen));
  if (!isLoopbackHost(host) && !args.allowRemote) {
    throw usageError(
      `refusing to listen on ${host}: the token server hands out join credentials, so it stays on loopback`,
      'add --allow-remote to listen beyond loopback (and put TLS in front of it)',
    );
  }
  return args;
}

function withUsageErrors<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    // src/server appends its usage line; the CLI points at --help instead.
    const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
    throw usageError(message, SERVE_HINT);
  }
}

async function startServer(args: ServeArgs, run: Parameters<CommandRun>[0]): Promise<TokenServer> {
  const toStderr = (line: string) => run.io.stderr.write(`${line}\n`);
  try {
    return await runServe(args, { env: { ...run.io.env }, stdout: toStderr, stderr: toStderr });
  } catch (error) {
    throw startFailure(error, args);
  }
}

function startFailure(error: unknown, args: ServeArgs): Error {
  if (error instanceof ServeUsageError) return usageError(error.message.split('\n')[0] ?? '', SERVE_HINT);
  // An errno (port taken, database file unreadable), a database's own error (it has a code) or
  // an unreachable database is the environment's failure: exit 1. Anything else is the server
  // refusing its configuration (e.g. an API key too short): exit 2.
  if (error instanceof StoreUnavailableError) {
    return new TokenTuiError('server', `${error.message}: ${error.detail}`, { source: 'serve', cause: error });
  }
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === undefined) return usageError(message, SERVE_HINT);
  const where = code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL' ? `cannot listen on ${args.listen}: ` : '';
  return new TokenTuiError('server', `${where}${message}`, { source: 'serve', cause: error });
}

/** serve is a backend, not a client: a target flag beside it is a mistake worth naming. */
function rejectTargetFlags(globals: GlobalOptions): void {
  const named: [string, boolean][] = [
    ['--context', globals.context !== undefined],
    ['--kubeconfig', globals.kubeconfig !== undefined],
    ['--adapter', globals.adapter !== undefined],
    ['--server', globals.server !== undefined],
    ['--demo', globals.demo],
    ['--readonly', globals.readonly],
  ];
  const used = named.find(([, given]) => given)?.[0];
  if (used !== undefined) throw usageError(`${used} is for clients; \`tokentui serve\` does not take it`, SERVE_HINT);
}

export const runServeCommand: CommandRun = async (run) => {
  const onStopSignal = run.io.onStopSignal;
  if (onStopSignal === undefined) {
    throw new TokenTuiError('unsupported', 'serve needs a process that can receive stop signals', { source: 'serve' });
  }
  rejectTargetFlags(run.invocation.globals);
  const args = serveArgsFrom(run.invocation.options, run.io.cwd);
  if (args.migrateOnly) {
    const toStderr = (line: string) => run.io.stderr.write(`${line}\n`);
    await runMigrateOnly(args, { env: { ...run.io.env }, stdout: toStderr, stderr: toStderr }).catch((error: unknown) => {
      throw startFailure(error, args);
    });
    return ExitCode.ok;
  }
  const server = await startServer(args, run);
  const closed = Promise.withResolvers<void>();
  const signal = await new Promise<StopSignal>((resolveSignal) => {
    const unsubscribe = onStopSignal(async (received) => {
      unsubscribe();
      resolveSignal(received);
      await closed.promise;
      return ExitCode.ok;
    });
  });
  run.io.stderr.write(`tokentui serve: ${signal} received, stopping\n`);
  try {
    await server.close();
  } finally {
    closed.resolve();
  }
  return ExitCode.ok;
};
