// `list --watch`: what changed, as kubectl -w reports it. Fed the adapter's watch events (a full
// snapshot, one token added or modified, one deleted) or, without a watch, each periodic list as a
// snapshot; answers the lines to print: added, changed, removed, and expired when a token's expiry
// passes while watched (the backend may keep an expired token until its cleaner deletes it, which
// is then `removed`). A token already expired when first seen is not announced as expiring.
import { tokenStatus, type Token } from './token.ts';

export type TokenChangeKind = 'added' | 'changed' | 'expired' | 'removed';

export interface TokenChange {
  readonly kind: TokenChangeKind;
  /** The token as it is now; for `removed`, as it was last seen. */
  readonly token: Token;
}

/** What identifies a token's state: the revision when the backend gives one, else every field. */
function stateOf(token: Token): string {
  return token.revision === undefined ? JSON.stringify(token) : `${token.revision.uid}/${token.revision.version}`;
}

export class TokenChangeTracker {
  readonly #known = new Map<string, Token>();
  readonly #expiredSeen = new Set<string>();

  constructor(initial: readonly Token[], nowMs: number) {
    for (const token of initial) this.#remember(token, nowMs);
  }

  #remember(token: Token, nowMs: number): void {
    this.#known.set(token.id, token);
    if (tokenStatus(token, nowMs) === 'expired') this.#expiredSeen.add(token.id);
    else this.#expiredSeen.delete(token.id);
  }

  upsert(token: Token, nowMs: number): TokenChange[] {
    const before = this.#known.get(token.id);
    if (before !== undefined && stateOf(before) === stateOf(token)) return [];
    this.#remember(token, nowMs);
    return [{ kind: before === undefined ? 'added' : 'changed', token }];
  }

  /** A deletion; a token whose expiry passed unannounced (a cleaner that deletes at once) expired first. */
  remove(id: string, nowMs: number): TokenChange[] {
    const before = this.#known.get(id);
    if (before === undefined) return [];
    const expiredFirst: TokenChange[] = !this.#expiredSeen.has(id) && tokenStatus(before, nowMs) === 'expired' ? [{ kind: 'expired', token: before }] : [];
    this.#known.delete(id);
    this.#expiredSeen.delete(id);
    return [...expiredFirst, { kind: 'removed', token: before }];
  }

  /** A full list: removals for the ids gone, then additions and changes in its order. */
  snapshot(tokens: readonly Token[], nowMs: number): TokenChange[] {
    const present = new Set(tokens.map((token) => token.id));
    const removed = [...this.#known.keys()].filter((id) => !present.has(id)).flatMap((id) => this.remove(id, nowMs));
    return [...removed, ...tokens.flatMap((token) => this.upsert(token, nowMs))];
  }

  /** Tokens whose expiry has passed since they were last seen unexpired. */
  expireDue(nowMs: number): TokenChange[] {
    const due = [...this.#known.values()].filter((token) => !this.#expiredSeen.has(token.id) && tokenStatus(token, nowMs) === 'expired');
    for (const token of due) this.#expiredSeen.add(token.id);
    return due.map((token) => ({ kind: 'expired', token }));
  }
}
