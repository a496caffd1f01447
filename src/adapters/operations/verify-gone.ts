// After the backend accepted a revoke: is the token really gone? Some backends delete
// asynchronously, so a token still there is read again a few times before it is reported;
// a token back under the same id with another uid is a new one, and waiting will not help.
import { isTokenTuiError, toTokenTuiError } from '../../core/errors.ts';
import type { TokenRevision } from '../../core/token.ts';
import type { TokenAdapter } from '../contract.ts';

export interface VerifyOptions {
  readonly attempts?: number;
  readonly intervalMs?: number;
  /** Waits between checks (tests pass an instant one). */
  readonly sleep?: (ms: number) => Promise<void>;
}

export const VERIFY_ATTEMPTS = 5;
export const VERIFY_INTERVAL_MS = 400;

export type GoneCheck =
  | { readonly gone: true }
  /** gone false: still there, or back under the same id; null: it could not be checked. */
  | { readonly gone: false | null; readonly detail: string };

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function verifyTokenGone(
  adapter: Pick<TokenAdapter, 'id' | 'get'>,
  tokenId: string,
  revoked: TokenRevision | undefined,
  options: VerifyOptions = {},
): Promise<GoneCheck> {
  const attempts = Math.max(1, options.attempts ?? VERIFY_ATTEMPTS);
  const intervalMs = options.intervalMs ?? VERIFY_INTERVAL_MS;
  const sleep = options.sleep ?? realSleep;
  let lastError: string | null = null;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const token = await adapter.get(tokenId);
      lastError = null;
      if (revoked !== undefined && token.revision !== undefined && token.revision.uid !== revoked.uid) {
        return { gone: false, detail: `a token with id ${tokenId} exists again: it was created after the revoke` };
      }
    } catch (error) {
      if (isTokenTuiError(error) && error.kind === 'not-found') return { gone: true };
      lastError = toTokenTuiError(error, adapter.id).message;
    }
    if (attempt < attempts) await sleep(intervalMs);
  }
  const waited = ((attempts - 1) * intervalMs) / 1000;
  if (lastError !== null) return { gone: null, detail: `could not check that token ${tokenId} is gone: ${lastError}` };
  return { gone: false, detail: `the backend accepted the revoke, but the token is still there ${waited}s later` };
}
