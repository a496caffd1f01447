// Kubernetes `Status` answers -> TokenTuiError. Classified by `reason` first and the HTTP
// code second, as client-go does; the apiserver's own message is kept because it names the
// user, verb, resource and namespace better than anything we could rebuild.
import { TokenTuiError, type ErrorKind } from '../core/errors.ts';
import { serverWords } from '../core/terminal-text.ts';

export interface KubeStatus {
  readonly kind?: string;
  readonly status?: string;
  readonly message?: string;
  readonly reason?: string;
  readonly code?: number;
  readonly details?: {
    readonly name?: string;
    readonly kind?: string;
    readonly causes?: readonly { readonly type?: string; readonly message?: string; readonly field?: string }[];
    readonly retryAfterSeconds?: number;
  };
}

/** Where the request went: named in messages and hints. */
export interface KubeErrorContext {
  readonly source: string;
  readonly contextName: string;
  readonly sourceFile: string;
  readonly method?: string;
  readonly path?: string;
}

export interface KubeHttpFailure {
  readonly httpStatus: number;
  /** ky 2 `HTTPError.data`: the parsed JSON body, the text body, or undefined. */
  readonly body: unknown;
  readonly retryAfterHeader?: string | null;
}

const KIND_BY_REASON: Readonly<Record<string, ErrorKind>> = {
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  NotFound: 'not-found',
  AlreadyExists: 'already-exists',
  Conflict: 'conflict',
  Gone: 'conflict',
  Expired: 'conflict',
  Invalid: 'validation',
  BadRequest: 'validation',
  RequestEntityTooLarge: 'validation',
  MethodNotAllowed: 'unsupported',
  NotAcceptable: 'unsupported',
  UnsupportedMediaType: 'unsupported',
  TooManyRequests: 'rate-limited',
  InternalError: 'server',
  ServiceUnavailable: 'server',
  ServerTimeout: 'timeout',
  Timeout: 'timeout',
};

export function isKubeStatus(value: unknown): value is KubeStatus {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Status';
}

function kindFromHttp(httpStatus: number, method: string | undefined): ErrorKind {
  switch (httpStatus) {
    case 400:
    case 413:
    case 422:
      return 'validation';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    // client-go's generic fallback: a 409 on create means the name is taken.
    case 409:
      return method === 'POST' ? 'already-exists' : 'conflict';
    case 410:
      return 'conflict';
    case 405:
    case 406:
    case 415:
      return 'unsupported';
    case 429:
      return 'rate-limited';
    case 504:
      return 'timeout';
    default:
      return 'server';
  }
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(header: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/** Rebuilds the RBAC rule a 403 is missing from the apiserver's forbidden message. */
export function rbacHint(message: string, context: KubeErrorContext): string {
  const match = /(User|Group|ServiceAccount) "([^"]*)" cannot (\S+) resource "([^"]*)" in API group "([^"]*)"(?: in the namespace "([^"]*)")?/.exec(message);
  if (match === null) {
    return `the credentials of context "${context.contextName}" lack an RBAC permission; ask a cluster admin to grant it`;
  }
  const [, subjectKind, subject, verb, resource, apiGroup, namespace] = match;
  const scope = namespace === undefined
    ? 'a ClusterRole and ClusterRoleBinding'
    : `a Role and RoleBinding in namespace "${namespace}"`;
  return `ask a cluster admin to grant ${subjectKind} "${subject}" verb "${verb}" on resource "${resource}" (apiGroups: ["${apiGroup}"]) through ${scope}`;
}

function describeBody(body: unknown): string | undefined {
  if (typeof body === 'string') {
    const firstLine = body.trim().split('\n')[0]?.trim() ?? '';
    return firstLine === '' ? undefined : serverWords(firstLine.slice(0, 200));
  }
  if (typeof body === 'object' && body !== null) {
    const message = (body as { message?: unknown }).message;
    if (typeof message === 'string' && message !== '') return serverWords(message);
  }
  return undefined;
}

function validationMessage(status: KubeStatus, fallback: string): { message: string; field?: string } {
  const causes = Array.isArray(status.details?.causes) ? status.details.causes : [];
  const fields = causes.map((cause) => cause?.field).filter((field): field is string => typeof field === 'string' && field !== '').map(serverWords);
  const message = fallback;
  if (fields.length === 0) return { message };
  return { message: `${message} (invalid fields: ${[...new Set(fields)].join(', ')})`, field: fields[0] };
}

/** Maps a Status object alone (e.g. a watch ERROR event) to a TokenTuiError. */
export function errorFromStatus(status: KubeStatus, context: KubeErrorContext, failure?: KubeHttpFailure): TokenTuiError {
  const httpStatus = failure?.httpStatus ?? status.code ?? 500;
  // Own properties only: a Status whose reason is "constructor" must not pick a function.
  const known = typeof status.reason === 'string' && Object.hasOwn(KIND_BY_REASON, status.reason) ? KIND_BY_REASON[status.reason] : undefined;
  const kind = known ?? kindFromHttp(httpStatus, context.method);
  const request = context.method !== undefined && context.path !== undefined ? ` (${context.method} ${context.path})` : '';
  // The apiserver's words, defused and bounded: a server (or a proxy posing as one) may send anything.
  const reason = typeof status.reason === 'string' ? ` ${serverWords(status.reason)}` : '';
  const base = typeof status.message === 'string' && status.message !== '' ? serverWords(status.message) : `HTTP ${httpStatus}${reason}${request}`;
  const options = { source: context.source, httpStatus };
  switch (kind) {
    case 'unauthorized':
      return new TokenTuiError(kind, `${base}: the apiserver rejected the credentials of context "${context.contextName}"`, {
        ...options,
        hint: `check the credentials of context ${context.contextName} in ${context.sourceFile}`,
      });
    case 'forbidden':
      return new TokenTuiError(kind, base, { ...options, hint: rbacHint(base, context) });
    case 'validation': {
      const { message, field } = validationMessage(status, base);
      return new TokenTuiError(kind, message, { ...options, field });
    }
    case 'rate-limited': {
      const retryAfterSeconds = status.details?.retryAfterSeconds ?? parseRetryAfter(failure?.retryAfterHeader);
      return new TokenTuiError(kind, base, {
        ...options,
        retryAfterSeconds,
        hint: retryAfterSeconds === undefined ? 'the apiserver is throttling requests; try again shortly' : `try again in ${retryAfterSeconds} s`,
      });
    }
    case 'conflict':
      return new TokenTuiError(kind, base, {
        ...options,
        hint: httpStatus === 410 ? 'the resourceVersion expired: list again and watch from the new version' : 'the object changed meanwhile: reload and try again',
      });
    default:
      return new TokenTuiError(kind, base, options);
  }
}

/** Maps a non-2xx answer, whatever its body, to a TokenTuiError. */
export function errorFromHttpFailure(failure: KubeHttpFailure, context: KubeErrorContext): TokenTuiError {
  if (isKubeStatus(failure.body)) return errorFromStatus(failure.body, context, failure);
  const request = context.method !== undefined && context.path !== undefined ? ` for ${context.method} ${context.path}` : '';
  const text = describeBody(failure.body);
  const message = `HTTP ${failure.httpStatus}${request}${text === undefined ? '' : `: ${text}`}`;
  return errorFromStatus({ message, code: failure.httpStatus }, context, failure);
}
