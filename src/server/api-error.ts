// An error the server answers with: HTTP status, a stable machine-readable code, a message
// for people and optional details ({error, message, details} on the wire). Messages never
// contain a secret: they are built from ids and field names only, and anything a client
// sent (a path segment that may be a pasted token) goes through echo() first.
import { redactSecrets } from '../core/bootstrap-token.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

export function validationError(field: string, message: string): ApiError {
  return new ApiError(422, 'validation_failed', message, { field });
}

/** A client-supplied value made safe to repeat in a message: secrets masked, length bounded. */
export function echo(value: string): string {
  const redacted = redactSecrets(value);
  return redacted.length > 64 ? `${redacted.slice(0, 64)}…` : redacted;
}

export function notFound(what: string): ApiError {
  return new ApiError(404, 'not_found', `${what} not found`);
}
