// Is a leaked token live in this context? One adapter, one answer; `find` and `revoke
// --everywhere` run it in every context (fleet.ts). "Live" means: a token with that id exists,
// the presented secret is its secret (compared by the backend's checkSecret, in constant time),
// and it can still be used (not expired, not used up, not invalid). The right id with a wrong
// secret is "not live": that secret authenticates nowhere, whatever the id.
import type { Clock } from '../../core/clock.ts';
import { isTokenTuiError } from '../../core/errors.ts';
import type { LeakedToken } from '../../core/leaked-token.ts';
import { tokenStatus, type Token } from '../../core/token.ts';
import type { TokenAdapter } from '../contract.ts';
import { supports } from './capabilities.ts';

export type FindResult =
  /** The secret is this token's, and the token can be used: revoke it. */
  | { readonly result: 'live'; readonly token: Token }
  /** The secret is this token's, but it is expired, used up or invalid: nobody can use it. */
  | { readonly result: 'dead'; readonly token: Token; readonly detail: string }
  /** A token with that id exists, but with another secret: the leaked value works nowhere here. */
  | { readonly result: 'wrong-secret'; readonly token: Token }
  /** Only an id was given: it exists (whether a leaked secret is its secret cannot be told). */
  | { readonly result: 'exists'; readonly token: Token }
  /** The id exists, but this backend cannot compare secrets: treat it as possibly live. */
  | { readonly result: 'unchecked'; readonly token: Token; readonly detail: string }
  | { readonly result: 'absent' }
  /** What was given cannot be in this context at all (a k3s server token, here). */
  | { readonly result: 'not-applicable'; readonly detail: string };

/** The words `find` prints per context. */
export const FIND_RESULT_WORDS: Readonly<Record<FindResult['result'], string>> = {
  live: 'LIVE',
  dead: 'not live',
  'wrong-secret': 'not live',
  exists: 'exists',
  unchecked: 'unchecked',
  absent: 'absent',
  'not-applicable': 'n/a',
};

async function getOrAbsent(adapter: TokenAdapter, id: string, signal?: AbortSignal): Promise<Token | null> {
  try {
    return await adapter.get(id, signal);
  } catch (error) {
    if (isTokenTuiError(error) && error.kind === 'not-found') return null;
    throw error;
  }
}

export async function findLeakedToken(adapter: TokenAdapter, leaked: LeakedToken, clock: Clock, signal?: AbortSignal): Promise<FindResult> {
  if (leaked.kind === 'k3s-password') {
    return { result: 'not-applicable', detail: 'a k3s server/agent token is no bootstrap token: compare it with /var/lib/rancher/k3s/server/token on a server, and rotate it (tokentui rotate --server-token)' };
  }
  if (leaked.kind === 'id') {
    const token = await getOrAbsent(adapter, leaked.id, signal);
    return token === null ? { result: 'absent' } : { result: 'exists', token };
  }
  if (!supports(adapter, 'checkSecret')) {
    const token = await getOrAbsent(adapter, leaked.id, signal);
    if (token === null) return { result: 'absent' };
    return { result: 'unchecked', token, detail: `the ${adapter.id} backend cannot compare secrets: token ${leaked.id} exists and may be the leaked one` };
  }
  let check;
  try {
    check = await adapter.checkSecret(leaked.id, leaked.secret, signal);
  } catch (error) {
    if (isTokenTuiError(error) && error.kind === 'not-found') return { result: 'absent' };
    throw error;
  }
  if (!check.matches) return { result: 'wrong-secret', token: check.token };
  const status = tokenStatus(check.token, clock.now());
  return status === 'active' ? { result: 'live', token: check.token } : { result: 'dead', token: check.token, detail: `the secret matches, but the token is ${status}` };
}
