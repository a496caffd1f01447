import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTable, printable, tableStream, withTerminalSafeStreams, writeJson, writeJsonArray } from '../../src/cli/output.ts';

describe('withTerminalSafeStreams', () => {
  it('escapes what is written, and reads the other fields only when they are read (process-main.ts asks isatty lazily)', () => {
    const written: string[] = [];
    let asked = 0;
    const io = {
      stdout: { write: (chunk: string) => written.push(chunk) },
      stderr: { write: (chunk: string) => written.push(chunk) },
      get stdinIsTTY() {
        asked += 1;
        return true;
      },
    };
    const safe = withTerminalSafeStreams(io);
    expect(asked).toBe(0);
    safe.stdout.write('a\u001b[2Jb');
    expect(written).toEqual(['a\\x1b[2Jb']);
    expect(safe.stdinIsTTY).toBe(true);
    expect(asked).toBe(1);
  });
});

describe('tableStream', () => {
  it('lays out each call\'s rows with every column as wide as its widest cell so far; the header once', () => {
    const table = tableStream(['A', 'B', 'LAST']);
    expect(table([['x', 'y', 'z']])).toBe('A         B         LAST\nx         y         z\n');
    expect(table([['a-much-longer-cell', 'y', 'z']])).toBe('a-much-longer-cell   y         z\n');
    expect(table([['x', 'y', 'z', 'beyond the headers']])).toBe('x                    y         zbeyond the headers\n');
    expect(tableStream(['A', 'B'], true)([['x', 'y']])).toBe('x         y\n');
  });
});

describe('formatTable', () => {
  it('pads like Go tabwriter(minwidth 10, padding 3) and leaves the last column unpadded', () => {
    const text = formatTable(['ID', 'NAME', 'LAST'], [['abcdefghijkl', 'x', 'tail'], ['a', 'b', '']]);
    expect(text.split('\n')).toEqual([
      'ID             NAME      LAST',
      'abcdefghijkl   x         tail',
      'a              b         ',
      '',
    ]);
  });

  it('defuses control characters that came from the cluster', () => {
    expect(printable('evil\u001b[2Jtext\nnext\ttab')).toBe('evil\\x1b[2Jtext\\x0anext\\x09tab');
    expect(formatTable(['A', 'B'], [['x\ny', 'z']])).toBe('A         B\nx\\x0ay    z\n');
  });
});

describe('writeJsonArray', () => {
  const collect = (write: (sink: { write: (text: string) => boolean }) => void) => {
    const parts: string[] = [];
    write({ write: (text) => parts.push(text) > 0 });
    return { text: parts.join(''), writes: parts.length };
  };

  it('writes what writeJson writes for the whole array, in batches of 250', () => {
    for (const length of [0, 1, 2, 249, 250, 251, 999, 1000, 1001, 2500]) {
      const items = Array.from({ length }, (_, index) => ({ index, name: `token ${index} · \u202e`, list: index % 2 ? [] : ['a', { b: index }] }));
      const whole = collect((sink) => writeJson(sink, items));
      const batched = collect((sink) => writeJsonArray(sink, items, (item) => item));
      expect(batched.text, `${length} items`).toBe(whole.text);
      expect(batched.writes).toBe(length === 0 ? 1 : 1 + Math.ceil(length / 250));
    }
  });

  it('any values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 30 }), (items) => {
        expect(collect((sink) => writeJsonArray(sink, items, (item) => item)).text).toBe(collect((sink) => writeJson(sink, items)).text);
      }),
    );
  });
});
