import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createListBodyReader, JsonBodyError } from './list-body.ts';

/** Reads `text` cut at `cuts` (byte offsets) and returns the items handed over and the envelope. */
function read(text: string | Buffer, cuts: readonly number[] = []): { items: unknown[]; envelope: unknown } {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const items: unknown[] = [];
  const reader = createListBodyReader((item) => items.push(item));
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    reader.write(bytes.subarray(start, cut));
    start = cut;
  }
  reader.write(bytes.subarray(start));
  const envelope = reader.end();
  expect(reader.itemCount).toBe(items.length);
  return { items, envelope };
}

/** Every way of cutting a short text into two or three chunks gives the same result. */
function everyCut(text: string): { items: unknown[]; envelope: unknown } {
  const bytes = Buffer.from(text);
  const whole = read(bytes);
  for (let a = 0; a <= bytes.length; a++) {
    expect(read(bytes, [a])).toEqual(whole);
    for (let b = a; b <= bytes.length; b += 3) expect(read(bytes, [a, b])).toEqual(whole);
  }
  return whole;
}

function failure(text: string, cuts: readonly number[] = []): unknown {
  try {
    read(text, cuts);
  } catch (error) {
    return error;
  }
  throw new Error(`read ${JSON.stringify(text)} without an error`);
}

