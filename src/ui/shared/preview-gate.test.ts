import { describe, expect, it } from 'vitest';
import { CONFIRM_DWELL_MS, confirmDwellFrom, gateOpensAt, gateState, openGate, seen } from './preview-gate.ts';

describe('the preview gate', () => {
  it('opens only once every line was on screen and the dwell has passed', () => {
    const gate = openGate(1_000, 0, 10, 25);
    expect(gateState(gate, 1_000 + CONFIRM_DWELL_MS, 25)).toEqual({ kind: 'unread', remaining: 15 });
    const scrolled = seen(gate, 12, 10, 25);
    expect(gateState(scrolled, 1_000 + CONFIRM_DWELL_MS, 25)).toEqual({ kind: 'unread', remaining: 3 });
    const bottom = seen(scrolled, 15, 10, 25);
    expect(bottom.seenAll).toBe(true);
    expect(gateState(bottom, 1_000 + CONFIRM_DWELL_MS - 1, 25)).toEqual({ kind: 'dwell', msLeft: 1, dwellMs: CONFIRM_DWELL_MS });
    expect(gateState(bottom, 1_000 + CONFIRM_DWELL_MS, 25)).toEqual({ kind: 'open' });
    // Seen stays seen: scrolling back up, or a resize that re-wraps to more lines, does not shut it.
    expect(gateState(seen(bottom, 0, 5, 40), 99_999, 40)).toEqual({ kind: 'open' });
    expect(gateOpensAt(bottom, 1_000)).toBe(1_000 + CONFIRM_DWELL_MS);
    expect(gateOpensAt(bottom, 1_000 + CONFIRM_DWELL_MS)).toBeNull();
  });

  it('a preview that fits is read at once; an undrawn one (null) is shut', () => {
    expect(openGate(0, 0, 20, 7).seenAll).toBe(true);
    expect(gateState(null, 10_000, 7).kind).toBe('dwell');
  });

  it('TOKENTUI_CONFIRM_DWELL_MS lengthens the dwell, never shortens it', () => {
    expect(confirmDwellFrom({})).toBe(CONFIRM_DWELL_MS);
    expect(confirmDwellFrom({ TOKENTUI_CONFIRM_DWELL_MS: '3000' })).toBe(3_000);
    expect(confirmDwellFrom({ TOKENTUI_CONFIRM_DWELL_MS: '0' })).toBe(CONFIRM_DWELL_MS);
    expect(confirmDwellFrom({ TOKENTUI_CONFIRM_DWELL_MS: '-5' })).toBe(CONFIRM_DWELL_MS);
    expect(confirmDwellFrom({ TOKENTUI_CONFIRM_DWELL_MS: '900000' })).toBe(60_000);
    expect(gateState(openGate(0, 0, 20, 7, 3_000), 2_999, 7)).toMatchObject({ kind: 'dwell', dwellMs: 3_000 });
  });
});
