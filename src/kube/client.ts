// The Kubernetes API transport over node:https agents that carry the kubeconfig's TLS settings,
// credentials per KubeAuth, Kubernetes Status answers mapped to TokenTuiError. Writes go through
// ky 2 (https-fetch.ts adapts it to the agents); every GET, watch streams included, goes through
// plain-get.ts, which keeps ky and Node's undici out of read-only commands and out of the TUI
// until its first write (see there why: the watch's ky import alone put the TUI's first frame
// with data 28 ms later, bench/ab-first-frame.mjs).
import type { HTTPError, TimeoutError } from 'ky';
import { TokenTuiError } from '../core/errors.ts';
import type { KubeConnection } from './connection.ts';
import { createCredentialSource, type CredentialOptions, type RequestCredential } from './credentials.ts';
import { createDispatcherPool } from './dispatcher.ts';
import { boundedFetch } from './bounded-fetch.ts';
import { impersonationHeaders } from './impersonation.ts';
import { LineTooLong, parseJsonLines } from './json-lines.ts';
import { createListBodyReader, JsonBodyError } from './list-body.ts';
import { plainGet, PlainTimeoutError, type PlainResponse } from './plain-get.ts';
import { DEFAULT_MAX_RESPONSE_BYTES, isRedirect, sameOriginRedirect } from './response-limits.ts';
import { MAX_RETRY_AFTER_MS, retryAfterBeyondCap, retryAfterMs, retryTooLongNote } from './retry-after.ts';
import { errorFromHttpFailure } from './status-error.ts';
import { findErrorCode, transportError, type TransportErrorContext } from './transport-error.ts';

export interface KubeRequestOptions {
  readonly searchParams?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly signal?: AbortSignal;
  /** Per-request timeout in ms (default 15 s). */
  readonly timeoutMs?: number;
  /**
   * A GET of a list only: each element of the answer's `items` is parsed and handed here as it
   * arrives (list-body.ts), and the answer returned has `items: []`. What it throws fails the request.
   */
  readonly onItem?: (item: unknown) => void;
}

export interface KubeClient {
  readonly connection: KubeConnection;
  /** JSON request; non-2xx answers throw a TokenTuiError mapped from the Kubernetes Status. */
  request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options?: KubeRequestOptions): Promise<T>;
  /** A watch stream: yields one parsed JSON object per line until the server closes or signal aborts. */
  stream(path: string, options?: KubeRequestOptions): AsyncIterable<unknown>;
  close(): Promise<void>;
}

