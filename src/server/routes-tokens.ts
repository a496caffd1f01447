// /api/v1/tokens: list, get, mint, impact, make-default, preview-gated revoke. The store
// publishes each change's events itself, in the change's transaction.
import type { Operator } from './api-keys.ts';
import { readJsonBody, sendEmpty, sendJson } from './http-io.ts';
import { parseCreateTokenRequest, parseSecretCheckRequest } from './request-validation.ts';
import type { Route, RouteContext } from './router.ts';
import type { ServerDeps } from './server-deps.ts';

function operatorOf(context: RouteContext): { actor: string; client: string | null } {
  return { actor: (context.operator as Operator).name, client: context.client };
}

function idOf(context: RouteContext): string {
  return context.params.id ?? '';
}

export function tokenRoutes(deps: ServerDeps): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/tokens',
      access: 'reader',
      handle: async ({ response }) => sendJson(response, 200, await deps.store.listTokens()),
    },
    {
      method: 'POST',
      path: '/api/v1/tokens',
      access: 'admin',
      handle: async (context) => {
        const input = parseCreateTokenRequest(await readJsonBody(context.request, deps.maxBodyBytes), deps.ttl);
        const created = await deps.store.mintToken({ ...input, ...operatorOf(context) });
        sendJson(context.response, 201, created, { location: `/api/v1/tokens/${created.token.id}` });
      },
    },
    {
      method: 'GET',
      path: '/api/v1/tokens/{id}',
      access: 'reader',
      handle: async (context) => {
        const token = await deps.store.getToken(idOf(context));
        sendJson(context.response, 200, token, { etag: token.etag });
      },
    },
    {
      method: 'GET',
      path: '/api/v1/tokens/{id}/impact',
      access: 'reader',
      handle: async (context) => {
        const impact = await deps.store.computeImpact(idOf(context));
        sendJson(context.response, 200, impact, { etag: impact.etag });
      },
    },
    {
      // A read: nothing changes, so a reader key may ask (tokentui find).
      method: 'POST',
      path: '/api/v1/tokens/{id}/secret-check',
      access: 'reader',
      handle: async (context) => {
        const hash = parseSecretCheckRequest(await readJsonBody(context.request, deps.maxBodyBytes));
        sendJson(context.response, 200, await deps.store.checkTokenSecret(idOf(context), hash));
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/tokens/{id}',
      access: 'admin',
      handle: async (context) => {
        await deps.store.revokeToken(idOf(context), context.request.headers['if-match'], operatorOf(context));
        sendEmpty(context.response, 204);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/tokens/{id}/make-default',
      access: 'admin',
      handle: async (context) => {
        const token = await deps.store.makeDefault(idOf(context), operatorOf(context));
        sendJson(context.response, 200, token, { etag: token.etag });
      },
    },
  ];
}
