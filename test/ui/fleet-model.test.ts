// Fleet mode's pure model: per-context feeds, the strip, most-urgent-first rows across contexts.
import { describe, expect, it } from 'vitest';
import { TokenTuiError } from '../../src/core/errors.ts';
import { connectionStrip, fleetReducer, fleetRows, initialFleetState, type FleetAction } from '../../src/ui/features/fleet/fleet-model.ts';
import { token } from './fixtures.ts';

const members: FleetAction = { type: 'members', members: [{ context: 'prod-eu', readonly: false }, { context: 'lab', readonly: true }, { context: 'dr', readonly: false }] };

function run(...actions: FleetAction[]) {
  return actions.reduce(fleetReducer, initialFleetState());
}

describe('fleet model', () => {
  it('keeps each context\'s tokens and state apart; one outage changes only its own part of the strip', () => {
    const state = run(
      members,
      { type: 'feed', context: 'prod-eu', event: { type: 'snapshot', tokens: [token('aaaaaa', { expiresAt: 5_000 })] } },
      { type: 'feed', context: 'prod-eu', event: { type: 'state', state: 'live' } },
      { type: 'open-failed', context: 'lab', problem: '403' },
      { type: 'feed', context: 'dr', event: { type: 'snapshot', tokens: [token('bbbbbb', { expiresAt: 1_000 }), token('cccccc', { expiresAt: null })] } },
      { type: 'feed', context: 'dr', event: { type: 'state', state: 'live' } },
      { type: 'feed', context: 'dr', event: { type: 'state', state: 'reconnecting', error: new TokenTuiError('transport', 'cannot reach') } },
    );
    expect(connectionStrip(state)).toBe('prod-eu ● live · lab ✗ 403 [ro] · dr ◐ reconnecting (unreachable)');
    expect(fleetRows(state).map((row) => `${row.context}/${row.token.id}`)).toEqual(['dr/bbbbbb', 'prod-eu/aaaaaa', 'dr/cccccc']);
  });

  it('applies upserts and deletes to their own context only, and filters across contexts', () => {
    const state = run(
      members,
      { type: 'feed', context: 'prod-eu', event: { type: 'snapshot', tokens: [token('aaaaaa', { description: 'rack 1' })] } },
      { type: 'feed', context: 'dr', event: { type: 'snapshot', tokens: [token('aaaaaa', { description: 'same id elsewhere' })] } },
      { type: 'feed', context: 'dr', event: { type: 'delete', id: 'aaaaaa' } },
      { type: 'feed', context: 'prod-eu', event: { type: 'upsert', token: token('dddddd', { description: 'rack 2' }) } },
    );
    expect(fleetRows(state).map((row) => `${row.context}/${row.token.id}`).sort()).toEqual(['prod-eu/aaaaaa', 'prod-eu/dddddd']);
    const filtered = fleetReducer(state, { type: 'filter', text: 'rack 2', editing: false });
    expect(fleetRows(filtered).map((row) => row.token.id)).toEqual(['dddddd']);
  });

  it('turns find answers into per-context words, errors included', () => {
    const state = run(members, { type: 'find-started', label: 'token aaaaaa', tokenId: 'aaaaaa' }, { type: 'find-done', results: [{ context: 'prod-eu', result: { result: 'absent' } }, { context: 'lab', result: 'forbidden' }] });
    expect(state.find.results).toEqual([{ context: 'prod-eu', words: 'absent', found: false }, { context: 'lab', words: '✗ forbidden', found: false }]);
    expect(state.find.searching).toBe(false);
  });
});
