import { describe, expect, it } from 'vitest';
import { sameTextMemo } from './same-text-memo.ts';

describe('sameTextMemo', () => {
  it('parses a path again only when its text changed; a parse that throws is not kept', () => {
    const parsed: string[] = [];
    const parse = sameTextMemo((path: string, text: string) => {
      parsed.push(`${path}:${text}`);
      if (text === 'bad') throw new Error('bad');
      return { path, text };
    });
    const first = parse('a', 'one');
    expect(parse('a', 'one')).toBe(first);
    expect(parse('b', 'one')).not.toBe(first);
    expect(parse('a', 'two')).toEqual({ path: 'a', text: 'two' });
    expect(() => parse('a', 'bad')).toThrow('bad');
    expect(() => parse('a', 'bad')).toThrow('bad');
    expect(parsed).toEqual(['a:one', 'b:one', 'a:two', 'a:bad', 'a:bad']);
  });
});
