// The rest adapter: any token service speaking docs/rest-contract.openapi.yaml, including the
// project's reference server (src/server). Capabilities come from the server at creation.
//
// Revocation is gated by the server: DELETE needs If-Match with the ETag of an impact preview.
// The flow is impact(id) -> show the preview -> revoke(id, fingerprintToRevision(preview.fingerprint)) (fingerprint = `${id}:${etag}`).
// A token's `revision.version` is the same ETag (while nothing changed), so revoke(id, token.revision)
// also works, and a stale one gives 'conflict' ("changed since the preview"). revoke(id) with
// no `expected` is the contract's unconditional revoke: the adapter reads a fresh ETag itself;
// showing the preview first is then the caller's job (core/revoke-policy.ts). A server answer
// of 428 (no precondition) maps to 'confirmation-required'.
import { createHash } from 'node:crypto';
import type { KyInstance } from 'ky';
import { TokenTuiError } from '../../core/errors.ts';
import type { CreatedToken, CreateTokenRequest } from '../../core/token.ts';
import type { AdapterDeps, TokenAdapter } from '../contract.ts';
import { createRestHttp, REST_SOURCE, restCall } from './http.ts';
import { buildJoinCommand } from './join-command.ts';
import { toCapabilities, toImpactPreview, toToken } from './mapping.ts';
import { watchRestTokens, type BackoffSleep } from './watch.ts';
import { readCapabilities, readCreatedToken, readImpact, readSecretCheck, readToken, readTokenList, readWire, type Reader } from './wire-check.ts';
import type { WireCreateTokenRequest, WireImpact } from '../../rest-contract/wire.ts';

export interface RestSettings {
  readonly adapter: 'rest';
  readonly context: string;
  /** Base URL of the token server, e.g. `http://127.0.0.1:7480`. */
  readonly server: string;
  readonly apiKey: string;
}

export type RestDeps = AdapterDeps & {
  /** Transport override (fault injection in tests); default the global fetch. */
  readonly fetch?: typeof fetch;
  /** Where HTTPS_PROXY / NO_PROXY come from (default process.env). */
  readonly proxyEnv?: Readonly<Record<string, string | undefined>>;
  readonly backoffSleep?: BackoffSleep;
  readonly random?: () => number;
};

function tokenPath(id: string): string {
  return `tokens/${encodeURIComponent(id)}`;
}

function toWireCreateRequest(request: CreateTokenRequest, recordsReplaces: boolean): WireCreateTokenRequest {
  for (const field of ['usages', 'groups'] as const) {
    if ((request[field]?.length ?? 0) > 0) {
      throw new TokenTuiError('validation', `rest tokens have no ${field}; use scope instead`, { source: REST_SOURCE, field });
    }
  }
  // A server without the capability may refuse the field: say so rather than send it.
  if (request.replaces !== undefined && !recordsReplaces) {
    throw new TokenTuiError('validation', 'this server does not record which token a new one replaces', { source: REST_SOURCE, field: 'replaces' });
  }
  const { scope, maxUses } = request.fields ?? {};
  return {
    ttlSeconds: request.ttlSeconds,
    description: request.description,
    ...(typeof maxUses === 'number' || maxUses === null ? { maxUses } : {}),
    ...(typeof scope === 'string' ? { scope } : {}),
    ...(request.replaces === undefined ? {} : { replaces: request.replaces }),
  };
}

