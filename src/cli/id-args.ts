// Token ids on the command line: `token/ID` (what -o name prints) is the id ID, and an id that
// no backend could have is invalid input before anything is sent.
import { redactSecrets } from '../core/bootstrap-token.ts';
import { isTokenIdShaped } from '../core/credential-shape.ts';
import { usageError } from '../core/errors.ts';

/**
 * Every backend's ids are short names (core/credential-shape.ts); anything else (a space, a shell
 * `$(...)`, a pasted id.secret) is invalid input, refused before a request. Each adapter then
 * checks its own exact format (kubeadm: 6 characters of a-z0-9), also as invalid input.
 */
export function checkIdShape(given: string, what: string): void {
  const id = withoutKindPrefix(given);
  if (!isTokenIdShaped(id)) {
    const shown = JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id);
    throw usageError(`${what} ${redactSecrets(shown)} is not a token id (letters, digits, '.', '_', ':' and '-', starting with a letter or digit)`, "run 'tokentui list' to see the ids");
  }
}

/** `token/abcdef` (what -o name prints) is the id abcdef, so `revoke $(tokentui list -o name)` works. */
export function withoutKindPrefix(id: string): string {
  return id.startsWith('token/') ? id.slice('token/'.length) : id;
}

