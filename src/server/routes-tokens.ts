// /api/v1/tokens: list, get, mint, impact, make-default, preview-gated revoke.
import type { WireTokenEventData, WireTokenList, WireToken } from '../rest-contract/wire.ts';
import type { Operator } from './api-keys.ts';
import { readJsonBody, sendEmpty, sendJson } from './http-io.ts';
import type { Route, RouteContext } from './router.ts';
import type { ServerDeps } from './server-deps.ts';
import { parseCreateTokenRequest } from './request-validation.ts';
import { computeImpact, getToken, listTokens, makeDefaultToken, mintToken, revokeToken } from './token-store.ts';

function operatorOf(context: RouteContext): { actor: string; client: string | null } {
  return { actor: (context.operator as Operator).name, client: context.client };
}

function idOf(context: RouteContext): string {
  return context.params.id ?? '';
}

export function publishTokenUpdated(deps: ServerDeps, token: WireToken | null): void {
  if (token === null) return;
  const data: WireTokenEventData = { tokenId: token.id, token };
  deps.hub.publish('token.updated', data);
}

export function tokenRoutes(deps: ServerDeps): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/tokens',
      access: 'reader',
      handle: ({ response }) => {
        // Both read in the same tick as any write's publish, so eventSeq matches the items.
        const body: WireTokenList = { items: listTokens(deps.store), eventSeq: deps.hub.lastSeq };
        sendJson(response, 200, body);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/tokens',
      access: 'admin',
      handle: async (context) => {
        const input = parseCreateTokenRequest(await readJsonBody(context.request, deps.maxBodyBytes), deps.ttl);
        const created = mintToken(deps.store, { ...input, ...operatorOf(context) });
        const data: WireTokenEventData = { tokenId: created.token.id, token: created.token };
        deps.hub.publish('token.created', data);
        sendJson(context.response, 201, created, { location: `/api/v1/tokens/${created.token.id}` });
      },
    },
    {
      method: 'GET',
      path: '/api/v1/tokens/{id}',
      access: 'reader',
      handle: (context) => {
        const token = getToken(deps.store, idOf(context));
        sendJson(context.response, 200, token, { etag: token.etag });
      },
    },
    {
      method: 'GET',
      path: '/api/v1/tokens/{id}/impact',
      access: 'reader',
      handle: (context) => {
        const impact = computeImpact(deps.store, idOf(context));
        sendJson(context.response, 200, impact, { etag: impact.etag });
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/tokens/{id}',
      access: 'admin',
      handle: (context) => {
        const id = idOf(context);
        revokeToken(deps.store, id, context.request.headers['if-match'], operatorOf(context));
        const data: WireTokenEventData = { tokenId: id };
        deps.hub.publish('token.revoked', data);
        sendEmpty(context.response, 204);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/tokens/{id}/make-default',
      access: 'admin',
      handle: (context) => {
        const result = makeDefaultToken(deps.store, idOf(context), operatorOf(context));
        publishTokenUpdated(deps, result.token);
        publishTokenUpdated(deps, result.previousDefault);
        sendJson(context.response, 200, result.token, { etag: result.token.etag });
      },
    },
  ];
}
