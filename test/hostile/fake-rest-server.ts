// A REST token server that speaks the contract's shapes but says whatever a test wants in them:
// the hostile REST server of the hostile-server suites (in-process here, and driven by the built
// CLI in test/real/hostile-*.test.ts). Routes not scripted answer as a well-behaved server would.
import type { ServerResponse } from 'node:http';
import type { WireCapabilities, WireToken } from '../../src/rest-contract/wire.ts';
import { sendJson, startHostileServer, type HostileRequest, type HostileServer } from '../support/hostile-server.ts';

export const API_KEY = 'ttk_hostile-suite-key';

export function wireCapabilities(overrides: Partial<WireCapabilities> = {}): WireCapabilities {
  return {
    apiVersion: 'v1',
    mode: 'unique',
    makeDefault: true,
    impact: true,
    events: false,
    maxUses: true,
    ttl: { defaultSeconds: 900, minSeconds: 60, maxSeconds: null, allowNever: true },
    serverTime: new Date().toISOString(),
    ...overrides,
  };
}

export function wireToken(id: string, overrides: Record<string, unknown> = {}): WireToken {
  return {
    id,
    description: '',
    scope: '',
    createdAt: new Date().toISOString(),
    createdBy: 'admin',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    maxUses: null,
    uses: 0,
    usesRemaining: null,
    status: 'active',
    isDefault: false,
    etag: `"etag-${id}"`,
    ...overrides,
  } as WireToken;
}

export type Route = (request: HostileRequest, response: ServerResponse) => boolean | Promise<boolean>;

/** A route for `/api/v1/tokens` (with `method`, only that method) that answers with `answer`. */
export function tokensRoute(answer: (request: HostileRequest, response: ServerResponse) => void | Promise<void>, method?: string): Route {
  return async (request, response) => {
    if (request.path !== '/api/v1/tokens' || (method !== undefined && request.method !== method)) return false;
    await answer(request, response);
    return true;
  };
}

/** The REST contract's error body. */
export function wireError(error: string, message: string): { error: string; message: string; details: Record<string, never> } {
  return { error, message, details: {} };
}

export interface FakeRestServer extends HostileServer {
  /** The tokens GET /api/v1/tokens lists (well-formed unless a test puts something else in). */
  tokens: unknown[];
  /** Tried before the well-behaved routes; return true when it answered. */
  route(route: Route): void;
}

export async function startFakeRestServer(): Promise<FakeRestServer> {
  let scripted: Route = () => false;
  const state = { tokens: [] as unknown[] };
  const server = await startHostileServer(async (request, response) => {
    if (await scripted(request, response)) return;
    if (request.headers.authorization !== `Bearer ${API_KEY}`) return sendJson(response, 401, { error: 'unauthorized', message: 'no key', details: {} });
    if (request.method === 'GET' && request.path === '/api/v1/capabilities') return sendJson(response, 200, wireCapabilities());
    if (request.method === 'GET' && request.path === '/api/v1/tokens') return sendJson(response, 200, { items: state.tokens, eventSeq: 0 });
    sendJson(response, 404, { error: 'not_found', message: 'no such route', details: {} });
  });
  return {
    url: server.url,
    requests: server.requests,
    get bytesSent() {
      return server.bytesSent;
    },
    handle: server.handle,
    close: server.close,
    get tokens() {
      return state.tokens;
    },
    set tokens(tokens: unknown[]) {
      state.tokens = tokens;
    },
    route(route: Route) {
      scripted = route;
    },
  };
}
