import { describe, expect, it } from 'vitest';
import { JOIN_OPERATION, TRUST_OPERATION } from '../../../test/support/lxd-fixtures.ts';
import { liveTokenOperations, toLxdToken } from './mapping.ts';
import type { LxdOperation } from './wire.ts';

describe('LXD token operations as tokens', () => {
  it('maps a join token: member name, expiry, kind, revision; never the secret', () => {
    const token = toLxdToken(JOIN_OPERATION);
    expect(token).toMatchObject({
      id: JOIN_OPERATION.id,
      description: 'member2',
      expiresAt: Date.UTC(2026, 11, 6, 16, 9, 13, 336),
      scope: 'join',
      fields: { kind: 'join' },
      usesRemaining: 1,
      invalidReason: null,
      revision: { uid: JOIN_OPERATION.id, version: '2026-12-06T14:09:13.337509164Z' },
      extras: { kind: 'join', location: 'node1', addresses: '127.0.0.1:18443' },
    });
    expect(JSON.stringify(token)).not.toContain(JOIN_OPERATION.metadata!['secret'] as string);
  });

  it('maps a trust token: client name, restriction in the scope, no expiry when LXD gives none', () => {
    const token = toLxdToken(TRUST_OPERATION);
    expect(token).toMatchObject({ description: 'ci runner', expiresAt: null, scope: 'trust projects=default,web', fields: { kind: 'trust', projects: ['default', 'web'] }, extras: { kind: 'trust', restricted: true, clientType: 'client' } });
    expect(JSON.stringify(token)).not.toContain(TRUST_OPERATION.metadata!['secret'] as string);
    const unrestricted = { ...TRUST_OPERATION, metadata: { ...TRUST_OPERATION.metadata, request: { name: 'x', type: 'client', restricted: false, projects: [] }, expiresAt: '2026-12-06T15:13:13.535507997Z' } };
    expect(toLxdToken(unrestricted)).toMatchObject({ scope: 'trust', fields: { kind: 'trust', projects: null }, expiresAt: Date.UTC(2026, 11, 6, 15, 13, 13, 535) });
  });

  it('marks a token operation of unknown shape invalid instead of guessing', () => {
    const token = toLxdToken({ ...JOIN_OPERATION, metadata: { secret: 'x'.repeat(64) } });
    expect(token.invalidReason).toMatch(/neither a member name/);
    expect(token.scope).toBe('');
    // Nothing a replacement could copy: it would guess the kind.
    expect(token.fields).toBeUndefined();
    expect(JSON.stringify(token)).not.toContain('x'.repeat(64));
  });

  it('lists only live token operations, oldest first', () => {
    const task: LxdOperation = { id: 't', class: 'task', created_at: '2026-12-06T14:00:00Z', status: 'Running', metadata: null };
    const cancelled = { ...JOIN_OPERATION, id: 'c', status: 'Cancelled' };
    const pending = { ...TRUST_OPERATION, id: 'p', status: 'Pending', created_at: '2026-12-06T14:00:00.000000001Z' };
    const ids = liveTokenOperations({ running: [TRUST_OPERATION, JOIN_OPERATION, task], cancelled: [cancelled], pending: [pending] }).map((operation) => operation.id);
    expect(ids).toEqual(['p', JOIN_OPERATION.id, TRUST_OPERATION.id]);
    expect(liveTokenOperations(null)).toEqual([]);
  });
});
