import { describe, expect, it } from 'vitest';
import { namesSeveralContexts } from './fleet-flags.ts';

describe('namesSeveralContexts', () => {
  it.each([
    [['-A'], true],
    [['-o', 'json', '-A'], true],
    [['-Ao', 'json'], true],
    [['--all-contexts'], true],
    [['--contexts', 'a,b'], true],
    [['--contexts=a,b'], true],
    [['--context-glob', 'prod-*'], true],
    [['--context-glob=prod-*'], true],
    [['-o', 'json'], false],
    [['--context', 'prod'], false],
    [['--', '-A'], false],
  ])('%j -> %s', (args, expected) => {
    expect(namesSeveralContexts(args)).toBe(expected);
  });
});