describe('createListBodyReader', () => {
  it('hands over each element of items and returns the rest with items: []', () => {
    const list = { kind: 'SecretList', apiVersion: 'v1', metadata: { resourceVersion: '7', continue: 'x' }, items: [{ a: 1 }, { b: 'two', c: [3, { d: null }] }] };
    expect(everyCut(JSON.stringify(list))).toEqual({ items: list.items, envelope: { ...list, items: [] } });
  });

  it('strings holding quotes, backslashes, braces and brackets, cut anywhere', () => {
    const tricky = ['\\', '\\\\', '"', '\\"', '}]', '{"items":[', 'héllo → 東京', '\u2028', 'a\\"}'];
    const list = { metadata: { note: 'items"[{' }, items: tricky.map((value, index) => ({ [value]: value, index })), 'items\\': tricky };
    expect(everyCut(JSON.stringify(list))).toEqual({ items: list.items, envelope: { ...list, items: [] } });
  });

  it('elements that are not objects are handed over as what they are', () => {
    expect(everyCut('{"items":[1, "two" ,null,true,[3],{"x":-4.5e3}, 7]}')).toEqual({ items: [1, 'two', null, true, [3], { x: -4500 }, 7], envelope: { items: [] } });
  });

  it('whitespace anywhere, an empty items, items after the metadata', () => {
    expect(everyCut(' \n{ "metadata" : {"resourceVersion":"1"} ,\r\n\t"items" : [ ] } \n')).toEqual({ items: [], envelope: { metadata: { resourceVersion: '1' }, items: [] } });
    expect(read('{"items":[{"a":1}\n,\n{"a":2}\n]}').items).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('an items key written with escapes is items, as JSON.parse reads it', () => {
    expect(read('{"it\\u0065ms":[{"a":1}]}')).toEqual({ items: [{ a: 1 }], envelope: { items: [] } });
  });

  it('items that is not an array stays in the answer for the caller to refuse', () => {
    expect(read('{"items":{"a":[1]},"kind":"x"}')).toEqual({ items: [], envelope: { items: { a: [1] }, kind: 'x' } });
    expect(read('{"items":null}')).toEqual({ items: [], envelope: { items: null } });
    expect(read('{"items":"[1]"}')).toEqual({ items: [], envelope: { items: '[1]' } });
  });

  it('items nested deeper is an ordinary value', () => {
    expect(read('{"metadata":{"items":[1,2]},"items":[{"n":1}]}')).toEqual({ items: [{ n: 1 }], envelope: { metadata: { items: [1, 2] }, items: [] } });
  });

  it('a body that is not an object is parsed whole at the end', () => {
    expect(read('  [1,2]')).toEqual({ items: [], envelope: [1, 2] });
    expect(read('null')).toEqual({ items: [], envelope: null });
    expect(read('')).toEqual({ items: [], envelope: undefined });
    expect(failure('   ')).toBeInstanceOf(JsonBodyError);
    expect(failure('oops')).toBeInstanceOf(JsonBodyError);
  });

  it('what JSON.parse refuses is refused', () => {
    for (const text of [
      '{"items":[{"a":1},]}',
      '{"items":[,{"a":1}]}',
      '{"items":[{"a":1}{"a":2}]}',
      '{"items":[{"a":1}',
      '{"items":[{"a":}]}',
      '{"items":[{"a":1}],}',
      '{"kind":"x"',
      '{"kind":"x"}{"kind":"y"}',
      '{"kind":"x"} 1',
      '{"items":[1 2]}',
      '{"items":["a"',
      '{"items":[tru]}',
      '{"metadata":{"a":1}}}',
    ]) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(failure(text), text).toBeInstanceOf(JsonBodyError);
    }
  });

  it('a second items array is refused rather than half-read', () => {
    expect(failure('{"items":[{"a":1}],"items":[{"a":2}]}')).toBeInstanceOf(JsonBodyError);
  });

  it("what onItem throws stops the read: the caller's checks of each element", () => {
    const reader = createListBodyReader((item) => {
      if (typeof item !== 'object') throw new Error(`bad ${JSON.stringify(item)}`);
    });
    expect(() => {
      reader.write(Buffer.from('{"items":[{"a":1},2,{"a":3}]}'));
      reader.end();
    }).toThrow('bad 2');
  });

  it('a cut that falls inside a string or a nested list of objects is never taken for one between elements', () => {
    const items = Array.from({ length: 40 }, (_, index) => ({
      note: index % 3 === 0 ? '},{"fake":1},{' : `x},{${index}`,
      managedFields: [{ f: {} }, { g: [{}, {}] }],
      deep: { list: [{ a: index }, { b: '},{' }] },
    }));
    const text = JSON.stringify({ kind: 'List', items, metadata: { continue: '' } });
    for (const size of [7, 64, 500, 4096]) {
      const cuts = Array.from({ length: Math.floor(text.length / size) }, (_, index) => (index + 1) * size);
      expect(read(text, cuts)).toEqual({ items, envelope: { kind: 'List', items: [], metadata: { continue: '' } } });
    }
  });

  it('a layout without a cut to batch on (pretty JSON past 256 KB) is read exactly', () => {
    const items = Array.from({ length: 3000 }, (_, index) => ({ name: `item-${index}`, data: { value: 'v'.repeat(40) } }));
    const text = JSON.stringify({ items }, null, 2);
    expect(text.length).toBeGreaterThan(300 * 1024);
    const cuts = Array.from({ length: Math.floor(text.length / 16384) }, (_, index) => (index + 1) * 16384);
    expect(read(text, cuts).items).toEqual(items);
  });

  it('agrees with JSON.parse on any list, cut anywhere (property)', () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(fc.dictionary(fc.string(), json, { maxKeys: 3 }), fc.array(json, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 4 }), fc.boolean(), (rest, items, cuts, pretty) => {
        const body = { ...rest, items };
        const text = JSON.stringify(body, null, pretty ? 2 : undefined);
        const bytes = Buffer.from(text);
        const expected = JSON.parse(text) as { items: unknown[] };
        const result = read(bytes, cuts.map((cut) => cut % (bytes.length + 1)));
        expect(result.items).toEqual(expected.items);
        expect(result.envelope).toEqual({ ...expected, items: [] });
      }),
      { numRuns: 400 },
    );
  });

  it('never accepts what JSON.parse refuses (property: one byte changed)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }), fc.nat(), fc.constantFrom(...'{}[]",: \\x1'), fc.array(fc.nat(), { maxLength: 3 }), (items, where, replacement, cuts) => {
        const text = JSON.stringify({ metadata: { resourceVersion: '1' }, items });
        const at = where % text.length;
        const mutated = text.slice(0, at) + replacement + text.slice(at + 1);
        let parsedOk = true;
        try {
          JSON.parse(mutated);
        } catch {
          parsedOk = false;
        }
        if (parsedOk) return;
        expect(failure(mutated, cuts.map((cut) => cut % (mutated.length + 1)))).toBeInstanceOf(JsonBodyError);
      }),
      { numRuns: 1000 },
    );
  });
});
