import { describe, expect, it } from 'vitest';
import { copyableFields, describeFieldValue, fieldApplies, fieldValueText, parseFieldText, requestFieldsProblem, type CreateFieldSpec, type ListFieldSpec } from './create-fields.ts';

const KIND: CreateFieldSpec = { kind: 'choice', key: 'kind', label: 'kind', flag: 'kind', help: '', default: 'join', choices: [{ value: 'join', help: '' }, { value: 'trust', help: '' }] };
const PROJECTS: ListFieldSpec = {
  kind: 'list',
  key: 'projects',
  label: 'projects',
  flag: 'projects',
  help: '',
  default: null,
  unset: { label: 'all (not restricted)', emptyWord: 'none' },
  itemPattern: '[^\\s/]+',
  appliesWhen: { key: 'kind', values: ['trust'] },
};
const TAGS: ListFieldSpec = { kind: 'list', key: 'tags', label: 'tags', flag: 'tags', help: '', default: [] };
const SPECS = [KIND, PROJECTS];

describe('list fields whose absence is not an empty list (unset)', () => {
  it('reads empty text as no list and the empty word as an empty list, and writes them back the same way', () => {
    for (const [text, value] of [['', null], ['none', []], ['a, b', ['a', 'b']]] as const) {
      expect(parseFieldText(PROJECTS, text)).toEqual({ ok: true, value });
      expect(parseFieldText(PROJECTS, fieldValueText(PROJECTS, value))).toEqual({ ok: true, value });
    }
    expect(describeFieldValue(PROJECTS, null)).toBe('all (not restricted)');
    expect(describeFieldValue(PROJECTS, [])).toBe('(none)');
    // Without unset, a list's empty text is the empty list and null is no value of it.
    expect(parseFieldText(TAGS, '')).toEqual({ ok: true, value: [] });
    expect(requestFieldsProblem([TAGS], { tags: null })).toMatchObject({ field: 'tags' });
  });

  it('checks a list value item by item (an empty item or one with a comma is refused, not merged away)', () => {
    expect(requestFieldsProblem(SPECS, { kind: 'trust', projects: ['a', 'b'] })).toBeNull();
    expect(requestFieldsProblem(SPECS, { kind: 'trust', projects: null })).toBeNull();
    for (const projects of [['a', ''], ['a,b'], [' a'], ['a b'], ['a/b']]) {
      expect(requestFieldsProblem(SPECS, { kind: 'trust', projects }), JSON.stringify(projects)).toMatchObject({ field: 'projects' });
    }
  });
});

describe('fields that apply only to some tokens (appliesWhen)', () => {
  it('applies by the other field, or its default when the request leaves it out', () => {
    expect(fieldApplies(PROJECTS, SPECS, { kind: 'trust' })).toBe(true);
    expect(fieldApplies(PROJECTS, SPECS, { kind: 'join' })).toBe(false);
    expect(fieldApplies(PROJECTS, SPECS, {})).toBe(false);
    expect(fieldApplies(KIND, SPECS, {})).toBe(true);
  });

  it('refuses a request carrying a field that does not apply, naming it and why', () => {
    expect(requestFieldsProblem(SPECS, { kind: 'join', projects: ['a'] })).toEqual({ field: 'projects', message: 'projects is only for kind trust' });
    expect(requestFieldsProblem(SPECS, { projects: null })).toEqual({ field: 'projects', message: 'projects is only for kind trust' });
  });

  it("copies what a token carries, so a replacement's fields equal the old token's", () => {
    expect(copyableFields(SPECS, { kind: 'trust', projects: [] })).toEqual({ kind: 'trust', projects: [] });
    expect(copyableFields(SPECS, { kind: 'join' })).toEqual({ kind: 'join' });
  });
});
