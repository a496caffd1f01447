import { describe, expect, it } from 'vitest';
import { parseFieldText } from '../../core/create-fields.ts';
import { TokenTuiError } from '../../core/errors.ts';
import { KIND_FIELD, PROJECTS_FIELD } from './create-fields.ts';
import { fieldsOfScope, formatLxdScope, scopeFromFields, type LxdTokenScope } from './scope.ts';

function refusal(fields: Parameters<typeof scopeFromFields>[0]): TokenTuiError {
  try {
    scopeFromFields(fields);
  } catch (caught) {
    expect(caught).toBeInstanceOf(TokenTuiError);
    return caught as TokenTuiError;
  }
  throw new Error(`accepted ${JSON.stringify(fields)}`);
}

describe('LXD token kind and projects (the create fields)', () => {
  it('defaults to a join token', () => {
    expect(scopeFromFields(undefined)).toEqual({ kind: 'join' });
    expect(scopeFromFields({})).toEqual({ kind: 'join' });
    expect(scopeFromFields({ kind: 'join' })).toEqual({ kind: 'join' });
  });

  it('reads trust tokens, restricted or not, and gives the same fields and column back', () => {
    const cases: [LxdTokenScope, string][] = [
      [{ kind: 'join' }, 'join'],
      [{ kind: 'trust', restricted: false }, 'trust'],
      [{ kind: 'trust', restricted: true, projects: ['default'] }, 'trust projects=default'],
      [{ kind: 'trust', restricted: true, projects: ['default', 'web'] }, 'trust projects=default,web'],
      [{ kind: 'trust', restricted: true, projects: [] }, 'trust projects='],
    ];
    for (const [scope, column] of cases) {
      expect(scopeFromFields(fieldsOfScope(scope)), column).toEqual(scope);
      expect(formatLxdScope(scope)).toBe(column);
    }
    expect(scopeFromFields({ kind: 'trust', projects: ['web', 'default', 'web'] })).toEqual({ kind: 'trust', restricted: true, projects: ['web', 'default'] });
  });

  it('types the projects as a list: empty is every project, none is no project', () => {
    expect(parseFieldText(PROJECTS_FIELD, '')).toEqual({ ok: true, value: null });
    expect(parseFieldText(PROJECTS_FIELD, ' none ')).toEqual({ ok: true, value: [] });
    expect(parseFieldText(PROJECTS_FIELD, ' web , default,web')).toEqual({ ok: true, value: ['web', 'default'] });
    expect(parseFieldText(PROJECTS_FIELD, 'a b')).toMatchObject({ ok: false });
    expect(parseFieldText(KIND_FIELD, 'trust')).toEqual({ ok: true, value: 'trust' });
    expect(parseFieldText(KIND_FIELD, 'trusted')).toMatchObject({ ok: false });
  });

  it('refuses anything else with a validation error naming the field', () => {
    const cases: [Parameters<typeof scopeFromFields>[0], string][] = [
      [{ kind: 'Join' }, 'kind'],
      [{ kind: 'trusted' }, 'kind'],
      [{ kind: 'trust', projects: ['a', ''] }, 'projects'],
      [{ kind: 'trust', projects: ['a b'] }, 'projects'],
      [{ kind: 'join', projects: ['a'] }, 'projects'],
      [{ projects: ['a'] }, 'projects'],
      [{ scope: 'trust' }, 'scope'],
    ];
    for (const [fields, field] of cases) {
      const error = refusal(fields);
      expect(error.kind, JSON.stringify(fields)).toBe('validation');
      expect(error.field, JSON.stringify(fields)).toBe(field);
    }
    expect(refusal({ kind: 'join', projects: ['a'] }).message).toMatch(/projects is only for kind trust/);
  });
});
