// What leaks, parsed (`tokentui find`, `revoke --everywhere`, the TUI's `:find`): a kubeadm
// `id.secret`, a k3s `K10<hash>::id.secret` or `K10<hash>::server:password`, a REST token secret
// (the same `id.secret` shape), or an id alone. Pasted text may be a whole join command or log
// line: the first token-shaped word in it counts. No message here ever quotes the value.
import { BOOTSTRAP_TOKEN_ID_PATTERN, BOOTSTRAP_TOKEN_PATTERN } from './bootstrap-token.ts';
import { parseK3sToken } from './k3s-token.ts';

export type LeakedToken =
  /** A bootstrap-shaped credential: kubeadm, k3s (from a K10 token) or a REST token secret. */
  | { readonly kind: 'bootstrap'; readonly id: string; readonly secret: string; readonly format: 'id.secret' | 'K10'; readonly caHash: string }
  /** A k3s server or agent token: no bootstrap id, a password only the k3s servers hold. */
  | { readonly kind: 'k3s-password'; readonly username: string; readonly password: string; readonly caHash: string }
  /** An id alone: where it exists can be told, whether a secret is live cannot. */
  | { readonly kind: 'id'; readonly id: string };

export type LeakedTokenParse = { readonly ok: true; readonly token: LeakedToken } | { readonly ok: false; readonly error: string };

const K10_WORD = /K10[0-9a-f]*::\S+/;
const BOOTSTRAP_WORD = /(?<![a-z0-9.])([a-z0-9]{6})\.([a-z0-9]{16})(?![a-z0-9])/;

const SHAPES = 'kubeadm id.secret (abcdef.0123456789abcdef), k3s K10<hash>::id.secret or K10<hash>::server:password, a REST token secret, or a 6-character id';

function fromK10(word: string): LeakedTokenParse {
  const parsed = parseK3sToken(word);
  if (!parsed.ok) return { ok: false, error: `not a k3s token: ${parsed.error}` };
  const { caHash, credentials } = parsed.token;
  if (credentials.kind === 'bootstrap') return { ok: true, token: { kind: 'bootstrap', id: credentials.id, secret: credentials.secret, format: 'K10', caHash } };
  return { ok: true, token: { kind: 'k3s-password', username: credentials.username, password: credentials.password, caHash } };
}

/** The token in `text` (a bare token, or the first one in a pasted command or log line). */
export function parseLeakedToken(text: string): LeakedTokenParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: `nothing was given; expected a ${SHAPES}` };
  if (BOOTSTRAP_TOKEN_ID_PATTERN.test(trimmed)) return { ok: true, token: { kind: 'id', id: trimmed } };
  const whole = BOOTSTRAP_TOKEN_PATTERN.exec(trimmed);
  if (whole !== null) return { ok: true, token: { kind: 'bootstrap', id: whole[1]!, secret: whole[2]!, format: 'id.secret', caHash: '' } };
  const k10 = K10_WORD.exec(trimmed);
  if (k10 !== null) return fromK10(k10[0]);
  const embedded = BOOTSTRAP_WORD.exec(trimmed);
  if (embedded !== null) return { ok: true, token: { kind: 'bootstrap', id: embedded[1]!, secret: embedded[2]!, format: 'id.secret', caHash: '' } };
  return { ok: false, error: `no token found in what was given; expected a ${SHAPES}` };
}

/** The public part, for output and the audit journal: an id, or "a k3s server token" (never the value). */
export function leakedTokenLabel(token: LeakedToken): string {
  if (token.kind === 'k3s-password') return `a k3s ${token.username === 'server' ? 'server' : `"${token.username}"`} token`;
  return `token ${token.id}`;
}
