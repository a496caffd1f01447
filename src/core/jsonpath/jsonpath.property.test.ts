// Properties of the JSONPath parser and evaluator against a model written the plain way
// (JavaScript property access, Array.prototype.slice, filter), on generated data and templates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executeTemplate, formatValue, JsonPathError, parseTemplate } from './jsonpath.ts';

const RUNS = { numRuns: 400 };

const key = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_-]{0,8}$/);
const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
const item = fc.record({ id: fc.stringMatching(/^[a-z0-9]{1,6}$/), n: fc.integer({ min: -50, max: 50 }), s: fc.string() });
const items = fc.array(item, { maxLength: 12 });

describe('JSONPath properties', () => {
  it('{.a.b.c} prints the value reached by property access', () => {
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 4 }), scalar, (keys, leaf) => {
        const data = keys.reduceRight<unknown>((inner, name) => ({ [name]: inner }), leaf);
        const template = `{${keys.map((name) => `.${name}`).join('')}}`;
        expect(executeTemplate(parseTemplate(template), data)).toBe(formatValue(leaf));
      }),
      RUNS,
    );
  });

  it('{.items[*].id} is the ids joined by a space; range prints one line each', () => {
    fc.assert(
      fc.property(items, (list) => {
        const data = { items: list };
        expect(executeTemplate(parseTemplate('{.items[*].id}'), data)).toBe(list.map((entry) => entry.id).join(' '));
        expect(executeTemplate(parseTemplate('{range .items[*]}{.id}{"\\n"}{end}'), data)).toBe(list.map((entry) => `${entry.id}\n`).join(''));
      }),
      RUNS,
    );
  });

  it('slices with non-negative bounds agree with Array.prototype.slice', () => {
    fc.assert(
      fc.property(items, fc.nat(15), fc.nat(15), (list, start, end) => {
        const got = executeTemplate(parseTemplate(`{.items[${start}:${end}].id}`), { items: list });
        expect(got).toBe(list.slice(start, end).map((entry) => entry.id).join(' '));
      }),
      RUNS,
    );
  });

  it('negative indexes count from the end', () => {
    fc.assert(
      fc.property(items.filter((list) => list.length > 0), fc.nat(30), (list, offset) => {
        const index = -1 - (offset % list.length);
        expect(executeTemplate(parseTemplate(`{.items[${index}].id}`), { items: list })).toBe(list.at(index)!.id);
      }),
      RUNS,
    );
  });

  it('a numeric filter keeps exactly the elements the comparison holds for', () => {
    const operators = fc.constantFrom(['<', (a: number, b: number) => a < b], ['<=', (a: number, b: number) => a <= b], ['>', (a: number, b: number) => a > b], ['>=', (a: number, b: number) => a >= b], ['==', (a: number, b: number) => a === b], ['!=', (a: number, b: number) => a !== b]);
    fc.assert(
      fc.property(items, operators, fc.integer({ min: -50, max: 50 }), (list, [operator, holds], bound) => {
        const got = executeTemplate(parseTemplate(`{.items[?(@.n ${operator} ${bound})].id}`), { items: list });
        expect(got).toBe(list.filter((entry) => holds(entry.n, bound)).map((entry) => entry.id).join(' '));
      }),
      RUNS,
    );
  });

  it('a string filter matches quoted text with escapes exactly', () => {
    fc.assert(
      fc.property(items, fc.string(), (list, wanted) => {
        const withWanted = [...list, { id: 'match', n: 0, s: wanted }];
        const quoted = JSON.stringify(wanted); // a JSON string is a Go-quoted string for these escapes
        fc.pre(!/\\u[dD][89abAB]/.test(quoted)); // lone surrogates are written as \uXXXX pairs Go reads differently
        const got = executeTemplate(parseTemplate(`{.items[?(@.s == ${quoted})].id}`), { items: withWanted });
        expect(got).toBe(withWanted.filter((entry) => entry.s === wanted).map((entry) => entry.id).join(' '));
      }),
      RUNS,
    );
  });

  it('any text without braces prints itself', () => {
    fc.assert(
      fc.property(fc.string().filter((text) => !text.includes('{')), (text) => {
        expect(executeTemplate(parseTemplate(text), {})).toBe(text);
      }),
      RUNS,
    );
  });

  it('any input either parses or fails with a JsonPathError; a parsed one runs or fails the same way', () => {
    const templateish = fc.stringMatching(/^[{}[\]().@$*?!=<>'" a-z0-9:,\\-]{0,40}$/);
    fc.assert(
      fc.property(fc.oneof(templateish, fc.string()), (text) => {
        let template;
        try {
          template = parseTemplate(text);
        } catch (error) {
          expect(error).toBeInstanceOf(JsonPathError);
          return;
        }
        try {
          expect(typeof executeTemplate(template, { items: [{ id: 'a', n: 1 }], kind: 'List' })).toBe('string');
        } catch (error) {
          expect(error).toBeInstanceOf(JsonPathError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
