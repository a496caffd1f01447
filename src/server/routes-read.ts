// Read-only endpoints: health, readiness, capabilities, machines, audit log, event stream.
import type { WireCapabilities, WireMachineList } from '../rest-contract/wire.ts';
import type { Operator } from './api-keys.ts';
import { sendJson } from './http-io.ts';
import { queryInteger } from './request-validation.ts';
import { toApiError, type Route } from './router.ts';
import type { ServerDeps } from './server-deps.ts';
import { MAX_AUDIT_PAGE } from './store/audit.ts';
import { isoTime } from './store/records.ts';

const DEFAULT_AUDIT_PAGE = 100;

export function readRoutes(deps: ServerDeps): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/health',
      access: 'public',
      // Liveness only: the process answers. Whether it can do its job is /ready.
      handle: ({ response }) => sendJson(response, 200, { status: 'ok' }),
    },
    {
      method: 'GET',
      path: '/api/v1/ready',
      access: 'public',
      handle: async ({ response }) => {
        const problem = await deps.readiness.check();
        if (problem !== null) throw toApiError(problem);
        sendJson(response, 200, { status: 'ready' });
      },
    },
    {
      method: 'GET',
      path: '/api/v1/capabilities',
      access: 'reader',
      handle: ({ response }) => {
        const body: WireCapabilities = {
          apiVersion: 'v1',
          mode: deps.store.mode,
          makeDefault: true,
          impact: true,
          events: true,
          maxUses: true,
          replaces: true,
          ttl: deps.ttl,
          serverTime: isoTime(deps.clock.now()),
          secretCheck: true,
        };
        sendJson(response, 200, body);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/machines',
      access: 'reader',
      handle: async ({ response }) => {
        const body: WireMachineList = { items: await deps.store.listMachines() };
        sendJson(response, 200, body);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/audit',
      access: 'reader',
      handle: async ({ response, url }) => {
        const limit = queryInteger(url.searchParams, 'limit', DEFAULT_AUDIT_PAGE, MAX_AUDIT_PAGE) ?? DEFAULT_AUDIT_PAGE;
        const before = queryInteger(url.searchParams, 'before', null, Number.MAX_SAFE_INTEGER);
        sendJson(response, 200, await deps.store.auditPage(before, limit));
      },
    },
    {
      method: 'GET',
      path: '/api/v1/events',
      access: 'reader',
      handle: async ({ request, response, operator }) => {
        if (request.method === 'HEAD') {
          response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
          response.end();
          return;
        }
        await deps.hub.subscribe(request, response, (operator as Operator).name);
      },
    },
  ];
}
