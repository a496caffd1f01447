// The rest adapter's transport: one ky instance per adapter (bearer key, JSON, timeouts) and
// the mapping from HTTP outcomes to TokenTuiError kinds. The API key lives only in the
// request header; no message built here can contain it or a token secret, and ky's errors
// (which hold the Request, headers included) are never kept as a cause.
import ky, { isHTTPError, isNetworkError, isTimeoutError, type KyInstance } from 'ky';
import { TokenTuiError, toTokenTuiError, type ErrorKind } from '../../core/errors.ts';
import { serverWords } from '../../core/terminal-text.ts';
import { boundedFetch } from '../../kube/bounded-fetch.ts';
import { createServerAgent } from '../../kube/dispatcher.ts';
import { createHttpsFetch } from '../../kube/https-fetch.ts';
import { proxyFromEnvironment, type ProxyEnvironment } from '../../kube/proxy-environment.ts';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../kube/response-limits.ts';
import { MAX_RETRY_AFTER_MS, retryAfterBeyondCap, retryTooLongNote } from '../../kube/retry-after.ts';
import type { WireError } from '../../rest-contract/wire.ts';

export const REST_SOURCE = 'rest';
/** Bounds a whole request: the answer's head and its body (the event stream excepted). */
const REQUEST_TIMEOUT_MS = 15_000;
const RETRIED_STATUS_CODES = [502, 503, 504];

export interface RestHttpOptions {
  readonly server: string;
  readonly apiKey: string;
  readonly fetch?: typeof fetch;
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY, decided as kubectl decides them (default process.env). */
  readonly proxyEnv?: ProxyEnvironment;
  /** The cap on one answer's body (default DEFAULT_MAX_RESPONSE_BYTES). */
  readonly maxResponseBytes?: number;
}

/** The event stream is a body without an end: its reader caps each event instead. */
const isEventStream = (request: Request) => request.headers.get('accept') === 'text/event-stream';

/** Node's fetch ignores HTTPS_PROXY: with a proxy in play, requests go through our tunnelling agent. */
function proxiedFetch(server: string, env: ProxyEnvironment): typeof fetch | undefined {
  const proxy = proxyFromEnvironment(new URL(server), env);
  if (proxy === undefined) return undefined;
  const agent = createServerAgent({ server, proxy, rejectUnauthorized: true });
  return createHttpsFetch(() => agent) as typeof fetch;
}

export function createRestHttp(options: RestHttpOptions): KyInstance {
  const transport = options.fetch ?? proxiedFetch(options.server, options.proxyEnv ?? process.env) ?? globalThis.fetch.bind(globalThis);
  const fetchFunction = boundedFetch(transport, {
    source: REST_SOURCE,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    deadlineMs: REQUEST_TIMEOUT_MS,
    isStream: isEventStream,
  });
  return ky.create({
    prefix: `${options.server.replace(/\/+$/, '')}/api/v1/`,
    headers: { authorization: `Bearer ${options.apiKey}`, accept: 'application/json' },
    timeout: REQUEST_TIMEOUT_MS,
    // Reads are retried once on a gateway hiccup; mutations never (a mint must not repeat). A
    // Retry-After longer than MAX_RETRY_AFTER_MS is not waited out: the answer is the error.
    retry: {
      limit: 1,
      methods: ['get'],
      statusCodes: RETRIED_STATUS_CODES,
      maxRetryAfter: MAX_RETRY_AFTER_MS,
      shouldRetry: ({ error }) => (isHTTPError(error) && retryAfterBeyondCap(error.response.headers.get('retry-after'), Date.now()) !== undefined ? false : undefined),
    },
    fetch: fetchFunction as typeof fetch,
  });
}

function kindForStatus(status: number): ErrorKind {
  switch (status) {
    case 400:
    case 422:
      return 'validation';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 409:
    case 410:
    case 412:
      return 'conflict';
    case 428:
      return 'confirmation-required';
    case 429:
      return 'rate-limited';
    case 408:
    case 504:
      return 'timeout';
    default:
      // Any other answer (a redirect, 418, 5xx) is the server's surprise, never the user's input.
      return 'server';
  }
}

const HINTS: Partial<Record<ErrorKind, string>> = {
  unauthorized: 'check the API key configured for this context',
  forbidden: 'this API key is read-only; use an admin key to change tokens',
  'confirmation-required': 'request the impact preview first and revoke with its fingerprint',
  conflict: 'something changed since it was read; refresh and try again',
};

/** Contract field names -> CreateTokenRequest names, so the UI can point at its own input. */
const CORE_FIELD_NAMES: Readonly<Record<string, string>> = { ttlSeconds: 'ttl' };

function coreFieldName(field: unknown): string | undefined {
  if (typeof field !== 'string') return undefined;
  return CORE_FIELD_NAMES[field] ?? field;
}

function wireError(data: unknown): WireError | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const candidate = data as Partial<WireError>;
  return typeof candidate.message === 'string' ? (candidate as WireError) : undefined;
}

/** Any failure of a request as a TokenTuiError with source 'rest'. Aborts pass through unchanged. */
export function toRestError(error: unknown, server: string): unknown {
  if (error instanceof TokenTuiError) return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  if (isHTTPError(error)) {
    const status = error.response.status;
    const body = wireError(error.data);
    const kind = kindForStatus(status);
    const retryHeader = error.response.headers.get('retry-after');
    const retryAfter = Number(retryHeader);
    const field = coreFieldName(body?.details?.field);
    const tooLong = retryAfterBeyondCap(retryHeader, Date.now());
    // The server's words, defused and bounded: they are shown, journaled, and may be anything.
    const words = body === undefined || body.message.trim() === '' ? `HTTP ${status} from ${server}` : serverWords(body.message);
    return new TokenTuiError(kind, tooLong === undefined ? words : `${words} (HTTP ${status}; ${retryTooLongNote(tooLong)})`, {
      source: REST_SOURCE,
      hint: tooLong === undefined ? HINTS[kind] : 'try again later',
      httpStatus: status,
      field: field === undefined ? undefined : serverWords(field),
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    });
  }
  if (isTimeoutError(error)) {
    return new TokenTuiError('timeout', `no answer from ${server} within ${REQUEST_TIMEOUT_MS / 1000}s`, {
      source: REST_SOURCE,
    });
  }
  if (isNetworkError(error) || error instanceof TypeError) {
    return new TokenTuiError('transport', `cannot reach ${server}: ${networkReason(error)}`, {
      source: REST_SOURCE,
      hint: 'is the token server running, and is the server URL right?',
    });
  }
  return toTokenTuiError(error, REST_SOURCE);
}

/** The system error code (ECONNREFUSED, ENOTFOUND, ...) somewhere down the cause chain. */
function networkReason(error: Error): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    // A proxy's refusal says which proxy and why (it never holds the proxy's password).
    if (current.name === 'ProxyTunnelError') return current.message;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return error.message;
}

/** Runs one request, turning its failure into a TokenTuiError. */
export async function restCall<T>(server: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw toRestError(error, server);
  }
}
