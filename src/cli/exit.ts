// Every failure ends here: one `tokentui: <message>` line, an optional `hint:` line, and
// the exit code (ExitCode in core/errors.ts, listed in the README). Stacks only with TOKENTUI_DEBUG=1, and never a secret.
import { redactSecrets } from '../core/bootstrap-token.ts';
import { ExitCode, isTokenTuiError } from '../core/errors.ts';
import type { ExitCodeValue } from '../core/errors.ts';
import type { CliEnv, TextSink } from './io.ts';
import { printable } from './output.ts';

/** An error message or hint is one line of at most this many characters (a server may send megabytes). */
export const MESSAGE_MAX_LENGTH = 1000;

// Messages may quote what a server sent: redact secrets, then show line breaks and terminal
// escapes as visible escapes, so a server cannot draw a fake line under ours.
function safeText(text: string): string {
  return printable(redactSecrets(text), MESSAGE_MAX_LENGTH);
}

export function reportError(error: unknown, stderr: TextSink, env: CliEnv): ExitCodeValue {
  if (isTokenTuiError(error)) {
    stderr.write(`tokentui: ${safeText(error.message)}\n`);
    if (error.hint) stderr.write(`hint: ${safeText(error.hint)}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    stderr.write(`tokentui: ${safeText(message)}\n`);
  }
  if (env.TOKENTUI_DEBUG === '1' && error instanceof Error && error.stack) {
    // A stack is many lines, each defused on its own.
    stderr.write(`${redactSecrets(error.stack).split('\n').map((line) => printable(line)).join('\n')}\n`);
  }
  return isTokenTuiError(error) ? error.exitCode : ExitCode.backend;
}

/** A failure that does not end the command (one part of several did not work): `tokentui: <message>`. */
export function failureLine(stderr: TextSink, message: string): void {
  stderr.write(`tokentui: ${safeText(message)}\n`);
}

export function warn(stderr: TextSink, message: string): void {
  stderr.write(`tokentui: warning: ${safeText(message)}\n`);
}
