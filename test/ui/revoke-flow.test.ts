// The revoke state machine without Ink: which results are applied, and that no path reaches
// 'revoking' without the core policy accepting the confirmation for this very preview.
import { describe, expect, it } from 'vitest';
import type { ImpactPreview } from '../../src/core/impact.ts';
import type { Token } from '../../src/core/token.ts';
import { KEYMAP, type CommandId } from '../../src/ui/view-model/commands.ts';
import { appReducer } from '../../src/ui/view-model/app-reducer.ts';
import { initialAppState, type AppState } from '../../src/ui/view-model/app-state.ts';
import { modeOf } from '../../src/ui/view-model/command-context.ts';
import { NO_MUTATIONS } from '../../src/ui/view-model/mutation-support.ts';
import { CHANGED_BANNER, confirmFlow, stepTicket, type RevokeEvent, type RevokeFlow } from '../../src/ui/features/revoke/revoke-flow.ts';
import { combineImpact } from '../../src/core/batch-impact.ts';
import { CONFIRM_DWELL_MS } from '../../src/ui/shared/preview-gate.ts';
import { T0, token } from './fixtures.ts';

const target = { adapterId: 'kubeadm', context: 'ctx', server: 'https://10.0.0.1:6443', joinCommand: true } as const;

function start(tokens: readonly Token[]): AppState {
  const state = initialAppState({ readonly: false, viewport: { columns: 120, rows: 20 }, target, mutations: { ...NO_MUTATIONS, revokeUnavailable: null }, now: T0 });
  return appReducer(state, { type: 'feed', event: { type: 'snapshot', tokens }, at: T0 });
}

// A result arrives at the reducer's current time; a key comes well after the confirmation dwell
// unless a test says when (pressAt, typeAt).
const later = (state: AppState): number => state.now + 10 * CONFIRM_DWELL_MS;
const keyOf = (command: CommandId) => ({ name: KEYMAP[command][0]!, text: KEYMAP[command][0]!.length === 1 ? KEYMAP[command][0]! : '' });
const pressAt = (at: number, state: AppState, ...commands: CommandId[]): AppState => commands.reduce((current, command) => appReducer(current, { type: 'key', key: keyOf(command), at }), state);
const press = (state: AppState, ...commands: CommandId[]): AppState => pressAt(later(state), state, ...commands);
const typeAt = (at: number, state: AppState, text: string): AppState => [...text].reduce((current, character) => appReducer(current, { type: 'key', key: { name: character, text: character }, at }), state);
const type = (state: AppState, text: string): AppState => typeAt(later(state), state, text);
const send = (state: AppState, event: RevokeEvent): AppState => appReducer(state, { type: 'revoke', event, at: state.now });

function flowOf(state: AppState): RevokeFlow {
  if (state.screen.kind !== 'revoke') throw new Error(`not on the revoke screen but ${state.screen.kind}`);
  return state.screen.flow;
}
const ticketOf = (state: AppState): number => stepTicket(flowOf(state).step) ?? -1;

const high = (tokenId: string, fingerprint = 'uid-1:1'): ImpactPreview => ({
  state: 'known',
  tokenId,
  items: [{ kind: 'join-in-progress', subject: 'node-1', detail: 'pending CSR' }],
  unknowns: [],
  fingerprint,
  computedAt: T0,
});
const none = (tokenId: string): ImpactPreview => ({ state: 'known', tokenId, items: [], unknowns: [], fingerprint: 'uid-1:1', computedAt: T0 });

