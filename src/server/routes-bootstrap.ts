// /api/v1/bootstrap: machines redeem a join token (no API key: the token is the credential).
// Rate-limited per client address before the body is even read.
import { ApiError } from './api-error.ts';
import { readJsonBody, sendJson } from './http-io.ts';
import { parseBootstrapRequest, parseCompleteRequest } from './request-validation.ts';
import type { Route, RouteContext } from './router.ts';
import type { ServerDeps } from './server-deps.ts';

function enforceRateLimit(deps: ServerDeps, context: RouteContext): void {
  const decision = deps.limiter.take(context.client ?? 'unknown');
  if (decision.allowed) return;
  throw new ApiError(
    429,
    'rate_limited',
    `too many redemption attempts from this address; retry in ${decision.retryAfterSeconds}s`,
    { retryAfterSeconds: decision.retryAfterSeconds },
    { 'retry-after': String(decision.retryAfterSeconds) },
  );
}

export function bootstrapRoutes(deps: ServerDeps): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/bootstrap',
      access: 'public',
      handle: async (context) => {
        enforceRateLimit(deps, context);
        const input = parseBootstrapRequest(await readJsonBody(context.request, deps.maxBodyBytes));
        sendJson(context.response, 201, await deps.store.redeem({ ...input, client: context.client }));
      },
    },
    {
      method: 'POST',
      path: '/api/v1/bootstrap/complete',
      access: 'public',
      handle: async (context) => {
        enforceRateLimit(deps, context);
        const input = parseCompleteRequest(await readJsonBody(context.request, deps.maxBodyBytes));
        sendJson(context.response, 200, await deps.store.completeEnrollment({ ...input, client: context.client }));
      },
    },
  ];
}
