import { describe, expect, it } from 'vitest';
import { formatTokenTable, toListedToken } from '../../src/cli/commands/list.ts';
import type { Token } from '../../src/core/token.ts';

const now = Date.parse('2026-03-01T12:00:00Z');

const base: Token = {
  id: 'abcdef',
  description: '',
  expiresAt: now + 23 * 3600_000 + 59 * 60_000,
  usages: ['authentication', 'signing'],
  groups: ['system:bootstrappers:kubeadm:default-node-token'],
  invalidReason: null,
};

describe('list -o table', () => {
  it("prints kubeadm's columns with <none>, <forever> and <never>, ids only", () => {
    const table = formatTokenTable(
      [
        base,
        { ...base, id: 'ghijkl', expiresAt: null, usages: [], groups: [], description: 'forever token' },
        { ...base, id: 'mnopqr', expiresAt: now - 60_000 },
      ],
      now,
    );
    expect(table.split('\n')).toEqual([
      'TOKEN     TTL         EXPIRES                USAGES                   DESCRIPTION     EXTRA GROUPS',
      'abcdef    23h         2026-03-02T11:59:00Z   authentication,signing   <none>          system:bootstrappers:kubeadm:default-node-token',
      'ghijkl    <forever>   <never>                <none>                   forever token   <none>',
      'mnopqr    <invalid>   2026-03-01T11:59:00Z   authentication,signing   <none>          system:bootstrappers:kubeadm:default-node-token',
      '',
    ]);
  });

  it('a REST service: scope, uses left of the limit, the default marker and <used-up>, the description last', () => {
    const rest: Token = { ...base, usages: [], groups: [], scope: 'workers', usesRemaining: 3, fields: { scope: 'workers', maxUses: 5 }, isDefault: false, description: 'rack 12' };
    const table = formatTokenTable(
      [
        rest,
        { ...rest, id: 'fleet1', isDefault: true, usesRemaining: null, fields: { scope: 'workers', maxUses: null }, expiresAt: null, description: 'fleet default' },
        { ...rest, id: 'once01', usesRemaining: 0, fields: { scope: '', maxUses: 1 }, scope: '', description: 'one-shot gpu' },
      ],
      now,
    );
    expect(table.split('\n')).toEqual([
      'TOKEN     TTL         EXPIRES                SCOPE     USES LEFT   DEFAULT   DESCRIPTION',
      'abcdef    23h         2026-03-02T11:59:00Z   workers   3/5         -         rack 12',
      'fleet1    <forever>   <never>                workers   unlimited   yes       fleet default',
      'once01    <used-up>   2026-03-02T11:59:00Z   <none>    0/1         -         one-shot gpu',
      '',
    ]);
    expect(toListedToken({ ...rest, usesRemaining: 0 }, now)).toMatchObject({ status: 'used-up', usesRemaining: 0 });
  });

  it('shows an unusable record as <invalid> with its reason', () => {
    const table = formatTokenTable([{ ...base, invalidReason: 'expiration is not RFC 3339' }], now);
    expect(table.split('\n')[1]).toMatch(/^abcdef\s+<invalid>\s+\S+\s+\S+\s+expiration is not RFC 3339\s+/);
  });
});

describe('list -o json element', () => {
  it('has the documented fields, whole remaining seconds and RFC 3339 without fractions', () => {
    expect(toListedToken({ ...base, expiresAt: now + 90_500 }, now)).toEqual({
      id: 'abcdef',
      description: '',
      expiresAt: '2026-03-01T12:01:30Z',
      ttlSeconds: 90,
      status: 'active',
      usages: ['authentication', 'signing'],
      groups: ['system:bootstrappers:kubeadm:default-node-token'],
    });
  });

  it('marks never, expired and invalid tokens, and carries adapter fields without letting extras override', () => {
    expect(toListedToken({ ...base, expiresAt: null }, now)).toMatchObject({ expiresAt: null, ttlSeconds: null, status: 'active' });
    expect(toListedToken({ ...base, expiresAt: now - 5_000 }, now)).toMatchObject({ ttlSeconds: 0, status: 'expired' });
    expect(toListedToken({ ...base, invalidReason: 'bad' }, now)).toMatchObject({ status: 'invalid', invalidReason: 'bad' });
    const rest = toListedToken(
      { ...base, usages: [], groups: [], isDefault: true, usesRemaining: null, scope: 'workers', extras: { id: 'spoof', createdBy: 'ops' } },
      now,
    );
    expect(rest).toMatchObject({ id: 'abcdef', isDefault: true, usesRemaining: null, scope: 'workers', createdBy: 'ops' });
  });
});
