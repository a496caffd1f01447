// Runs a client.authentication.k8s.io exec plugin as client-go runs it: KUBERNETES_EXEC_INFO with
// spec.interactive (and spec.cluster under provideClusterInfo), stdin given only to an
// interactive run (interactiveMode Never / IfAvailable / Always against whether stdin is a
// terminal), stderr always reaching the user (an AKS device-code prompt must be seen), and the
// installHint when the command is missing. Nothing is left behind: the timer is cleared and the
// child killed on every path, so a process exits as soon as its work is done.
import { TokenTuiError } from '../core/errors.ts';
import type { ExecCredentialConfig } from './connection.ts';
import { execCommandPath, parseExecCredential, redactPluginOutput, type ExecCredential } from './exec-credential.ts';
import { terminalHeldByUi, withTerminal } from './exec-terminal.ts';
import { nodeChildProcess, nodeTty } from './node-builtins.ts';

export interface ExecPluginContext {
  readonly source: string;
  readonly contextName: string;
  /** Bounds a run that cannot be waiting for the user (default 60 s: an SSO refresh may be slow). */
  readonly timeoutMs?: number;
  /** Aborting kills a plugin still running (the client was closed). */
  readonly signal?: AbortSignal;
  /** Where a non-interactive plugin's stderr is copied (default process.stderr; not while a UI holds the screen). */
  readonly stderr?: { write(text: string): unknown };
  /** Whether stdin is a terminal (default: asked of fd 0). */
  readonly stdinIsTerminal?: boolean;
}

const MAX_OUTPUT_BYTES = 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;

function fail(message: string, context: ExecPluginContext, options: { cause?: unknown; hint?: string } = {}): TokenTuiError {
  return new TokenTuiError('unauthorized', message, {
    source: context.source,
    cause: options.cause,
    hint: options.hint ?? `run the exec plugin of context "${context.contextName}" by hand to see why it fails`,
  });
}

function stdinIsTerminal(): boolean {
  return nodeTty().isatty(0);
}

/** client-go's rule: Never = no; IfAvailable = when stdin is a terminal; Always = must be one. */
export function isInteractive(exec: ExecCredentialConfig, terminal: boolean, context: ExecPluginContext): boolean {
  if (exec.interactiveMode === 'Never') return false;
  if (exec.interactiveMode === 'Always' && !terminal) {
    throw fail(`exec plugin "${exec.command}" of user "${exec.userName}" needs a terminal (interactiveMode: Always), and standard input is not one`, context, {
      hint: 'run tokentui from a terminal, or log in with the plugin (or kubectl) once first',
    });
  }
  return terminal;
}

/** KUBERNETES_EXEC_INFO as client-go sets it. */
export function execInfo(exec: ExecCredentialConfig, interactive: boolean): string {
  const spec = { interactive, ...(exec.cluster === undefined ? {} : { cluster: exec.cluster }) };
  return JSON.stringify({ apiVersion: exec.apiVersion, kind: 'ExecCredential', spec });
}

function notFound(exec: ExecCredentialConfig, context: ExecPluginContext, cause: unknown): TokenTuiError {
  const hint = exec.installHint?.trim() || `install it, or fix exec.command of user "${exec.userName}"`;
  return fail(`exec plugin "${exec.command}" of user "${exec.userName}" is not installed (not found${exec.command.includes('/') ? '' : ' on PATH'})`, context, { cause, hint });
}

interface RunMode {
  readonly interactive: boolean;
  /** Copy of stderr for a non-interactive run; undefined while a UI holds the screen. */
  readonly forward: { write(text: string): unknown } | undefined;
}

function spawnPlugin(exec: ExecCredentialConfig, context: ExecPluginContext, mode: RunMode): Promise<ExecCredential> {
  const env: NodeJS.ProcessEnv = { ...process.env, KUBERNETES_EXEC_INFO: execInfo(exec, mode.interactive) };
  for (const { name, value } of exec.env) env[name] = value;
  return new Promise((resolvePromise, reject) => {
    // An interactive run gets the terminal itself (stdin and stderr), as kubectl gives it.
    const stdio: ('inherit' | 'ignore' | 'pipe')[] = mode.interactive ? ['inherit', 'pipe', 'inherit'] : ['ignore', 'pipe', 'pipe'];
    const child = nodeChildProcess().spawn(execCommandPath(exec), [...exec.args], { env, stdio });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrBytes = 0;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      context.signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = () => {
      child.kill('SIGTERM');
      finish(() => reject(fail(`exec plugin "${exec.command}" was stopped: the client closed`, context)));
    };
    if (context.signal?.aborted) return onAbort();
    context.signal?.addEventListener('abort', onAbort, { once: true });
    // Nobody is waiting at the keyboard for a non-interactive run: bound it.
    if (!mode.interactive) {
      const timeoutMs = context.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      timer = setTimeout(() => {
        child.kill('SIGTERM');
        finish(() => reject(fail(`exec plugin "${exec.command}" did not finish within ${timeoutMs / 1000} s`, context)));
      }, timeoutMs);
    }
    child.stdout?.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes <= MAX_OUTPUT_BYTES) stdout.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      mode.forward?.write(chunk.toString('utf8'));
      stderrBytes += chunk.length;
      if (stderrBytes <= MAX_OUTPUT_BYTES) stderr.push(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish(() => reject(error.code === 'ENOENT' ? notFound(exec, context, error) : fail(`exec plugin "${exec.command}" could not start (${error.code ?? error.message})`, context, { cause: error })));
    });
    child.on('close', (exitCode, signal) => {
      finish(() => {
        const detail = redactPluginOutput(Buffer.concat(stderr).toString('utf8'));
        if (exitCode !== 0) {
          const how = signal !== null ? `was killed by ${signal}` : `exited with ${exitCode}`;
          reject(fail(`exec plugin "${exec.command}" ${how}${detail === '' ? '' : `: ${detail}`}`, context));
          return;
        }
        try {
          resolvePromise(parseExecCredential(Buffer.concat(stdout).toString('utf8'), exec.apiVersion));
        } catch (error) {
          reject(fail(`exec plugin "${exec.command}" failed: ${(error as Error).message}`, context, { cause: error }));
        }
      });
    });
  });
}

export async function runExecPlugin(exec: ExecCredentialConfig, context: ExecPluginContext): Promise<ExecCredential> {
  const interactive = isInteractive(exec, context.stdinIsTerminal ?? stdinIsTerminal(), context);
  if (interactive) return withTerminal(() => spawnPlugin(exec, context, { interactive: true, forward: undefined }));
  // Not interactive: stderr still reaches the user, except inside a UI's frame (then only errors quote it).
  const forward = terminalHeldByUi() ? undefined : (context.stderr ?? process.stderr);
  return spawnPlugin(exec, context, { interactive: false, forward });
}
