import { describe, expect, it } from 'vitest';
import { TokenChangeTracker } from './token-changes.ts';
import type { Token } from './token.ts';

const token = (id: string, expiresAt: number | null, description = ''): Token => ({ id, description, expiresAt, usages: [], groups: [], invalidReason: null });
const kinds = (changes: readonly { kind: string; token: Token }[]) => changes.map((change) => `${change.kind} ${change.token.id}`);

describe('TokenChangeTracker', () => {
  it('reports added, changed (only on a real change), expired once, removed', () => {
    const tracker = new TokenChangeTracker([token('a', 1000)], 0);
    expect(kinds(tracker.upsert(token('b', 2000), 0))).toEqual(['added b']);
    expect(tracker.upsert(token('b', 2000), 0)).toEqual([]);
    expect(kinds(tracker.upsert(token('b', 2000, 'x'), 0))).toEqual(['changed b']);
    expect(kinds(tracker.expireDue(1500))).toEqual(['expired a']);
    expect(tracker.expireDue(1600)).toEqual([]);
    expect(kinds(tracker.remove('a', 1600))).toEqual(['removed a']);
    expect(tracker.remove('a', 1600)).toEqual([]);
  });

  it('a token deleted as it expires (before the expiry check ran) expires, then is removed; others keep their own expiry', () => {
    const tracker = new TokenChangeTracker([token('a', 1000), token('b', 1000), token('c', null)], 0);
    expect(kinds(tracker.remove('a', 1001))).toEqual(['expired a', 'removed a']);
    expect(kinds(tracker.expireDue(1001))).toEqual(['expired b']);
  });

  it('a token already expired when first seen is not announced as expiring', () => {
    const tracker = new TokenChangeTracker([token('a', 10)], 100);
    expect(tracker.expireDue(200)).toEqual([]);
    expect(kinds(tracker.remove('a', 200))).toEqual(['removed a']);
  });

  it('a snapshot reports what the list changed: removals first', () => {
    const tracker = new TokenChangeTracker([token('a', null), token('b', null)], 0);
    expect(kinds(tracker.snapshot([token('b', null, 'new'), token('c', null)], 0))).toEqual(['removed a', 'changed b', 'added c']);
  });
});
