// The last check before a secret a backend returned is printed, copied to the clipboard (OSC 52)
// or put into a join command an operator pastes into a shell: whatever the adapter, a credential
// is a run of token characters and a token id a short name. Each adapter checks its own exact
// format first (the REST contract's pattern, kubeadm's id.secret, k3s's K10 form); this catches
// what any adapter lets through: an escape sequence that would retitle the terminal or fill the
// clipboard, a `$(...)` that a paste would run, a line break that would end the command.
// Messages never quote the secret.
import { isTerminalSafe } from './terminal-text.ts';

/** Base64 and the separators token formats use (`.`, `::`, `-`, `_`, `~`), nothing a shell or terminal acts on. */
const CREDENTIAL = /^[A-Za-z0-9+/=._:~-]{1,8192}$/;
/** Ids of every backend: kubeadm's 6 characters, Secret-name suffixes, UUIDs. */
const TOKEN_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,252}$/;

export function isTokenIdShaped(tokenId: string): boolean {
  return TOKEN_ID.test(tokenId);
}

/** Why a created token's secret or id cannot be shown, copied or pasted, or null when it can. */
export function createdTokenProblem(tokenId: string, secret: string): string | null {
  if (!TOKEN_ID.test(tokenId)) return 'its token id is not a token id (letters, digits, . _ : - only)';
  if (!CREDENTIAL.test(secret)) return 'its secret holds characters no token secret has (control characters, blanks, quotes or shell syntax)';
  return null;
}

/** Why a join command cannot be shown or copied (a character a terminal would act on), or null. */
export function joinCommandProblem(command: string): string | null {
  return isTerminalSafe(command.replaceAll('\n', ' ')) ? null : 'it holds control or bidirectional-formatting characters';
}
