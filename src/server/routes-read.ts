// Read-only endpoints: health, capabilities, machines, audit log, event stream.
import type { WireCapabilities, WireMachineList } from '../rest-contract/wire.ts';
import { ApiError } from './api-error.ts';
import { MAX_AUDIT_PAGE, readAuditPage } from './audit-log.ts';
import { listMachines } from './enrollment-store.ts';
import { sendJson } from './http-io.ts';
import { isoTime } from './records.ts';
import { queryInteger } from './request-validation.ts';
import type { Route } from './router.ts';
import type { ServerDeps } from './server-deps.ts';

const DEFAULT_AUDIT_PAGE = 100;

export function readRoutes(deps: ServerDeps): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/health',
      access: 'public',
      handle: ({ response }) => sendJson(response, 200, { status: 'ok' }),
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
          ttl: deps.ttl,
          serverTime: isoTime(deps.store.clock.now()),
        };
        sendJson(response, 200, body);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/machines',
      access: 'reader',
      handle: ({ response }) => {
        const body: WireMachineList = { items: listMachines(deps.store) };
        sendJson(response, 200, body);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/audit',
      access: 'reader',
      handle: ({ response, url }) => {
        const limit = queryInteger(url.searchParams, 'limit', DEFAULT_AUDIT_PAGE, MAX_AUDIT_PAGE) ?? DEFAULT_AUDIT_PAGE;
        const before = queryInteger(url.searchParams, 'before', null, Number.MAX_SAFE_INTEGER);
        sendJson(response, 200, readAuditPage(deps.store.sql, before, limit));
      },
    },
    {
      method: 'GET',
      path: '/api/v1/events',
      access: 'reader',
      handle: ({ request, response }) => {
        if (!deps.hub.subscribe(request, response)) {
          throw new ApiError(503, 'unavailable', 'too many event stream subscribers; retry later', {}, { 'retry-after': '5' });
        }
      },
    },
  ];
}
