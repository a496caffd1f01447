import { describe, expect, it } from 'vitest';
import { byCodeUnits } from './code-unit-order.ts';

describe('byCodeUnits', () => {
  it('orders as kubectl does (bytes, so upper case before lower case), whatever the locale', () => {
    expect(['lab', 'Prod', 'fleet-10', 'fleet-2', 'fleet-1', 'été', 'zone'].sort(byCodeUnits)).toEqual(['Prod', 'fleet-1', 'fleet-10', 'fleet-2', 'lab', 'zone', 'été']);
    expect(byCodeUnits('a', 'a')).toBe(0);
  });
});
