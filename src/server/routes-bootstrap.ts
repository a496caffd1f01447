// /api/v1/bootstrap: machines redeem a join token (no API key: the token is the credential).
// Rate-limited per client address before the body is even read.
import type { WireMachineEventData } from '../rest-contract/wire.ts';
import { ApiError } from './api-error.ts';
import { completeEnrollment, redeemToken, type EnrollmentChange } from './enrollment-store.ts';
import { readJsonBody, sendJson } from './http-io.ts';
import { parseBootstrapRequest, parseCompleteRequest } from './request-validation.ts';
import type { Route, RouteContext } from './router.ts';
import { publishTokenUpdated } from './routes-tokens.ts';
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

function publishEnrollment(deps: ServerDeps, change: EnrollmentChange): void {
  const data: WireMachineEventData = {
    machineId: change.result.machine.id,
    tokenId: change.token.id,
    machine: change.result.machine,
  };
  deps.hub.publish('machine.enrolled', data);
  publishTokenUpdated(deps, change.token);
  publishTokenUpdated(deps, change.previousToken);
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
        const change = redeemToken(deps.store, { ...input, client: context.client });
        publishEnrollment(deps, change);
        sendJson(context.response, 201, change.result);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/bootstrap/complete',
      access: 'public',
      handle: async (context) => {
        enforceRateLimit(deps, context);
        const input = parseCompleteRequest(await readJsonBody(context.request, deps.maxBodyBytes));
        const change = completeEnrollment(deps.store, { ...input, client: context.client });
        publishEnrollment(deps, change);
        sendJson(context.response, 200, change.result);
      },
    },
  ];
}
