// The Kubernetes API transport: ky 2 over node:https agents (https-fetch.ts) that carry the kubeconfig's
// TLS settings, credentials per KubeAuth, Kubernetes Status answers mapped to TokenTuiError.
import ky, { HTTPError, TimeoutError, type RetryOptions } from 'ky';
import { TokenTuiError } from '../core/errors.ts';
import type { KubeConnection } from './connection.ts';
import { createCredentialSource, type RequestCredential } from './credentials.ts';
import { createDispatcherPool } from './dispatcher.ts';
import { createHttpsFetch } from './https-fetch.ts';
import { parseJsonLines } from './json-lines.ts';
import { errorFromHttpFailure } from './status-error.ts';
import { findErrorCode, transportError } from './transport-error.ts';

export interface KubeRequestOptions {
  readonly searchParams?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly signal?: AbortSignal;
  /** Per-request timeout in ms (default 15 s). */
  readonly timeoutMs?: number;
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
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const DEFAULT_TIMEOUT_MS = 15_000;
const RETRIED_STATUS_CODES = [429, 502, 503, 504];
const SOCKET_CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

export function createKubeClient(connection: KubeConnection, options: KubeClientOptions = {}): KubeClient {
  const source = options.source ?? 'kubernetes';
  const credentials = createCredentialSource(connection, { source, now: options.now });
  const dispatchers = createDispatcherPool(connection);
  const openStreams = new Set<AbortController>();
  const pendingRequests = new Map<AbortController, Promise<unknown>>();
  let closing = false;
  const prefix = `${connection.server}/`;
  const userAgent = options.userAgent ?? 'tokentui';

  const backoffMs = options.retryDelayMs ?? ((attempt: number) => 300 * 2 ** (attempt - 1));

  // Only GET is retried: a POST or DELETE the server may have applied must not run twice.
  // Built per request because the delay depends on what failed.
  function getRetry(): RetryOptions {
    let socketClosed = false;
    return {
      limit: 2,
      methods: ['get'],
      statusCodes: RETRIED_STATUS_CODES,
      afterStatusCodes: RETRIED_STATUS_CODES,
      maxRetryAfter: 10_000,
      delay: (attempt) => (socketClosed ? 0 : backoffMs(attempt)),
      shouldRetry: ({ error, retryCount }) => {
        socketClosed = false;
        if (error instanceof HTTPError) return undefined;
        // A kept-alive socket the server closed is worth one immediate retry (client-go
        // retries GETs on connection reset too); a refused connection is reported at once.
        socketClosed = retryCount === 1 && SOCKET_CLOSED_CODES.has(findErrorCode(error)?.code ?? '');
        return socketClosed;
      },
    };
  }

  function toKubeError(error: unknown, method: Method, path: string, signal: AbortSignal | undefined, timeoutMs: number): unknown {
    if (error instanceof TokenTuiError) return error;
    // The caller's own abort is not a failure: hand back what they aborted with.
    if (signal?.aborted === true) return signal.reason ?? error;
    const context = { source, contextName: connection.contextName, sourceFile: connection.sourceFile, method, path };
    if (error instanceof HTTPError) {
      return errorFromHttpFailure(
        { httpStatus: error.response.status, body: error.data, retryAfterHeader: error.response.headers.get('retry-after') },
        context,
      );
    }
    if (error instanceof TimeoutError) {
      return new TokenTuiError('timeout', `no answer from ${connection.server} within ${timeoutMs / 1000} s (${method} ${path})`, { source, cause: error });
    }
    return transportError(error, { ...context, server: connection.server, clusterName: connection.clusterName });
  }

  function send(method: Method, path: string, requestOptions: KubeRequestOptions, credential: RequestCredential, signal: AbortSignal | undefined) {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': userAgent };
    if (credential.authorization !== undefined) headers.authorization = credential.authorization;
    // The apiserver refuses a plain application/json PATCH; merge patch works on every resource.
    if (method === 'PATCH') headers['content-type'] = 'application/merge-patch+json';
    return ky(path.replace(/^\/+/, ''), {
      prefix,
      method,
      headers,
      json: requestOptions.json,
      searchParams: requestOptions.searchParams === undefined ? undefined : { ...requestOptions.searchParams },
      signal,
      timeout: requestOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry: method === 'GET' ? getRetry() : 0,
      fetch: createHttpsFetch(() => dispatchers.forCertificate({ certPem: credential.clientCertPem, keyPem: credential.clientKeyPem })),
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
        const text = await send(method, path, requestOptions, credential, signal).text();
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
      const credential = await credentials.current();
      let response: Response;
      try {
        // The timeout bounds the wait for the response head only; a watch body runs until closed.
        response = await send('GET', path, { ...requestOptions, json: undefined }, credential, signal);
      } catch (error) {
        if (signal.aborted) return;
        throw toKubeError(error, 'GET', path, signal, requestOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      }
      if (response.body === null) return;
      try {
        yield* parseJsonLines(response.body);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof SyntaxError) throw new TokenTuiError('server', `${connection.server}: ${error.message}`, { source, cause: error });
        throw transportError(error, { source, server: connection.server, clusterName: connection.clusterName, contextName: connection.contextName, sourceFile: connection.sourceFile });
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
      await dispatchers.close();
    },
  };
}
