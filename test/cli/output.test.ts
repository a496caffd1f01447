import { describe, expect, it } from 'vitest';
import { formatTable, printable } from '../../src/cli/output.ts';

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
