// The bootstrap-token Secrets through the Kubernetes API, the way kubeadm uses them
// (type bootstrap.kubernetes.io/token in kube-system), plus preconditioned deletes for impact-gated revokes.
import { BOOTSTRAP_SECRET_TYPE, generateTokenId, generateTokenSecret } from '../../core/bootstrap-token.ts';
import type { Clock } from '../../core/clock.ts';
import { isTokenTuiError, TokenTuiError } from '../../core/errors.ts';
import type { CreatedToken, CreateTokenRequest, Token, TokenRevision } from '../../core/token.ts';
import type { KubeClient } from '../../kube/client.ts';
import { withEarlyGet } from '../../kube/early-get.ts';
import {
  buildTokenSecret,
  KUBEADM_SOURCE,
  secretNameForId,
  secretToToken,
  validateCreateRequest,
  type SecretObject,
} from './secret-mapping.ts';

export const SECRETS_PATH = '/api/v1/namespaces/kube-system/secrets';
export const TOKEN_FIELD_SELECTOR = `type=${BOOTSTRAP_SECRET_TYPE}`;
/** Attempts with fresh ids when a generated id is taken (a 1 in 36^6 event, or a race). */
export const CREATE_ATTEMPTS = 3;

/**
 * The client with the token LIST already sent (kube/early-get.ts): the next unpaged list() gets
 * its answer. For callers that know they will list before they know which adapter they open.
 */
export function withTokenListSent(client: KubeClient): KubeClient {
  return withEarlyGet(client, SECRETS_PATH, { fieldSelector: TOKEN_FIELD_SELECTOR });
}

interface SecretList {
  readonly metadata?: { readonly resourceVersion?: string; readonly continue?: string };
  readonly items?: readonly SecretObject[];
}

export interface TokenListing {
  readonly tokens: readonly Token[];
  /** The collection's resourceVersion: where a watch picks up after this list. */
  readonly resourceVersion: string;
}

export interface GeneratedCredentials {
  readonly id: string;
  readonly secret: string;
}

export interface TokensApiOptions {
  readonly clock: Clock;
  /** Injectable so tests can force id collisions. */
  readonly generateCredentials?: () => GeneratedCredentials;
}

export interface TokensApi {
  /** One LIST; with `pageSize`, pages of that size (`limit`/`continue`) to bound peak memory. */
  list(signal?: AbortSignal, options?: { readonly pageSize?: number }): Promise<TokenListing>;
  get(id: string, signal?: AbortSignal): Promise<Token>;
  create(request: CreateTokenRequest): Promise<CreatedToken>;
  revoke(id: string, expected?: TokenRevision): Promise<void>;
}

const generateCredentialsDefault = (): GeneratedCredentials => ({ id: generateTokenId(), secret: generateTokenSecret() });

function hasKind(error: unknown, kind: TokenTuiError['kind']): error is TokenTuiError {
  return isTokenTuiError(error) && error.kind === kind;
}

export function createTokensApi(client: KubeClient, options: TokensApiOptions): TokensApi {
  const generateCredentials = options.generateCredentials ?? generateCredentialsDefault;
  const secretPath = (id: string) => `${SECRETS_PATH}/${encodeURIComponent(secretNameForId(id))}`;

  async function list(signal?: AbortSignal, options: { readonly pageSize?: number } = {}): Promise<TokenListing> {
    const tokens: Token[] = [];
    let continueToken: string | undefined;
    let resourceVersion = '';
    do {
      const searchParams: Record<string, string> = { fieldSelector: TOKEN_FIELD_SELECTOR };
      if (options.pageSize !== undefined) searchParams.limit = String(options.pageSize);
      if (continueToken !== undefined) searchParams.continue = continueToken;
      // Secrets are mapped page by page, so a 10,000-token list never holds all raw Secrets
      // (about 12 MB of JSON) at once. Pages of one list share one consistent snapshot.
      const response = await client.request<SecretList>('GET', SECRETS_PATH, { searchParams, signal });
      for (const item of response.items ?? []) tokens.push(secretToToken(item));
      resourceVersion = response.metadata?.resourceVersion ?? resourceVersion;
      continueToken = response.metadata?.continue || undefined;
    } while (continueToken !== undefined);
    return { tokens, resourceVersion };
  }

  async function get(id: string, signal?: AbortSignal): Promise<Token> {
    try {
      return secretToToken(await client.request<SecretObject>('GET', secretPath(id), { signal }));
    } catch (error) {
      if (hasKind(error, 'not-found')) throw tokenNotFound(id, error);
      throw error;
    }
  }

  async function idIsTaken(id: string): Promise<boolean> {
    try {
      await client.request('GET', secretPath(id));
      return true;
    } catch (error) {
      if (hasKind(error, 'not-found')) return false;
      throw error;
    }
  }

  async function create(request: CreateTokenRequest): Promise<CreatedToken> {
    const resolved = validateCreateRequest(request);
    for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      const { id, secret } = generateCredentials();
      // Like kubeadm: GET first so an existing token is never overwritten, then a plain POST
      // whose 409 AlreadyExists catches the race in between.
      if (await idIsTaken(id)) continue;
      try {
        const body = buildTokenSecret(id, secret, resolved, options.clock.now());
        const stored = await client.request<SecretObject>('POST', SECRETS_PATH, { json: body });
        return { token: secretToToken(stored), secret: `${id}.${secret}` };
      } catch (error) {
        if (!hasKind(error, 'already-exists')) throw error;
      }
    }
    throw new TokenTuiError('already-exists', `every generated token id was already taken (${CREATE_ATTEMPTS} attempts)`, {
      source: KUBEADM_SOURCE,
      hint: 'try again; if it keeps happening, something is creating bootstrap tokens very fast',
    });
  }

  async function revoke(id: string, expected?: TokenRevision): Promise<void> {
    const deleteOptions =
      expected === undefined
        ? undefined
        : {
            kind: 'DeleteOptions',
            apiVersion: 'v1',
            preconditions: { uid: expected.uid, resourceVersion: expected.version },
          };
    try {
      await client.request('DELETE', secretPath(id), deleteOptions === undefined ? {} : { json: deleteOptions });
    } catch (error) {
      if (hasKind(error, 'not-found')) throw tokenNotFound(id, error);
      if (expected !== undefined && hasKind(error, 'conflict')) {
        throw new TokenTuiError('conflict', `token ${id} changed since it was read (re-created or modified); nothing was deleted`, {
          source: KUBEADM_SOURCE,
          hint: 'list the tokens again, check the impact, then revoke',
          httpStatus: error.httpStatus,
          cause: error,
        });
      }
      throw error;
    }
  }

  return { list, get, create, revoke };
}

function tokenNotFound(id: string, cause: TokenTuiError): TokenTuiError {
  return new TokenTuiError('not-found', `token ${id} not found (no Secret kube-system/${secretNameForId(id)})`, {
    source: KUBEADM_SOURCE,
    hint: 'list the tokens to see the ids that exist; expired tokens are deleted by tokencleaner',
    httpStatus: cause.httpStatus,
    cause,
  });
}
