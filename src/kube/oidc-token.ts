// The oidc auth-provider, as kubectl's (client-go plugin/pkg/client/auth/oidc) uses a stored
// id-token: sent as the bearer token while its `exp` claim is more than 10 s away. Refreshing it
// (the refresh-token against the issuer, then writing the new tokens back into the kubeconfig)
// is left to kubectl: one `kubectl` command with this context refreshes it, and tokentui reads
// the kubeconfig again on its next start.
import { TokenTuiError } from '../core/errors.ts';
import type { KubeConnection } from './connection.ts';

/** client-go's expiryDelta: a token this close to its expiry counts as expired. */
const EXPIRY_MARGIN_MS = 10_000;

/** The `exp` claim in epoch ms; undefined when the token has none (client-go treats it as expired). */
export function idTokenExpiryMs(idToken: string): number | undefined {
  const parts = idToken.split('.');
  if (parts.length !== 3) throw new Error('the id-token is not a JWT (three dot-separated parts)');
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    throw new Error('the id-token has no readable claims');
  }
  const exp = (claims as { exp?: unknown } | null)?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
}

type OidcAuth = Extract<KubeConnection['auth'], { type: 'oidc' }>;

/** `Bearer <id-token>`, or an error that says the token expired and how to get a fresh one. */
export function oidcAuthorization(auth: OidcAuth, connection: Pick<KubeConnection, 'userName' | 'contextName' | 'sourceFile'>, source: string, nowMs: number): string {
  if (auth.expiresAtMs !== undefined && auth.expiresAtMs - EXPIRY_MARGIN_MS > nowMs) return `Bearer ${auth.idToken}`;
  const when = auth.expiresAtMs === undefined ? 'has no expiry claim, so it counts as expired' : `expired at ${new Date(auth.expiresAtMs).toISOString()}`;
  throw new TokenTuiError('unauthorized', `the OIDC id-token of user "${connection.userName}" ${when}; tokentui does not refresh it`, {
    source,
    hint: auth.canRefresh
      ? `run any kubectl command once with this context (kubectl --context ${connection.contextName} get --raw /version): kubectl refreshes it with the refresh-token and writes it to ${connection.sourceFile}`
      : `log in again with your OIDC provider (the user has no refresh-token), or switch the user to an exec plugin such as kubelogin`,
  });
}
