// No import cycle anywhere in src/: type-only imports count (a cycle of types is still two
// modules that cannot be understood, or moved, one without the other).
import { describe, expect, it } from 'vitest';
import { cycles, importGraph, sourceFiles } from './import-graph.ts';

describe('the import graph of src/', () => {
  it('has no cycle', () => {
    const graph = importGraph();
    expect(graph.size).toBe(sourceFiles().length);
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one (control), type-only imports and re-exports included', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['self.ts', ['self.ts']],
    ]);
    expect(cycles(graph).map((group) => group.join(' '))).toEqual(expect.arrayContaining(['a.ts b.ts c.ts', 'self.ts']));
    expect(cycles(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([]);
  });
});
