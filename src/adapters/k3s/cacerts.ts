// The cluster CA as a joining k3s node sees it: the unauthenticated `GET /cacerts` of the
// supervisor (k3s pkg/clientaccess/token.go getCACerts). The TLS of that
// answer is checked the way k3s checks it: first with the trust we already have (the
// kubeconfig's CA, else the system store); when that fails, the bundle is fetched without
// verification and fetched again verifying with the bundle itself. Only the second path needs a
// K10 hash pin to be trustworthy, so the result says which path was taken.
import type { Agent } from 'node:https';
import { TokenTuiError } from '../../core/errors.ts';
import type { KubeConnection } from '../../kube/connection.ts';
import { boundedFetch } from '../../kube/bounded-fetch.ts';
import { createHttpsFetch } from '../../kube/https-fetch.ts';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../kube/response-limits.ts';
import { createHttpsAgent } from '../../kube/node-builtins.ts';
import { findErrorCode } from '../../kube/transport-error.ts';

export const K3S_SOURCE = 'k3s';
export const CACERTS_TIMEOUT_MS = 10_000;
/** A supervisor answer's body must be complete this long after its request (the rotation PUT's 30 s included). */
const SUPERVISOR_ANSWER_MS = 30_000;

/** What vouched for the TLS of the `/cacerts` answer. */
export type CaCertsTrust =
  /** The kubeconfig's certificate-authority (or the system store when it has none). */
  | 'kubeconfig'
  /** Nothing but the bundle itself: trustworthy only if a K10 hash pins it. */
  | 'self';

export type CaCertsDownload =
  | { readonly served: true; readonly bytes: Uint8Array; readonly trust: CaCertsTrust }
  /** The server answered, but not with a CA bundle (a plain kube-apiserver: 403 or 404). */
  | { readonly served: false; readonly reason: string };

/** The TLS settings of the kubeconfig cluster the supervisor shares its port with. */
export type SupervisorTls = Pick<KubeConnection, 'caPem' | 'insecureSkipTlsVerify' | 'tlsServerName'>;

const TLS_VERIFY_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function isTlsVerificationFailure(error: unknown): boolean {
  return TLS_VERIFY_CODES.has(findErrorCode(error)?.code ?? '');
}

/** A TLS agent for one exchange (the caller destroys it); `ca` undefined = the system store. */
export function tlsAgent(options: { ca?: string; verify: boolean; servername?: string }): Agent {
  return createHttpsAgent({ ca: options.ca, rejectUnauthorized: options.verify, ...(options.servername === undefined ? {} : { servername: options.servername }) });
}

/** fetch over node:https with `agent` (the kube transport's: undici costs ~90 ms to import), within the client's limits. */
export function fetchWith(agent: Agent) {
  return boundedFetch(createHttpsFetch(() => agent), { source: K3S_SOURCE, maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES, deadlineMs: SUPERVISOR_ANSWER_MS, isStream: () => false });
}

export function supervisorTransportError(error: unknown, url: string, what: string): TokenTuiError {
  const found = findErrorCode(error);
  const detail = found === undefined ? (error instanceof Error ? error.message : String(error)) : `${found.message} (${found.code})`;
  const kind = found?.code === 'UND_ERR_CONNECT_TIMEOUT' || (error instanceof Error && error.name === 'TimeoutError') ? 'timeout' : 'transport';
  return new TokenTuiError(kind, `${what} at ${url} failed: ${detail}`, { source: K3S_SOURCE, cause: error });
}

async function getCaCerts(url: string, agent: Agent, timeoutMs: number): Promise<{ status: number; bytes: Uint8Array }> {
  try {
    const response = await fetchWith(agent)(url, { signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'tokentui' } });
    return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
  } finally {
    agent.destroy();
  }
}

function notServed(status: number, bytes: Uint8Array): CaCertsDownload | null {
  if (status === 200 && Buffer.from(bytes).includes('-----BEGIN CERTIFICATE-----')) return null;
  const what = status === 200 ? 'HTTP 200 without a PEM certificate' : `HTTP ${status}`;
  return { served: false, reason: `${what}: the server does not serve the k3s /cacerts endpoint` };
}

/** `GET <supervisor>/cacerts` as a joining node does it. Throws only when the server cannot be reached. */
export async function downloadCaCerts(supervisorUrl: string, tls: SupervisorTls, timeoutMs = CACERTS_TIMEOUT_MS): Promise<CaCertsDownload> {
  const url = `${supervisorUrl.replace(/\/+$/, '')}/cacerts`;
  const servername = tls.tlsServerName;
  if (!tls.insecureSkipTlsVerify) {
    try {
      const trusted = await getCaCerts(url, tlsAgent({ ca: tls.caPem, verify: true, servername }), timeoutMs);
      return notServed(trusted.status, trusted.bytes) ?? { served: true, bytes: trusted.bytes, trust: 'kubeconfig' };
    } catch (error) {
      if (!isTlsVerificationFailure(error)) throw supervisorTransportError(error, url, 'GET /cacerts');
    }
  }
  let insecure: { status: number; bytes: Uint8Array };
  try {
    insecure = await getCaCerts(url, tlsAgent({ verify: false, servername }), timeoutMs);
  } catch (error) {
    throw supervisorTransportError(error, url, 'GET /cacerts');
  }
  const refused = notServed(insecure.status, insecure.bytes);
  if (refused !== null) return refused;
  try {
    // The server must hold a certificate the bundle it serves vouches for (k3s does the same).
    await getCaCerts(url, tlsAgent({ ca: Buffer.from(insecure.bytes).toString('latin1'), verify: true, servername }), timeoutMs);
  } catch (error) {
    throw new TokenTuiError('transport', `the server at ${supervisorUrl} presents a certificate that the CA bundle it serves at /cacerts does not verify`, {
      source: K3S_SOURCE,
      hint: 'this is not the k3s server it claims to be, or its serving certificate is broken',
      cause: error,
    });
  }
  return { served: true, bytes: insecure.bytes, trust: 'self' };
}