export async function createRestAdapter(settings: RestSettings, deps: RestDeps): Promise<TokenAdapter> {
  const server = settings.server.replace(/\/+$/, '');
  const http: KyInstance = createRestHttp({
    server,
    apiKey: settings.apiKey,
    fetch: deps.fetch,
    maxResponseBytes: deps.limits?.maxResponseBytes,
    ...(deps.proxyEnv === undefined ? {} : { proxyEnv: deps.proxyEnv }),
  });
  const call = <T>(request: () => Promise<T>) => restCall(server, request);
  /** A request whose answer is checked against the contract before anything reads it. */
  const checked = <T>(read: Reader<T>, what: string, request: () => Promise<unknown>) => call(async () => readWire(read, await request(), server, what));
  const capabilities = toCapabilities(await checked(readCapabilities, 'GET /api/v1/capabilities', () => http.get('capabilities').json()));
  const listWire = (signal?: AbortSignal) => checked(readTokenList, 'GET /api/v1/tokens', () => http.get('tokens', { signal }).json());
  const impactOf = async (id: string): Promise<WireImpact> => {
    const impact = await checked(readImpact, `GET /api/v1/tokens/${id}/impact`, () => http.get(`${tokenPath(id)}/impact`).json());
    if (impact.tokenId !== id) throw new TokenTuiError('server', `${server} answered the impact preview of token ${id} with token ${impact.tokenId}'s`, { source: REST_SOURCE, field: 'tokenId' });
    return impact;
  };

  const adapter: TokenAdapter = {
    id: 'rest',
    capabilities,
    target: { context: settings.context, server },
    list: async (signal) => (await listWire(signal)).items.map(toToken),
    get: async (id, signal) => toToken(await checked(readToken, `GET /api/v1/tokens/${id}`, () => http.get(tokenPath(id), { signal }).json())),
    create: async (request): Promise<CreatedToken> => {
      const json = toWireCreateRequest(request, capabilities.recordsReplaces === true);
      // The secret is checked against the contract's pattern before anyone can print, copy or paste it.
      const created = await checked(readCreatedToken, 'POST /api/v1/tokens', () => http.post('tokens', { json }).json());
      return { token: toToken(created.token), secret: created.secret };
    },
    joinCommand: async (created) => buildJoinCommand(server, created.secret),
  };
  if (capabilities.impactPreview) {
    adapter.impact = async (id) => toImpactPreview(await impactOf(id));
    adapter.revoke = async (id, expected) => {
      // Revisions of rest tokens are their own ids (ids are never reused): another uid is another token.
      if (expected !== undefined && expected.uid !== id) {
        throw new TokenTuiError('conflict', `the revision given is not token ${id}'s; review the impact preview again`, {
          source: REST_SOURCE,
        });
      }
      // Without `expected` the caller asks for an unconditional revoke (contract.ts): the
      // precondition is then a fresh preview's ETag, read just before the DELETE.
      const etag = expected?.version ?? (await impactOf(id)).etag;
      try {
        await call(() => http.delete(tokenPath(id), { headers: { 'if-match': etag } }));
      } catch (error) {
        if (error instanceof TokenTuiError && error.httpStatus === 412) {
          throw new TokenTuiError('conflict', `token ${id} changed since the preview; review the new impact preview`, {
            source: REST_SOURCE,
            httpStatus: 412,
            hint: 'open the impact preview again',
          });
        }
        throw error;
      }
    };
  }
  if (capabilities.secretCheck === true) {
    // Only the SHA-256 of the whole secret (`<id>.<16 chars>`) leaves this process; the server
    // compares it with its stored hash in constant time.
    adapter.checkSecret = async (id, secret, signal) => {
      const secretSha256 = createHash('sha256').update(`${id}.${secret}`, 'utf8').digest('hex');
      const answer = await checked(readSecretCheck, `POST /api/v1/tokens/${id}/secret-check`, () => http.post(`${tokenPath(id)}/secret-check`, { json: { secretSha256 }, signal }).json());
      if (answer.token.id !== id) throw new TokenTuiError('server', `${server} answered the secret check of token ${id} with token ${answer.token.id}`, { source: REST_SOURCE, field: 'token.id' });
      return { token: toToken(answer.token), matches: answer.matches };
    };
  }
  if (capabilities.makeDefault) {
    adapter.makeDefault = async (id) => {
      await checked(readToken, `POST /api/v1/tokens/${id}/make-default`, () => http.post(`${tokenPath(id)}/make-default`).json());
    };
  }
  if (capabilities.watch) {
    adapter.watch = (listener, signal) =>
      watchRestTokens({ http, server, list: (watchSignal) => listWire(watchSignal), maxEventBytes: deps.limits?.maxResponseBytes }, listener, signal, {
        clock: deps.clock,
        sleep: deps.backoffSleep,
        random: deps.random,
      });
  }
  return adapter;
}
