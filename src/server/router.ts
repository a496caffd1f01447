// Routes as data: method, path pattern, who may call it, handler. The dispatcher turns every
// failure into the contract's {error, message, details} and logs one redacted line per request.
// HEAD is answered wherever GET is (node:http sends the headers and drops the body). A store
// that cannot serve (database unreachable, read-only, full) becomes 503 with the reason.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { redactSecrets } from '../core/bootstrap-token.ts';
import type { Clock } from '../core/clock.ts';
import { ApiError, echo } from './api-error.ts';
import { requireAdmin, type ApiKeyRing, type Operator } from './api-keys.ts';
import { sendError } from './http-io.ts';
import { StoreUnavailableError } from './store/sql.ts';

export type Access = 'public' | 'reader' | 'admin';

export interface RouteContext {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  /** Client address (rate limiting, audit). */
  readonly client: string | null;
  /** The authenticated operator; null on public routes. */
  readonly operator: Operator | null;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** `/api/v1/tokens/{id}` style; `{name}` matches one path segment. */
  readonly path: string;
  readonly access: Access;
  readonly handle: (context: RouteContext) => void | Promise<void>;
}

interface CompiledRoute extends Route {
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { ...route, pattern: new RegExp(`^${source}$`), names };
}

export interface RouterOptions {
  readonly keys: ApiKeyRing;
  readonly clock: Clock;
  readonly log?: (line: string) => void;
}

export function createRequestListener(routes: readonly Route[], options: RouterOptions) {
  const compiled = routes.map(compile);
  return (request: IncomingMessage, response: ServerResponse): void => {
    const startedAt = performance.now();
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (options.log) {
      const log = options.log;
      response.on('finish', () => {
        const elapsed = (performance.now() - startedAt).toFixed(1);
        // Paths hold only public ids, but a client may put anything there: redact regardless.
        log(redactSecrets(`${request.method} ${url.pathname} ${response.statusCode} ${elapsed}ms`));
      });
    }
    dispatch(compiled, options, request, response, url).catch((error: unknown) => {
      const apiError = toApiError(error);
      if (error instanceof StoreUnavailableError) options.log?.(redactSecrets(`database unavailable: ${error.detail}`));
      else if (!(error instanceof ApiError) && options.log) {
        options.log(redactSecrets(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
      }
      if (response.headersSent) response.destroy();
      else sendError(response, apiError);
    });
  };
}

export const UNAVAILABLE_RETRY_SECONDS = 2;

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof StoreUnavailableError) {
    return new ApiError(
      503,
      'unavailable',
      `${error.message}; try again shortly`,
      { reason: error.reason },
      { 'retry-after': String(UNAVAILABLE_RETRY_SECONDS) },
    );
  }
  return new ApiError(500, 'internal', 'internal server error; see the server log');
}

async function dispatch(
  routes: readonly CompiledRoute[],
  options: RouterOptions,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const candidates = routes
    .map((route) => ({ route, match: route.pattern.exec(url.pathname) }))
    .filter((candidate) => candidate.match !== null);
  if (candidates.length === 0) throw new ApiError(404, 'not_found', `no such endpoint: ${echo(url.pathname)}`);
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const found = candidates.find((candidate) => candidate.route.method === method);
  if (!found?.match) {
    const methods = candidates.map((candidate) => candidate.route.method);
    const allow = (methods.includes('GET') ? [...methods, 'HEAD'] : methods).join(', ');
    throw new ApiError(405, 'method_not_allowed', `${request.method} is not allowed here (allowed: ${allow})`, {}, { allow });
  }
  const { route, match } = found;
  const params: Record<string, string> = {};
  route.names.forEach((name, index) => {
    params[name] = decodePathSegment(match[index + 1] ?? '');
  });
  let operator: Operator | null = null;
  if (route.access !== 'public') {
    operator = options.keys.authenticate(request.headers);
    if (route.access === 'admin') requireAdmin(operator);
  }
  await route.handle({ request, response, url, params, client: request.socket.remoteAddress ?? null, operator });
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError(400, 'bad_request', 'malformed percent-encoding in the path');
  }
}
