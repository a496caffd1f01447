// kubectl's JSONPath examples (kubernetes.io/docs/reference/kubectl/jsonpath/) on a token
// list, the printing rules, and the errors.
import { describe, expect, it } from 'vitest';
import { executeTemplate, JsonPathError, parseRelaxedPath, parseTemplate, evaluatePath } from './jsonpath.ts';

const list = {
  kind: 'List',
  items: [
    { id: 'abcdef', description: 'rack 12', ttlSeconds: 3600, status: 'active', usages: ['authentication', 'signing'], isDefault: false, expiresAt: '2026-03-02T11:59:00Z' },
    { id: 'ghijkl', description: '', ttlSeconds: null, status: 'active', usages: [], isDefault: true, expiresAt: null },
    { id: 'mnopqr', description: 'old', ttlSeconds: 0, status: 'expired', usages: ['signing'], isDefault: false, expiresAt: '2026-03-01T11:59:00Z', extra: { a: { id: 'nested' } } },
  ],
};

const run = (template: string, data: unknown = list) => executeTemplate(parseTemplate(template), data);

describe("kubectl's template syntax", () => {
  it('prints text outside braces as it is, and fields inside', () => {
    expect(run('kind: {.kind}!')).toBe('kind: List!');
    expect(run('{$.kind}{@.kind}{.kind}')).toBe('ListListList');
    expect(run('no braces at all')).toBe('no braces at all');
  });

  it('[*] gives every element, the results of one action separated by a space', () => {
    expect(run('{.items[*].id}')).toBe('abcdef ghijkl mnopqr');
    expect(run('{.items.*.id}')).toBe('abcdef ghijkl mnopqr');
  });

  it('range ... end with quoted escapes', () => {
    expect(run('{range .items[*]}{.id}{"\\t"}{.status}{"\\n"}{end}')).toBe('abcdef\tactive\nghijkl\tactive\nmnopqr\texpired\n');
    expect(run("{range .items[*]}[{.id},{'x'}]{end}")).toBe('[abcdef,x][ghijkl,x][mnopqr,x]');
  });

  it('nested ranges', () => {
    expect(run('{range .items[*]}{.id}:{range .usages[*]}<{@}>{end};{end}')).toBe('abcdef:<authentication><signing>;ghijkl:;mnopqr:<signing>;');
  });

  it('indexes, negative indexes and slices', () => {
    expect(run('{.items[0].id}')).toBe('abcdef');
    expect(run('{.items[-1].id}')).toBe('mnopqr');
    expect(run('{.items[0:2].id}')).toBe('abcdef ghijkl');
    expect(run('{.items[-2:].id}')).toBe('ghijkl mnopqr');
    expect(run('{.items[::2].id}')).toBe('abcdef mnopqr');
    expect(run('{.items[::-1].id}')).toBe('mnopqr ghijkl abcdef');
    expect(run('{.items[1:99].id}')).toBe('ghijkl mnopqr');
  });

  it('unions of indexes and keys', () => {
    expect(run('{.items[0,2].id}')).toBe('abcdef mnopqr');
    expect(run("{.items[0]['id','status']}")).toBe('abcdef active');
    expect(run("{['kind']}")).toBe('List');
  });

  it('filters: comparisons, existence, numbers and booleans', () => {
    expect(run('{.items[?(@.status=="expired")].id}')).toBe('mnopqr');
    expect(run("{.items[?(@.status != 'expired')].id}")).toBe('abcdef ghijkl');
    expect(run('{.items[?(@.ttlSeconds < 3600)].id}')).toBe('mnopqr');
    expect(run('{.items[?(@.ttlSeconds >= 3600)].id}')).toBe('abcdef');
    expect(run('{.items[?(@.isDefault == true)].id}')).toBe('ghijkl');
    expect(run('{.items[?(@.extra)].id}')).toBe('mnopqr');
    expect(run('{.items[?(@.description == "rack 12")].id}')).toBe('abcdef');
  });

  it('recursive descent', () => {
    expect(run('{..id}')).toBe('abcdef ghijkl mnopqr nested');
  });

  it('prints objects and arrays as JSON, null as <nil>, numbers and booleans as text', () => {
    expect(run('{.items[0].usages}')).toBe('["authentication","signing"]');
    expect(run('{.items[2].extra}')).toBe('{"a":{"id":"nested"}}');
    expect(run('{.items[1].expiresAt}')).toBe('<nil>');
    expect(run('{.items[0].ttlSeconds} {.items[1].isDefault}')).toBe('3600 true');
    expect(run('{.}', { a: 1 })).toBe('{"a":1}');
  });

  it('a missing field is no result, not an error', () => {
    expect(run('[{.nothing}] [{.items[*].nothing}]')).toBe('[] []');
  });

  it('text from the data goes through the escape, the template\'s own text does not', () => {
    const data = { text: 'a\nb' };
    const escaped = executeTemplate(parseTemplate('{.text}{"\\n"}'), data, { escapeValue: (text) => text.replaceAll('\n', '\\n') });
    expect(escaped).toBe('a\\nb\n');
  });
});

describe('errors', () => {
  it.each([
    ['{.a', /unclosed action/],
    ['{range .items[*]}{.id}', /has no \{end\}/],
    ['{end}', /closes no \{range\}/],
    ['{items}', /unknown word "items".*\.items/],
    ['{.items[x]}', /is not an index/],
    ['{.items[?(@.a =~ "x")]}', /unknown comparison "=~"/],
    ['{"abc}', /unterminated quoted text/],
    ['{.items[0}', /unterminated \[|unclosed/],
    ['{.a[::0]}', /step cannot be 0/],
    ['{range}', /needs a path/],
  ])('%s', (template, message) => {
    expect(() => parseTemplate(template)).toThrow(message);
    expect(() => parseTemplate(template)).toThrow(JsonPathError);
  });

  it('an index out of bounds and a slice of an object fail when run', () => {
    expect(() => run('{.items[7].id}')).toThrow(/out of bounds/);
    expect(() => run('{.kind[0]}')).toThrow(/needs an array/);
  });

  it('a template longer than the limit is refused', () => {
    expect(() => parseTemplate('x'.repeat(20_000))).toThrow(/longer than/);
  });
});

describe('relaxed paths (custom-columns, --sort-by)', () => {
  it.each(['.id', 'id', '{.id}', '{id}'])('%s', (expression) => {
    expect(evaluatePath(parseRelaxedPath(expression), list.items)).toEqual(['abcdef', 'ghijkl', 'mnopqr']);
  });

  it('refuses trailing garbage and an empty path', () => {
    expect(() => parseRelaxedPath('.id}')).toThrow(JsonPathError);
    expect(() => parseRelaxedPath('')).toThrow(/empty/);
  });
});