export interface KubeClientOptions {
  /** The adapter id errors carry (default 'kubernetes'). */
  readonly source?: string;
  /** Delay before GET retry n (1-based) when the answer has no Retry-After; default 300 ms doubling. */
  readonly retryDelayMs?: (attempt: number) => number;
  /** Clock for exec credential expiry. */
  readonly now?: () => number;
  readonly userAgent?: string;
  /** How long close() lets requests in flight finish before cutting them off (default 2 s). */
  readonly closeGraceMs?: number;
  /** Exec plugins: where their stderr goes and whether stdin counts as a terminal (tests). */
  readonly plugin?: CredentialOptions['plugin'];
  /** The cap on one answer (a watch: on one event), in bytes; default DEFAULT_MAX_RESPONSE_BYTES. */
  readonly maxResponseBytes?: number;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const DEFAULT_TIMEOUT_MS = 15_000;
const RETRIED_STATUS_CODES = [429, 502, 503, 504];
/** Retries after the first attempt of a GET (never of a write). */
const GET_RETRY_LIMIT = 2;
const SOCKET_CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** A non-2xx answer to a plain GET, mapped like ky's HTTPError. */
class GetFailure extends Error {
  constructor(readonly response: PlainResponse) {
    super(`HTTP ${response.status}`);
  }
}

function statusBody(response: PlainResponse): unknown {
  if (response.text === '') return undefined;
  if (!response.contentType.includes('json')) return response.text;
  try {
    return JSON.parse(response.text) as unknown;
  } catch {
    return response.text;
  }
}

function isKyError<T extends HTTPError | TimeoutError>(error: unknown, name: T['name']): error is T {
  return error instanceof Error && error.name === name;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

// ky and its fetch adapter load Node's undici: imported on the first write or watch only.
let kyModules: Promise<[typeof import('ky'), typeof import('./https-fetch.ts')]> | undefined;
function loadKy() {
  kyModules ??= Promise.all([import('ky'), import('./https-fetch.ts')]);
  return kyModules;
}

export function createKubeClient(connection: KubeConnection, options: KubeClientOptions = {}): KubeClient {
  const source = options.source ?? 'kubernetes';
  const credentials = createCredentialSource(connection, { source, now: options.now, plugin: options.plugin });
  // On every request, watches included: acting as anyone else would be a broader identity.
  const impersonation = impersonationHeaders(connection.impersonate);
  const dispatchers = createDispatcherPool(connection);
  const openStreams = new Set<AbortController>();
  const pendingRequests = new Map<AbortController, Promise<unknown>>();
  let closing = false;
  const prefix = `${connection.server}/`;
  const userAgent = options.userAgent ?? 'tokentui';
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  const backoffMs = options.retryDelayMs ?? ((attempt: number) => 300 * 2 ** (attempt - 1));

  function transportContext(): TransportErrorContext {
    const { server, clusterName, contextName, sourceFile, proxy, tlsServerName } = connection;
    const trust = connection.insecureSkipTlsVerify ? 'insecure' : connection.caPem === undefined ? 'system' : 'kubeconfig';
    return { source, server, clusterName, contextName, sourceFile, trust, ...(proxy === undefined ? {} : { proxy }), ...(tlsServerName === undefined ? {} : { tlsServerName }) };
  }

  function toKubeError(error: unknown, method: Method, path: string, signal: AbortSignal | undefined, timeoutMs: number): unknown {
    if (error instanceof TokenTuiError) return error;
    // The caller's own abort is not a failure: hand back what they aborted with.
    if (signal?.aborted === true) return signal.reason ?? error;
    const context = { source, contextName: connection.contextName, sourceFile: connection.sourceFile, method, path };
    if (error instanceof GetFailure) {
      const { response } = error;
      return withRetryNote(errorFromHttpFailure({ httpStatus: response.status, body: statusBody(response), retryAfterHeader: response.retryAfter ?? null }, context), response.retryAfter);
    }
    if (isKyError<HTTPError>(error, 'HTTPError')) {
      const retryAfter = error.response.headers.get('retry-after');
      return withRetryNote(errorFromHttpFailure({ httpStatus: error.response.status, body: error.data, retryAfterHeader: retryAfter }, context), retryAfter);
    }
    if (error instanceof PlainTimeoutError || isKyError<TimeoutError>(error, 'TimeoutError')) {
      return new TokenTuiError('timeout', `no answer from ${connection.server} within ${timeoutMs / 1000} s (${method} ${path})`, { source, cause: error });
    }
    return transportError(error, transportContext());
  }

  function notJson(url: URL, size: string): TokenTuiError {
    // The body itself is left out: it may carry a Secret's data.
    return new TokenTuiError('server', `${connection.server} answered GET ${url.pathname} with a body that is not JSON (${size})`, { source });
  }

  function parseAnswer(response: PlainResponse, url: URL): unknown {
    if (response.read !== undefined) return response.read.value;
    if (response.text === '') return undefined;
    try {
      return JSON.parse(response.text);
    } catch {
      throw notJson(url, `${response.text.length} characters`);
    }
  }

  /** An answer whose Retry-After was too long to wait for says so, beside the server's words. */
  function withRetryNote(error: TokenTuiError, retryAfter: string | null | undefined): TokenTuiError {
    const seconds = retryAfterBeyondCap(retryAfter, Date.now());
    if (seconds === undefined) return error;
    const message = error.message.startsWith(`${source}: `) ? error.message.slice(source.length + 2) : error.message;
    return new TokenTuiError(error.kind, `${message} (${retryTooLongNote(seconds)})`, { source, httpStatus: error.httpStatus, retryAfterSeconds: seconds, hint: 'try again later', cause: error });
  }

  function headersFor(credential: RequestCredential): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': userAgent };
    if (credential.authorization !== undefined) headers.authorization = credential.authorization;
    return headers;
  }

  function agentFor(credential: RequestCredential) {
    return dispatchers.forCertificate({ certPem: credential.clientCertPem, keyPem: credential.clientKeyPem });
  }

  /**
   * A GET, following same-origin redirects only. Only GETs are retried (a POST or DELETE the
   * server may have applied must not run twice): on 429/502/503/504, waiting out a Retry-After
   * up to the cap, and once at once on a kept-alive socket the server closed (as client-go does).
   * With `stream`, a 2xx answer's body is returned open (a watch) instead of parsed.
   */
  async function sendGet(path: string, requestOptions: KubeRequestOptions, credential: RequestCredential, signal: AbortSignal, stream = false): Promise<unknown> {
    let url = new URL(path.replace(/^\/+/, ''), prefix);
    for (const [name, value] of Object.entries(requestOptions.searchParams ?? {})) url.searchParams.set(name, value);
    const timeoutMs = requestOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    for (let retry = 1, hops = 0; ; retry += 1) {
      let response: PlainResponse;
      // A list's items go to onItem as they arrive; a fresh reader for every attempt.
      const listReader = requestOptions.onItem === undefined ? undefined : createListBodyReader(requestOptions.onItem);
      try {
        response = await plainGet(url, { headers: { ...headersFor(credential), ...impersonation }, agent: agentFor(credential), signal, timeoutMs, maxResponseBytes, source, listReader, stream });
      } catch (error) {
        if (error instanceof JsonBodyError) throw notJson(url, error.message);
        // A kept-alive socket the server closed is worth one immediate retry (as client-go does),
        // unless items of its answer were handed over already: they would be handed over twice.
        const handedOver = (listReader?.itemCount ?? 0) > 0;
        if (retry === 1 && !handedOver && !signal.aborted && SOCKET_CLOSED_CODES.has(findErrorCode(error)?.code ?? '')) continue;
        throw error;
      }
      if (response.status >= 200 && response.status < 300) return response.body ?? parseAnswer(response, url);
      if (isRedirect(response.status)) {
        url = sameOriginRedirect({ source, method: 'GET', url: url.href }, response.location, hops);
        hops += 1;
        retry -= 1;
        continue;
      }
      if (retry > GET_RETRY_LIMIT || !RETRIED_STATUS_CODES.includes(response.status)) throw new GetFailure(response);
      // A Retry-After past the cap is not waited out (it could be a day): the answer is the error.
      if (retryAfterBeyondCap(response.retryAfter, Date.now()) !== undefined) throw new GetFailure(response);
      const after = retryAfterMs(response.retryAfter, Date.now());
      await abortableSleep(after === undefined ? backoffMs(retry) : Math.min(after, MAX_RETRY_AFTER_MS), signal);
    }
  }

  async function send(method: Method, path: string, requestOptions: KubeRequestOptions, credential: RequestCredential, signal: AbortSignal | undefined) {
    const [{ default: ky }, { createHttpsFetch }] = await loadKy();
    const headers = headersFor(credential);
    // The apiserver refuses a plain application/json PATCH; merge patch works on every resource.
    if (method === 'PATCH') headers['content-type'] = 'application/merge-patch+json';
    const timeout = requestOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return ky(path.replace(/^\/+/, ''), {
      prefix,
      method,
      headers,
      json: requestOptions.json,
      searchParams: requestOptions.searchParams === undefined ? undefined : { ...requestOptions.searchParams },
      signal,
      timeout,
      // Writes only (GETs go through sendGet): never retried, the server may have applied one.
      retry: 0,
      // Impersonate-* go around ky's Headers, which would join repeated groups into one line.
      fetch: boundedFetch(createHttpsFetch(() => agentFor(credential), impersonation), {
        source,
        maxResponseBytes,
        deadlineMs: timeout,
        isStream: () => false,
      }),
    });
  }

  function closedError(method: Method, path: string): TokenTuiError {
    return new TokenTuiError('transport', `the Kubernetes client was closed before ${method} ${path} finished`, { source });
  }

  async function attempt<T>(method: Method, path: string, requestOptions: KubeRequestOptions, stop: AbortSignal): Promise<T> {
    const signal = requestOptions.signal === undefined ? stop : AbortSignal.any([requestOptions.signal, stop]);
    const timeoutMs = requestOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    for (let round = 1; ; round += 1) {
      const credential = await credentials.current();
      try {
        if (method === 'GET') return (await sendGet(path, requestOptions, credential, signal)) as T;
        const text = await (await send(method, path, requestOptions, credential, signal)).text();
        return (text === '' ? undefined : JSON.parse(text)) as T;
      } catch (error) {
        if (stop.aborted) throw closedError(method, path);
        const mapped = toKubeError(error, method, path, requestOptions.signal, timeoutMs);
        // kubectl re-runs an exec plugin once when the apiserver rejects its credential.
        const refreshable = mapped instanceof TokenTuiError && mapped.httpStatus === 401 && round === 1;
        if (refreshable && credentials.invalidate()) continue;
        throw mapped;
      }
    }
  }

  async function request<T>(method: Method, path: string, requestOptions: KubeRequestOptions = {}): Promise<T> {
    if (closing) throw closedError(method, path);
    const stop = new AbortController();
    const work = attempt<T>(method, path, requestOptions, stop.signal);
    pendingRequests.set(stop, work.catch(() => undefined));
    try {
      return await work;
    } finally {
      pendingRequests.delete(stop);
    }
  }

  async function* stream(path: string, requestOptions: KubeRequestOptions = {}): AsyncGenerator<unknown, void, undefined> {
    if (closing) throw closedError('GET', path);
    const controller = new AbortController();
    const signal = requestOptions.signal === undefined ? controller.signal : AbortSignal.any([requestOptions.signal, controller.signal]);
    openStreams.add(controller);
    try {
      let body: AsyncIterable<Uint8Array> | undefined;
      for (let round = 1; body === undefined; round += 1) {
        const credential = await credentials.current();
        try {
          // The timeout bounds the wait for the response head only; a watch body runs until closed.
          body = (await sendGet(path, requestOptions, credential, signal, true)) as AsyncIterable<Uint8Array>;
        } catch (error) {
          if (signal.aborted) return;
          const mapped = toKubeError(error, 'GET', path, signal, requestOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS);
          // As for requests: a plugin's credential the apiserver rejects is fetched afresh once.
          if (mapped instanceof TokenTuiError && mapped.httpStatus === 401 && round === 1 && credentials.invalidate()) continue;
          throw mapped;
        }
      }
      try {
        yield* parseJsonLines(body, maxResponseBytes);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof SyntaxError) throw new TokenTuiError('server', `${connection.server}: ${error.message}`, { source, cause: error });
        if (error instanceof LineTooLong) throw new TokenTuiError('server', `${connection.server}: ${error.message}; refused`, { source, hint: 'if the server really sends that much, raise TOKENTUI_MAX_RESPONSE_SIZE' });
        throw transportError(error, transportContext());
      }
    } finally {
      // Leaving early (break, abort, error) must drop the connection, not leave it streaming.
      controller.abort();
      openStreams.delete(controller);
    }
  }

  return {
    connection,
    request,
    stream,
    async close() {
      closing = true;
      for (const controller of openStreams) controller.abort();
      // Requests in flight may finish within the grace period (a DELETE the user confirmed
      // should land); after it they are cut off so that closing never hangs.
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise((resolve) => {
        timer = setTimeout(resolve, options.closeGraceMs ?? 2_000);
      });
      await Promise.race([Promise.allSettled(pendingRequests.values()), graceOver]);
      clearTimeout(timer);
      for (const stop of pendingRequests.keys()) stop.abort();
      credentials.close();
      await dispatchers.close();
    },
  };
}