describe('revoke flow', () => {
  it('ignores a preview that arrives after Esc, or for a step that is no longer current', () => {
    let state = press(start([token('abcdef')]), 'token.revoke');
    const stale = ticketOf(state);
    state = press(state, 'revoke.back');
    expect(state.screen.kind).toBe('list');
    expect(send(state, { kind: 'preview', ticket: stale, preview: high('abcdef') })).toBe(state);

    state = press(state, 'token.revoke');
    expect(ticketOf(state)).not.toBe(stale); // a new flow never reuses a ticket
    const afterStale = send(state, { kind: 'preview', ticket: stale, preview: high('abcdef') });
    expect(flowOf(afterStale).step.kind).toBe('computing');
  });

  it('escalates to typing the id when the impact is not empty or unknown, and y does not bypass it', () => {
    let state = press(start([token('abcdef')]), 'token.revoke');
    state = send(state, { kind: 'preview', ticket: ticketOf(state), preview: high('abcdef') });
    expect(modeOf(state)).toBe('revoke-waiting'); // just drawn: the dwell first
    expect(modeOf({ ...state, now: later(state) })).toBe('revoke-typing');
    state = type(state, 'y');
    expect(flowOf(state).step).toMatchObject({ kind: 'confirm', typed: 'y' }); // typed, not a confirmation
    // Even called directly, the flow asks the core policy: y is not enough here.
    // (at a time the gate is open, so it is the policy that refuses)
    expect(confirmFlow(flowOf(state), 'yes', 99, later(state))).toEqual({ flow: flowOf(state), output: null });
    expect(confirmFlow(flowOf(state), 'yes', 99, later(state)).flow).toBe(flowOf(state));
  });

  it('never confirms a preview of another token, whatever is typed', () => {
    let state = press(start([token('abcdef')]), 'token.revoke');
    state = send(state, { kind: 'preview', ticket: ticketOf(state), preview: high('zzzzzz') });
    for (const attempt of ['abcdef', 'zzzzzz']) {
      const after = press(type(state, attempt), 'revoke.submit');
      expect(flowOf(after).step).toMatchObject({ kind: 'confirm', mismatch: true });
    }
  });

  it('refuses Esc while a confirmed revoke is in flight, saying why', () => {
    let state = press(start([token('abcdef')]), 'token.revoke');
    state = send(state, { kind: 'preview', ticket: ticketOf(state), preview: none('abcdef') });
    expect(modeOf({ ...state, now: later(state) })).toBe('revoke-confirm');
    state = press(state, 'revoke.confirm');
    expect(flowOf(state).step).toMatchObject({ kind: 'revoking', confirmation: 'yes' });
    state = press(state, 'revoke.back');
    expect(state.screen.kind).toBe('revoke');
    expect(state.flash?.text).toContain('the revoke is in progress');
  });

  it('on a conflict, computes a new preview under a banner instead of finishing', () => {
    let state = press(start([token('abcdef')]), 'token.revoke');
    state = send(state, { kind: 'preview', ticket: ticketOf(state), preview: high('abcdef') });
    state = press(type(state, 'abcdef'), 'revoke.submit');
    const revoking = ticketOf(state);
    state = send(state, { kind: 'conflict', ticket: revoking, auditFailure: null });
    expect(flowOf(state)).toMatchObject({ step: { kind: 'computing' }, banner: CHANGED_BANNER, results: [] });
    expect(ticketOf(state)).not.toBe(revoking);
    // The attempt's late "finished" cannot sneak in after the conflict.
    const late = send(state, { kind: 'finished', ticket: revoking, result: { tokenId: 'abcdef', outcome: 'revoked', detail: '' }, auditFailure: null });
    expect(late).toBe(state);
  });

  it('records a preview failure as "not revoked" and moves to the next marked token', () => {
    let state = start([token('aaaaaa'), token('bbbbbb')]);
    state = press(state, 'list.mark', 'list.down', 'list.mark', 'token.revoke');
    state = send(state, { kind: 'batch-previewed', ticket: ticketOf(state), overview: { combined: combineImpact([{ preview: none('aaaaaa') }, { preview: none('bbbbbb') }]), failed: [] } });
    state = press(state, 'revoke.begin');
    state = send(state, { kind: 'preview-failed', ticket: ticketOf(state), error: 'forbidden' });
    expect(flowOf(state)).toMatchObject({ index: 1, step: { kind: 'computing' }, results: [{ tokenId: 'aaaaaa', outcome: 'not-revoked' }] });
  });

  it('keeps the confirmation shut for the dwell: y and typed keys then confirm nothing, and say why', () => {
    let state = press(start([token('abcdef')]), 'token.revoke');
    state = send(state, { kind: 'preview', ticket: ticketOf(state), preview: none('abcdef') });
    const shownAt = state.now;
    expect(flowOf(state).step).toMatchObject({ kind: 'confirm', gate: { shownAt, seenAll: true } });
    const early = shownAt + CONFIRM_DWELL_MS - 1;
    expect(modeOf({ ...state, now: early })).toBe('revoke-waiting');
    let dropped = typeAt(early, state, 'y');
    expect(flowOf(dropped).step.kind).toBe('confirm');
    expect(dropped.flash?.text).toBe('y ignored: preview shown under 0.6 s ago — nothing was confirmed');
    dropped = pressAt(early, state, 'revoke.notYet');
    expect(flowOf(dropped).step.kind).toBe('confirm');
    // Even called directly at that moment, the flow refuses.
    expect(confirmFlow(flowOf(state), 'yes', 99, early).flow).toBe(flowOf(state));
    const atDwell = pressAt(shownAt + CONFIRM_DWELL_MS, state, 'revoke.confirm');
    expect(flowOf(atDwell).step).toMatchObject({ kind: 'revoking', confirmation: 'yes' });
  });

  it('a typed id is dropped while lines of the preview were never on screen; reading to the end opens it', () => {
    const many = { ...high('abcdef'), items: Array.from({ length: 30 }, (_, index) => ({ kind: 'machine-loses-access' as const, subject: `node-${index}`, detail: 'x' })) };
    let state = press(start([token('abcdef')]), 'token.revoke');
    state = send(state, { kind: 'preview', ticket: ticketOf(state), preview: many });
    expect(modeOf(state)).toBe('revoke-waiting');
    state = press(type(state, 'abcdef'), 'revoke.notYet');
    expect(flowOf(state).step).toMatchObject({ kind: 'confirm', typed: '', gate: { seenAll: false } });
    expect(state.flash?.text).toMatch(/^Enter ignored: \d+ more lines not yet on screen — nothing was confirmed$/);
    state = press(state, 'revoke.pageDown', 'revoke.pageDown', 'revoke.pageDown');
    expect(flowOf(state).step).toMatchObject({ gate: { seenAll: true } });
    expect(modeOf(state)).toBe('revoke-typing');
    // Scrolling back up does not shut it again: every line has been on screen.
    state = press(state, 'revoke.pageUp', 'revoke.pageUp', 'revoke.pageUp');
    expect(modeOf(state)).toBe('revoke-typing');
  });
});
