// The bootstrap-token Secrets through the Kubernetes API, the way kubeadm uses them
// (type bootstrap.kubernetes.io/token in kube-system), plus preconditioned deletes for impact-gated revokes.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { SecretCheck } from '../contract.ts';
import { BOOTSTRAP_SECRET_TYPE, generateTokenId, generateTokenSecret } from '../../core/bootstrap-token.ts';
import type { Clock } from '../../core/clock.ts';
import { isTokenTuiError, TokenTuiError } from '../../core/errors.ts';
import { serverWords } from '../../core/terminal-text.ts';
import type { CreatedToken, CreateTokenRequest, Token, TokenRevision } from '../../core/token.ts';
import type { KubeClient } from '../../kube/client.ts';
import { withEarlyGet } from '../../kube/early-get.ts';
import { listPages } from '../../kube/paged-list.ts';
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
 * list()'s page size: one request up to 15,000 tokens (about 18 MB of JSON, inside the
 * response-size cap with room for long descriptions), and 100,000 tokens in seven answers
 * rather than one of 120 MB.
 */
export const LIST_PAGE_SIZE = 15_000;

export interface ListOptions {
  readonly pageSize?: number;
  /**
   * From the apiserver's watch cache (`resourceVersion=0`), as client-go's informers list before
   * they watch: no etcd read, so the answer comes sooner and costs the control plane less, and
   * the watch that starts from its resourceVersion brings anything newer. Never for `tokentui
   * list`, which shows what etcd holds now, as kubeadm does.
   */
  readonly fromCache?: boolean;
}

/** What list() asks with these options: its query, and the page size listPages adds as `limit`. */
function listQuery(options: ListOptions = {}): { readonly searchParams: Readonly<Record<string, string>>; readonly pageSize: number } {
  return {
    searchParams: { fieldSelector: TOKEN_FIELD_SELECTOR, ...(options.fromCache === true ? { resourceVersion: '0' } : {}) },
    pageSize: options.pageSize ?? LIST_PAGE_SIZE,
  };
}

/**
 * The client with the token LIST already sent (kube/early-get.ts): the next list() with the
 * same options gets its answer. For callers that know they will list before they know
 * which adapter they open.
 */
export function withTokenListSent(client: KubeClient, options: ListOptions = {}): KubeClient {
  // The first page's query, as listPages() sends it.
  const { searchParams, pageSize } = listQuery(options);
  return withEarlyGet(client, SECRETS_PATH, { ...searchParams, limit: String(pageSize) });
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
  /** Every token, in pages of `pageSize` (default LIST_PAGE_SIZE) to bound each answer and peak memory. */
  list(signal?: AbortSignal, options?: ListOptions): Promise<TokenListing>;
  get(id: string, signal?: AbortSignal): Promise<Token>;
  create(request: CreateTokenRequest): Promise<CreatedToken>;
  revoke(id: string, expected?: TokenRevision): Promise<void>;
  /** Whether `presented` is the Secret's token-secret (constant time); 'not-found' when no such token. */
  checkSecret(id: string, presented: string, signal?: AbortSignal): Promise<SecretCheck>;
}

const generateCredentialsDefault = (): GeneratedCredentials => ({ id: generateTokenId(), secret: generateTokenSecret() });

/** Equal-length digests, so the comparison takes the same time whatever was presented. */
function sameSecret(stored: string, presented: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(stored), digest(presented));
}

function hasKind(error: unknown, kind: TokenTuiError['kind']): error is TokenTuiError {
  return isTokenTuiError(error) && error.kind === kind;
}

export function createTokensApi(client: KubeClient, options: TokensApiOptions): TokensApi {
  const generateCredentials = options.generateCredentials ?? generateCredentialsDefault;
  const secretPath = (id: string) => `${SECRETS_PATH}/${encodeURIComponent(secretNameForId(id))}`;

  async function list(signal?: AbortSignal, options: ListOptions = {}): Promise<TokenListing> {
    const tokens: Token[] = [];
    let resourceVersion = '';
    const { searchParams, pageSize } = listQuery(options);
    // Each Secret is mapped as it arrives, so a list never holds every raw Secret at once. Pages
    // of one list share one consistent snapshot.
    const mapItem = (item: Record<string, unknown>) => secretToToken(item as SecretObject);
    for await (const page of listPages<Token>(client, SECRETS_PATH, { searchParams, pageSize, signal, source: KUBEADM_SOURCE, mapItem })) {
      for (const token of page.items) tokens.push(token);
      resourceVersion = page.resourceVersion || resourceVersion;
    }
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

  async function checkSecret(id: string, presented: string, signal?: AbortSignal): Promise<SecretCheck> {
    let answer: SecretObject;
    try {
      answer = await client.request<SecretObject>('GET', secretPath(id), { signal });
    } catch (error) {
      if (hasKind(error, 'not-found')) throw tokenNotFound(id, error);
      throw error;
    }
    const stored = typeof answer.data?.['token-secret'] === 'string' ? Buffer.from(answer.data['token-secret'], 'base64').toString('utf8') : '';
    return { token: secretToToken(answer), matches: stored !== '' && sameSecret(stored, presented) };
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
        const stored = secretToToken(await client.request<SecretObject>('POST', SECRETS_PATH, { json: body }));
        // The answer names the Secret that was stored: another one is not the token just made.
        if (stored.id !== id) {
          throw new TokenTuiError('server', `the apiserver answered the creation of token ${id} with another object (${serverWords(stored.id)})`, {
            source: KUBEADM_SOURCE,
            hint: `list the tokens; if ${id} exists, revoke it and try again`,
          });
        }
        return { token: stored, secret: `${id}.${secret}` };
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

  return { list, get, create, revoke, checkSecret };
}

function tokenNotFound(id: string, cause: TokenTuiError): TokenTuiError {
  return new TokenTuiError('not-found', `token ${id} not found (no Secret kube-system/${secretNameForId(id)})`, {
    source: KUBEADM_SOURCE,
    hint: 'list the tokens to see the ids that exist; expired tokens are deleted by tokencleaner',
    httpStatus: cause.httpStatus,
    cause,
  });
}
