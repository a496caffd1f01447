// `:` words name commands of the table and pass the same gate as their keys: read-only mode
// refuses a mutating one whichever way it is asked for, and a disabled one says why.
import { describe, expect, it } from 'vitest';
import { NO_CONTEXT_SWITCH } from '../../src/ui/features/command-line/command-line.ts';
import { appReducer } from '../../src/ui/view-model/app-reducer.ts';
import { initialAppState, type AppAction, type AppState } from '../../src/ui/view-model/app-state.ts';
import { COMMAND_IDS, COMMAND_TABLE } from '../../src/ui/view-model/commands.ts';
import { NO_MUTATIONS } from '../../src/ui/view-model/mutation-support.ts';
import { T0, token } from './fixtures.ts';

const target = { adapterId: 'memory', context: 'ctx', server: 'https://10.0.0.1:6443', joinCommand: false } as const;

// A backend with a server-wide token lifetime, so :server-ttl has something to show.
const serverTtl = { setting: { name: 'cluster.join_token_expiry', value: '3H', covers: 'every join token', changeable: true, confirmation: 'node1' }, unavailable: null };

function start(readonly: boolean, serverTokenUnavailable: string | null = null): AppState {
  const state = initialAppState({ readonly, viewport: { columns: 120, rows: 30 }, target, serverTokenUnavailable, canSwitchContext: true, now: T0, mutations: { ...NO_MUTATIONS, serverTtl } });
  return appReducer(state, { type: 'feed', event: { type: 'snapshot', tokens: [token('abcdef')] }, at: T0 });
}

const key = (name: string, text = name.length === 1 ? name : ''): AppAction => ({ type: 'key', key: { name, text }, at: T0 });
const typeLine = (state: AppState, line: string): AppState => [key(':'), ...[...line].map((character) => key(character)), key('enter')].reduce(appReducer, state);

const wordCommands = COMMAND_IDS.filter((id) => (COMMAND_TABLE[id].words ?? []).length > 0);
const dangerousWords = wordCommands.filter((id) => COMMAND_TABLE[id].dangerous).flatMap((id) => (COMMAND_TABLE[id].words ?? []).map((word) => [word, id] as const));

describe('`:` words pass the same gate as keys', () => {
  it('there is a mutating command reached by a word (else this proves nothing)', () => {
    expect(dangerousWords.length).toBeGreaterThan(0);
  });

  it.each(dangerousWords)('read-only mode refuses :%s (%s) as it refuses its key, and nothing starts', (word, id) => {
    const readOnly = start(true);
    const refused = typeLine(readOnly, word);
    const expected = `read-only mode: "${COMMAND_TABLE[id].description}" is not allowed`;
    expect(refused.flash?.text).toBe(expected);
    expect(refused.screen).toEqual({ kind: 'list' });
    expect(refused.nextTicket).toBe(readOnly.nextTicket); // no step was handed out
    const [first] = COMMAND_TABLE[id].keys;
    if (first !== undefined) expect(appReducer(readOnly, key(first)).flash?.text).toBe(expected);
  });

  it.each(dangerousWords)('without read-only mode :%s runs %s (control)', (word) => {
    const started = typeLine(start(false), word);
    expect(started.screen.kind).not.toBe('list');
    expect(started.flash).toBeNull();
  });

  it('a disabled command says why, by its word as by its key', () => {
    const why = 'this backend has no server token to rotate';
    const state = start(false, why);
    expect(typeLine(state, 'rotate-server-token').flash?.text).toBe(`server-token rotation: ${why}`);
    expect(appReducer(state, key('R')).flash?.text).toMatch(new RegExp(`^R Rotate .*: ${why}$`));
    expect(typeLine({ ...state, contextSwitch: { ...NO_CONTEXT_SWITCH, available: false } }, 'ctx lab').flash?.text).toBe(':ctx: context switching is not available here');
  });

  it('non-mutating words still work in read-only mode', () => {
    expect(typeLine(start(true), 'audit').screen.kind).toBe('audit');
    expect(typeLine(start(true), 'help').screen.kind).toBe('help');
    expect(typeLine(start(true), 'q').exitRequested).toBe(true);
  });
});
