// Domain errors: every failure an adapter or command can report, classified so the CLI
// can pick an exit code and the UI can show the right screen. Messages are redacted at
// construction, so no secret can travel inside an error.
import { redactSecrets } from './bootstrap-token.ts';

export type ErrorKind =
  | 'not-found'
  | 'already-exists'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'validation'
  | 'unsupported'
  | 'transport'
  | 'timeout'
  | 'rate-limited'
  | 'server'
  | 'confirmation-required'
  | 'usage';

/** The exit codes every subcommand uses (README "Using it"). */
export const ExitCode = {
  ok: 0,
  backend: 1,
  invalidInput: 2,
  confirmationRequired: 3,
  notFound: 4,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface TokenTuiErrorOptions {
  /** The adapter (or 'cli', 'config') the error comes from. */
  readonly source?: string;
  /** What the user can do about it. */
  readonly hint?: string;
  /** For validation errors: the field at fault. */
  readonly field?: string;
  readonly retryAfterSeconds?: number;
  readonly httpStatus?: number;
  readonly cause?: unknown;
}

export class TokenTuiError extends Error {
  readonly kind: ErrorKind;
  readonly source: string | undefined;
  readonly hint: string | undefined;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly httpStatus: number | undefined;

  constructor(kind: ErrorKind, message: string, options: TokenTuiErrorOptions = {}) {
    const prefix = options.source ? `${options.source}: ` : '';
    super(redactSecrets(prefix + message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TokenTuiError';
    this.kind = kind;
    this.source = options.source;
    this.hint = options.hint === undefined ? undefined : redactSecrets(options.hint);
    this.field = options.field;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.httpStatus = options.httpStatus;
  }

  get exitCode(): ExitCodeValue {
    return exitCodeFor(this.kind);
  }
}

export function exitCodeFor(kind: ErrorKind): ExitCodeValue {
  switch (kind) {
    case 'not-found':
      return ExitCode.notFound;
    case 'validation':
    case 'usage':
      return ExitCode.invalidInput;
    case 'confirmation-required':
      return ExitCode.confirmationRequired;
    case 'already-exists':
    case 'conflict':
    case 'unauthorized':
    case 'forbidden':
    case 'unsupported':
    case 'transport':
    case 'timeout':
    case 'rate-limited':
    case 'server':
      return ExitCode.backend;
  }
}

export const HELP_HINT = "run 'tokentui --help'";

/** Invalid input on the command line or in a context (exit 2): one line naming the flag or field, and the fix. */
export function usageError(message: string, hint: string = HELP_HINT): TokenTuiError {
  return new TokenTuiError('usage', message, { hint });
}

export function isTokenTuiError(value: unknown): value is TokenTuiError {
  return value instanceof TokenTuiError;
}

/** What a thrown value says: an Error's message, anything else as a string. */
export function errorMessage(value: unknown): string {
  return value instanceof Error ? value.message : String(value);
}

/** Any thrown value as a TokenTuiError (unknown failures count as backend failures). */
export function toTokenTuiError(value: unknown, source?: string): TokenTuiError {
  if (value instanceof TokenTuiError) return value;
  return new TokenTuiError('server', errorMessage(value), { source, cause: value });
}
