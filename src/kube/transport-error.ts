// Failures below HTTP (socket, DNS, TLS) -> TokenTuiError that says what to check.
// fetch wraps the real cause (often several levels deep), so the chain is walked for a code.
import { TokenTuiError } from '../core/errors.ts';
import type { KubeProxy } from './connection.ts';
import { proxyLabel } from './proxy-environment.ts';
import { ProxyTunnelError } from './proxy-tunnel.ts';
import { systemTrustLocation } from './system-trust.ts';

export interface TransportErrorContext {
  readonly source: string;
  /** The apiserver URL from the kubeconfig. */
  readonly server: string;
  readonly clusterName: string;
  readonly contextName: string;
  readonly sourceFile: string;
  /** What verified the server: the kubeconfig's CA (default), the OS trust store, or nothing. */
  readonly trust?: 'kubeconfig' | 'system' | 'insecure';
  readonly proxy?: KubeProxy;
  readonly tlsServerName?: string;
}

const TLS_VERIFY_PROBLEMS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate chain ends in a CA that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate is not signed by a trusted CA',
  UNABLE_TO_GET_ISSUER_CERT: 'the CA that signed the server certificate is not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the CA that signed the server certificate is not trusted',
  CERT_SIGNATURE_FAILURE: 'the server certificate signature does not verify',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  CERT_NOT_YET_VALID: 'the server certificate is not valid yet (check the clock)',
};

/** The first `code` found along `cause` links and AggregateError members. */
export function findErrorCode(error: unknown, depth = 0): { code: string; message: string } | undefined {
  if (depth > 6 || typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof candidate.code === 'string' && candidate.code !== 'UND_ERR' && candidate.code !== 'ERR_ASSERTION') {
    return { code: candidate.code, message: typeof candidate.message === 'string' ? candidate.message : candidate.code };
  }
  const fromCause = findErrorCode(candidate.cause, depth + 1);
  if (fromCause !== undefined) return fromCause;
  if (Array.isArray(candidate.errors)) {
    for (const member of candidate.errors) {
      const found = findErrorCode(member, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function hostOf(server: string): string {
  try {
    return new URL(server).hostname;
  } catch {
    return server;
  }
}

function findProxyError(error: unknown, depth = 0): ProxyTunnelError | undefined {
  if (error instanceof ProxyTunnelError) return error;
  if (depth > 6 || typeof error !== 'object' || error === null) return undefined;
  return findProxyError((error as { cause?: unknown }).cause, depth + 1);
}

function via(context: TransportErrorContext): string {
  return context.proxy === undefined ? '' : ` through proxy ${proxyLabel(context.proxy.url)} (${context.proxy.origin})`;
}

/** The TLS hint names what was trusted: the kubeconfig's CA, or the OS store it fell back to. */
function trustHint(context: TransportErrorContext, env: Readonly<Record<string, string | undefined>>): string {
  const interception = context.proxy === undefined ? '' : `; a TLS-inspecting proxy (${proxyLabel(context.proxy.url)}) re-signs connections with its own CA`;
  if (context.trust === 'system') {
    return `cluster "${context.clusterName}" in ${context.sourceFile} names no certificate-authority, so ${systemTrustLocation(env)} was trusted, as kubectl does: add the cluster's CA there or set certificate-authority-data${interception}`;
  }
  return `check certificate-authority(-data) of cluster "${context.clusterName}" in ${context.sourceFile}${interception}`;
}

/** Maps a network-level failure to a 'transport' (or 'timeout') TokenTuiError. */
export function transportError(error: unknown, context: TransportErrorContext, env: Readonly<Record<string, string | undefined>> = process.env): TokenTuiError {
  const { server, source } = context;
  const options = { source, cause: error };
  const proxyError = findProxyError(error);
  if (proxyError !== undefined) {
    const hint = context.proxy?.origin === 'proxy-url' ? `check proxy-url of cluster "${context.clusterName}" in ${context.sourceFile}` : `check ${proxyError.origin} (NO_PROXY lists hosts reached directly)`;
    return new TokenTuiError('transport', `cannot reach ${server} through proxy ${proxyError.proxy} (${proxyError.origin}): ${proxyError.problem}`, { ...options, hint });
  }
  const found = findErrorCode(error);
  const code = found?.code ?? '';
  const tlsProblem = TLS_VERIFY_PROBLEMS[code];
  if (tlsProblem !== undefined) {
    return new TokenTuiError('transport', `TLS verification of ${server}${via(context)} failed: ${tlsProblem} (${code})`, { ...options, hint: trustHint(context, env) });
  }
  switch (code) {
    case 'ECONNREFUSED':
      return new TokenTuiError('transport', `cannot reach ${server} (connection refused): is the apiserver running?`, options);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new TokenTuiError('transport', `cannot reach ${server} (host "${hostOf(server)}" not found in DNS)`, {
        ...options,
        // A name only a proxy can resolve: the usual reason is NO_PROXY or a missing HTTPS_PROXY.
        hint: 'if this cluster is reached through a proxy, set HTTPS_PROXY (and check NO_PROXY), or proxy-url in the kubeconfig cluster',
      });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new TokenTuiError('transport', `cannot reach ${server} (no route to host)`, options);
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return new TokenTuiError('transport', `connection to ${server} was closed unexpectedly (${code})`, options);
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new TokenTuiError('timeout', `cannot reach ${server} (connection timed out)`, options);
    case 'ERR_TLS_CERT_ALTNAME_INVALID': {
      // With tls-server-name, that name (sent as SNI) is what the certificate had to list.
      const name = context.tlsServerName ?? hostOf(server);
      return new TokenTuiError('transport', `TLS verification of ${server}${via(context)} failed: the server certificate is not valid for "${name}" (${code})`, {
        ...options,
        hint:
          context.tlsServerName === undefined
            ? 'set tls-server-name in the kubeconfig cluster to a name the certificate lists, or use that name in server'
            : `tls-server-name "${context.tlsServerName}" of cluster "${context.clusterName}" in ${context.sourceFile} is not a name the certificate lists`,
      });
    }
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return new TokenTuiError('transport', `TLS handshake with ${server} failed: is it an HTTPS endpoint? (${code})`, options);
    default:
      break;
  }
  if (/^ERR_SSL_.*ALERT/.test(code)) {
    return new TokenTuiError('transport', `the apiserver at ${server} refused the TLS handshake (${code}): it may not accept the client certificate`, {
      ...options,
      hint: `check client-certificate(-data) of user in context "${context.contextName}" in ${context.sourceFile}`,
    });
  }
  const detail = found?.message ?? (error instanceof Error ? error.message : String(error));
  return new TokenTuiError('transport', `cannot reach ${server}: ${detail}`, options);
}
