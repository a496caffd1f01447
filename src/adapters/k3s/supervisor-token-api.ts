// `PUT /v1-k3s/token` (k3s pkg/server/handlers/token.go): what `k3s token rotate` sends, and what each
// answer means. Basic auth with the user forced to `server`, the body always carrying the
// `newToken` key (an absent key crashes the handler), and TLS verified against the pinned
// `/cacerts` bundle only. No password ever reaches a message: none is built from input.
import { TokenTuiError } from '../../core/errors.ts';
import { SERVER_TOKEN_USERNAME } from '../../core/k3s-token.ts';
import { serverWords } from '../../core/terminal-text.ts';
import { findErrorCode } from '../../kube/transport-error.ts';
import { fetchWith, isTlsVerificationFailure, K3S_SOURCE, supervisorTransportError, tlsAgent } from './cacerts.ts';

export const TOKEN_ROTATE_PATH = '/v1-k3s/token';
export const TOKEN_ROTATE_TIMEOUT_MS = 30_000;
/** Failures before a byte of the request could reach the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const SERVER_LOG_HINT = 'journalctl -u k3s on the server you rotated through';

export interface SupervisorTarget {
  /** e.g. https://10.0.0.5:6443 */
  readonly url: string;
  /** The `/cacerts` bundle the K10 hash pinned: the only CA this request trusts. */
  readonly caBundle: Uint8Array;
  readonly tlsServerName?: string;
}

interface StatusBody {
  readonly kind?: string;
  readonly message?: string;
  readonly reason?: string;
}

function readStatus(text: string): StatusBody | null {
  try {
    const parsed = JSON.parse(text) as StatusBody;
    return typeof parsed === 'object' && parsed !== null && parsed.kind === 'Status' ? parsed : null;
  } catch {
    return null;
  }
}

/** One answer of the supervisor -> the error that explains it (2xx is not an error). */
export function rotationFailure(httpStatus: number, bodyText: string, url: string): TokenTuiError {
  const status = readStatus(bodyText);
  const message = serverWords(typeof status?.message === 'string' ? status.message : (bodyText.trim().split('\n')[0]?.slice(0, 200) ?? ''));
  const options = { source: K3S_SOURCE, httpStatus };
  switch (httpStatus) {
    case 403:
      return new TokenTuiError('forbidden', `the k3s server at ${url} refused the old server token (403 ${message || 'forbidden'}): nothing was rotated`, {
        ...options,
        hint: 'give the CURRENT server token (K10...::server:... from /var/lib/rancher/k3s/server/token on a server); the agent token and bootstrap tokens cannot rotate it',
      });
    case 401:
      return new TokenTuiError('unauthorized', `the k3s server at ${url} could not authenticate the request (401 ${message || 'not authorized'}): nothing was rotated`, {
        ...options,
        hint: 'the server may still be starting; try again in a minute, and read its log if it persists',
      });
    case 400:
      return new TokenTuiError('validation', `the k3s server at ${url} rejected the rotation request as malformed (400: ${message})`, options);
    case 404:
    case 405:
      return new TokenTuiError('unsupported', `the k3s server at ${url} does not accept PUT ${TOKEN_ROTATE_PATH} (${httpStatus}: ${message})`, {
        ...options,
        hint: 'k3s releases before server-token rotation (k3s#8264) lack this endpoint; upgrade, or rotate by reinstalling',
      });
    default:
      break;
  }
  if (httpStatus >= 500) {
    const errorId = /token error ID (\d+)/.exec(message)?.[1];
    const what = errorId === undefined ? `HTTP ${httpStatus}: ${message}` : `token error ID ${errorId}`;
    const grep = errorId === undefined ? '' : ` | grep "token error ID ${errorId}"`;
    return new TokenTuiError('server', `the k3s server at ${url} failed to rotate the server token (${what})`, {
      ...options,
      hint: `read the k3s server log for the cause (${SERVER_LOG_HINT}${grep}); the rotation may be partly applied: check /var/lib/rancher/k3s/server/token there before retrying`,
    });
  }
  return new TokenTuiError('server', `the k3s server at ${url} answered HTTP ${httpStatus} to the rotation: ${message}`, options);
}

function basicAuthorization(password: string): string {
  return `Basic ${Buffer.from(`${SERVER_TOKEN_USERNAME}:${password}`, 'utf8').toString('base64')}`;
}

/** Rotates the server token. Resolves when the supervisor answered 2xx; throws a TokenTuiError otherwise. */
export async function putServerToken(target: SupervisorTarget, oldPassword: string, newPassword: string, timeoutMs = TOKEN_ROTATE_TIMEOUT_MS): Promise<void> {
  const url = `${target.url.replace(/\/+$/, '')}${TOKEN_ROTATE_PATH}`;
  const agent = tlsAgent({ ca: Buffer.from(target.caBundle).toString('latin1'), verify: true, servername: target.tlsServerName });
  let response;
  try {
    response = await fetchWith(agent)(url, {
      method: 'PUT',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { authorization: basicAuthorization(oldPassword), 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'tokentui' },
      body: JSON.stringify({ newToken: newPassword }),
    });
  } catch (error) {
    agent.destroy();
    const failure = supervisorTransportError(error, target.url, `PUT ${TOKEN_ROTATE_PATH}`);
    if (isTlsVerificationFailure(error) || NOT_SENT_CODES.has(findErrorCode(error)?.code ?? '')) {
      throw new TokenTuiError(failure.kind, `${failure.message}; nothing was sent`, { source: K3S_SOURCE, cause: error });
    }
    // The request may have been applied before the connection went: say so rather than guess.
    throw new TokenTuiError(failure.kind, `${failure.message}; whether the token was rotated is unknown`, {
      source: K3S_SOURCE,
      hint: `check /var/lib/rancher/k3s/server/token on the server and its log (${SERVER_LOG_HINT}) before retrying`,
      cause: error,
    });
  }
  const text = await response.text().catch(() => '');
  agent.destroy();
  if (response.status < 200 || response.status > 299) throw rotationFailure(response.status, text, target.url);
}
