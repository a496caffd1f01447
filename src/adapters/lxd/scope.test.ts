import { describe, expect, it } from 'vitest';
import { TokenTuiError } from '../../core/errors.ts';
import { formatLxdScope, parseLxdScope } from './scope.ts';

describe('LXD token scope (the kind)', () => {
  it('defaults to a join token', () => {
    expect(parseLxdScope(undefined)).toEqual({ kind: 'join' });
    expect(parseLxdScope('  ')).toEqual({ kind: 'join' });
  });

  it('reads trust tokens, restricted or not, and formats them back', () => {
    for (const text of ['join', 'trust', 'trust projects=default', 'trust projects=default,web', 'trust projects=']) {
      expect(formatLxdScope(parseLxdScope(text))).toBe(text);
    }
    expect(parseLxdScope('trust projects= web , default,web')).toEqual({ kind: 'trust', restricted: true, projects: ['web', 'default'] });
  });

  it('refuses anything else with a validation error on the scope field', () => {
    for (const bad of ['Join', 'trusted', 'trust projects=a,,b', 'trust projects=a b', 'join projects=a']) {
      const error = (() => {
        try {
          parseLxdScope(bad);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error, bad).toBeInstanceOf(TokenTuiError);
      expect((error as TokenTuiError).kind).toBe('validation');
      expect((error as TokenTuiError).field).toBe('scope');
    }
  });
});
