import { describe, expect, it } from 'vitest';
import type { TokenEntry } from '../../src/ui/shared/token-data.ts';
import { nextSortKey, visibleRows } from '../../src/ui/features/list/token-view.ts';
import { HOUR, T0, token } from './fixtures.ts';

const entries: TokenEntry[] = [
  token('bbbbbb', { description: 'Workers', expiresAt: T0 + 2 * HOUR }),
  token('aaaaaa', { description: 'control plane', expiresAt: null, groups: ['system:bootstrappers:edge'] }),
  token('cccccc', { description: '', expiresAt: T0 + HOUR }),
].map((item) => ({ token: item, reportedAt: T0 }));

const ids = (rows: readonly TokenEntry[]) => rows.map((entry) => entry.token.id);

describe('visible rows', () => {
  it('sorts by expiry (never last), id and description (empty last)', () => {
    expect(ids(visibleRows(entries, '', 'expiry'))).toEqual(['cccccc', 'bbbbbb', 'aaaaaa']);
    expect(ids(visibleRows(entries, '', 'id'))).toEqual(['aaaaaa', 'bbbbbb', 'cccccc']);
    expect(ids(visibleRows(entries, '', 'description'))).toEqual(['aaaaaa', 'bbbbbb', 'cccccc']);
  });

  it('cycles the sort key', () => {
    expect(nextSortKey('expiry')).toBe('id');
    expect(nextSortKey('id')).toBe('description');
    expect(nextSortKey('description')).toBe('expiry');
  });

  it('filters case-insensitively on id, description and groups', () => {
    expect(ids(visibleRows(entries, 'BBB', 'id'))).toEqual(['bbbbbb']);
    expect(ids(visibleRows(entries, 'plane', 'id'))).toEqual(['aaaaaa']);
    expect(ids(visibleRows(entries, 'edge', 'id'))).toEqual(['aaaaaa']);
    expect(ids(visibleRows(entries, 'kubeadm:default', 'id'))).toEqual(['bbbbbb', 'cccccc']);
    expect(ids(visibleRows(entries, 'nothing-matches', 'id'))).toEqual([]);
  });
});
