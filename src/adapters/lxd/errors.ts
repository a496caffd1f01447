// LXD failures -> TokenTuiError with source 'lxd'. The daemon's own error text is kept (it names
// members, projects and operations, never a token secret: secrets only travel in token metadata,
// which no message here reads). Socket and TLS failures say what to check.
import { TokenTuiError, type ErrorKind } from '../../core/errors.ts';
import { findErrorCode } from '../../kube/transport-error.ts';
import { LXD_SOURCE } from './scope.ts';

/** The code our own certificate pin check raises (transport.ts). */
export const PIN_MISMATCH = 'LXD_SERVER_CERT_MISMATCH';

function kindForStatus(status: number): ErrorKind {
  if (status === 400) return 'validation';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'already-exists';
  if (status === 412) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status === 408 || status === 504) return 'timeout';
  return 'server';
}

const HINTS: Partial<Record<ErrorKind, string>> = {
  unauthorized: 'the server does not trust this client certificate: enroll it with a trust token (lxc remote add NAME TOKEN)',
  forbidden: 'this client is restricted (a restricted certificate, or a project-limited one); use a client with full access to manage tokens',
};

export interface LxdErrorContext {
  /** The server as shown in the header. */
  readonly server: string;
  /** What was being done, e.g. "listing tokens". */
  readonly doing: string;
  /** For validation answers: the request field they are about. */
  readonly field?: string;
}

/** An error answer (`type: error`, or a non-2xx status) as a TokenTuiError. */
export function lxdAnswerError(status: number, message: string, context: LxdErrorContext): TokenTuiError {
  const kind = kindForStatus(status);
  const detail = message.trim() === '' ? `HTTP ${status}` : message.trim();
  return new TokenTuiError(kind, `${context.doing} on ${context.server} failed: ${detail}`, {
    source: LXD_SOURCE,
    httpStatus: status,
    hint: HINTS[kind],
    ...(kind === 'validation' && context.field !== undefined ? { field: context.field } : {}),
  });
}

const TLS_PROBLEMS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed and not the one saved for this server',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate chain ends in a CA that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate is not signed by a trusted CA',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate is not valid for this host name',
  [PIN_MISMATCH]: 'the server presented a different certificate than the one saved for it',
};

/** A socket, DNS or TLS failure (no HTTP answer) as a TokenTuiError. */
export function lxdTransportError(error: unknown, server: string): TokenTuiError {
  const code = findErrorCode(error)?.code ?? '';
  const options = { source: LXD_SOURCE, cause: error };
  const tls = TLS_PROBLEMS[code];
  if (tls !== undefined) {
    return new TokenTuiError('transport', `TLS verification of ${server} failed: ${tls} (${code})`, {
      ...options,
      hint: 'add the server once with `lxc remote add` (it saves servercerts/NAME.crt) and use that remote, or give the server certificate',
    });
  }
  switch (code) {
    case 'ENOENT':
      return new TokenTuiError('transport', `no LXD socket at ${server}: is the daemon running, and is this its socket?`, options);
    case 'EACCES':
      return new TokenTuiError('forbidden', `permission denied on ${server}`, { ...options, hint: 'run as root or as a member of the lxd group' });
    case 'ECONNREFUSED':
      return new TokenTuiError('transport', `cannot reach ${server} (connection refused): is the LXD daemon running?`, options);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new TokenTuiError('transport', `cannot reach ${server} (host not found)`, options);
    case 'ETIMEDOUT':
      return new TokenTuiError('timeout', `cannot reach ${server} (timed out)`, options);
    case 'ECONNRESET':
      return new TokenTuiError('transport', `${server} closed the connection (${code})`, options);
    default:
      break;
  }
  if (/^ERR_SSL_.*ALERT/.test(code)) {
    return new TokenTuiError('unauthorized', `${server} refused the TLS handshake (${code}): it may not accept the client certificate`, {
      ...options,
      hint: HINTS.unauthorized,
    });
  }
  const message = findErrorCode(error)?.message ?? (error instanceof Error ? error.message : String(error));
  return new TokenTuiError('transport', `cannot reach ${server}: ${message}`, options);
}
