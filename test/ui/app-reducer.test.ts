import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../src/adapters/contract.ts';
import { maskedJoinCommand } from '../../src/adapters/kubeadm/join-command.ts';
import type { Token } from '../../src/core/token.ts';
import type { KeyPress } from '../../src/ui/commands/key-press.ts';
import { KEYMAP, type CommandId } from '../../src/ui/view-model/commands.ts';
import { appReducer } from '../../src/ui/view-model/app-reducer.ts';
import { initialAppState, type AppState } from '../../src/ui/view-model/app-state.ts';
import { selectedEntry } from '../../src/ui/features/list/rows.ts';
import { MINUTE, T0, token } from './fixtures.ts';

// A kubeadm backend: its details carry the masked join shape the adapter declares.
const target = { adapterId: 'kubeadm', context: 'ctx', server: 'https://10.0.0.1:6443', joinCommand: true, joinCommandShape: (id: string) => maskedJoinCommand('https://10.0.0.1:6443', id) } as const;

function start(tokens: readonly Token[], options: { readonly?: boolean; rows?: number } = {}): AppState {
  const state = initialAppState({ readonly: options.readonly ?? false, viewport: { columns: 120, rows: options.rows ?? 20 }, target });
  return feed(state, { type: 'snapshot', tokens });
}

const feed = (state: AppState, event: WatchEvent, at = T0): AppState => appReducer(state, { type: 'feed', event, at });
const pressKey = (state: AppState, name: string): AppState => appReducer(state, { type: 'key', key: { name, text: name.length === 1 ? name : '' } satisfies KeyPress });
const press = (state: AppState, ...commands: CommandId[]): AppState => commands.reduce((current, command) => pressKey(current, KEYMAP[command][0]!), state);
const type = (state: AppState, text: string): AppState => [...text].reduce(pressKey, state);

// Ids sort in expiry order: t00 expires first.
const tokens = Array.from({ length: 40 }, (_, index) => token(`t${String(index).padStart(2, '0')}aaa`, { expiresAt: T0 + (index + 1) * MINUTE }));

describe('app reducer', () => {
  it('folds Down Down Enter in order and opens the third row', () => {
    const state = press(start(tokens), 'list.down', 'list.down', 'list.details');
    expect(state.screen).toEqual({ kind: 'details', tokenId: 't02aaa', scroll: 0 });
  });

  it('keeps the same token selected when rows are added above it', () => {
    let state = press(start(tokens), 'list.down', 'list.down', 'list.down');
    expect(selectedEntry(state)?.token.id).toBe('t03aaa');
    state = feed(state, { type: 'upsert', token: token('early1', { expiresAt: T0 + 1000 }) });
    state = feed(state, { type: 'upsert', token: token('early2', { expiresAt: T0 + 2000 }) });
    expect(selectedEntry(state)?.token.id).toBe('t03aaa');
    expect(state.selection.index).toBe(5);
  });

  it('moves to the next row when the selected token is deleted', () => {
    let state = press(start(tokens), 'list.down');
    state = feed(state, { type: 'delete', id: 't01aaa' });
    expect(selectedEntry(state)?.token.id).toBe('t02aaa');
  });

  it('pages and jumps, keeping the selection inside the rendered window', () => {
    let state = press(start(tokens, { rows: 12 }), 'list.pageDown'); // 8 table rows at 12 lines
    expect(state.selection.index).toBe(8);
    expect(state.selection.top).toBe(1);
    state = press(state, 'list.bottom');
    expect(state.selection).toMatchObject({ index: 39, top: 32 });
    state = press(state, 'list.top');
    expect(state.selection).toMatchObject({ index: 0, top: 0 });
  });

  it('sends printable keys to the filter prompt, even keys bound in the list', () => {
    let state = press(start(tokens), 'list.filter');
    state = type(state, 'q1j');
    expect(state.exitRequested).toBe(false);
    expect(state.filter).toBe('q1j');
    state = press(start(tokens), 'list.filter');
    state = type(state, '05');
    expect(state.rows.map((entry) => entry.token.id)).toEqual(['t05aaa']);
    state = press(state, 'filter.deleteChar');
    expect(state.filter).toBe('0');
    state = press(state, 'filter.apply');
    expect(state.screen.kind).toBe('list');
    expect(state.filter).toBe('0');
    state = press(state, 'list.clearFilter');
    expect(state.rows).toHaveLength(40);
  });

  it('cycles the sort order', () => {
    let state = start([token('bbbbbb', { description: 'a', expiresAt: T0 + MINUTE }), token('aaaaaa', { description: 'b', expiresAt: T0 + 2 * MINUTE })]);
    const order = (current: AppState) => current.rows.map((entry) => entry.token.id);
    expect(order(state)).toEqual(['bbbbbb', 'aaaaaa']);
    state = press(state, 'list.sort');
    expect([state.sort, order(state)]).toEqual(['id', ['aaaaaa', 'bbbbbb']]);
    state = press(state, 'list.sort');
    expect([state.sort, order(state)]).toEqual(['description', ['bbbbbb', 'aaaaaa']]);
  });

  it('explains a disabled command instead of doing anything', () => {
    const before = start(tokens);
    const after = press(before, 'token.rotate');
    // No mutation support was declared: the backend cannot create, so it cannot rotate either.
    expect(after.flash?.text).toBe('r Rotate the selected token (guided plan): this backend cannot create tokens');
    expect(after.screen).toEqual({ kind: 'list' });
    expect(after.data).toBe(before.data);
    expect(press(after, 'list.down').flash).toBeNull();
  });

  it('refuses dangerous commands in read-only mode', () => {
    const state = press(start(tokens, { readonly: true }), 'token.create');
    expect(state.flash?.text).toMatch(/^read-only mode/);
  });

  it('drops keys that follow quit in the same chunk', () => {
    const state = press(start(tokens), 'app.quit', 'list.down');
    expect(state.exitRequested).toBe(true);
    expect(state.selection.index).toBe(0);
  });

  it('bounds details scrolling by the content', () => {
    let state = press(start(tokens, { rows: 12 }), 'list.details');
    for (let step = 0; step < 50; step++) state = press(state, 'details.scrollDown');
    const scroll = state.screen.kind === 'details' ? state.screen.scroll : -1;
    expect(scroll).toBeGreaterThan(0);
    expect(scroll).toBeLessThan(10);
    state = press(state, 'details.back', 'app.help', 'help.back');
    expect(state.screen.kind).toBe('list');
  });

  it('tracks connection state and data age', () => {
    let state = feed(start(tokens), { type: 'state', state: 'live' }, T0);
    state = feed(state, { type: 'state', state: 'reconnecting' }, T0 + 30_000);
    expect(state.data).toMatchObject({ connection: 'reconnecting', syncedAt: T0 + 30_000 });
    state = feed(state, { type: 'state', state: 'stale' }, T0 + 60_000);
    expect(state.data.syncedAt).toBe(T0 + 30_000);
    state = feed(state, { type: 'snapshot', tokens: [token('only01')] }, T0 + 90_000);
    expect(state.rows.map((entry) => entry.token.id)).toEqual(['only01']);
  });
});

describe('keys that arrive as one string', () => {
  it('splits `jjj\\r` (tmux send-keys j j j Enter) into keys and acts in order', () => {
    const state = appReducer(start(tokens), { type: 'key', key: { name: 'jjj\r', text: 'jjj\r' } });
    expect(state.screen).toEqual({ kind: 'details', tokenId: 't03aaa', scroll: 0 });
  });

  it('types the rest of a chunk into the filter prompt opened by its first key', () => {
    const state = appReducer(start(tokens), { type: 'key', key: { name: '/05', text: '/05' } });
    expect(state.screen.kind).toBe('filter');
    expect(state.rows.map((entry) => entry.token.id)).toEqual(['t05aaa']);
  });

  it('ignores Esc without a message when there is no filter to clear', () => {
    const state = press(start(tokens), 'list.clearFilter');
    expect(state.flash).toBeNull();
  });
});

describe('Esc and a key in one chunk', () => {
  it('leaves the details and opens the filter on "\\u001b/" (parsed as Alt+/)', () => {
    let state = press(start(tokens), 'list.details');
    state = appReducer(state, { type: 'key', key: { name: 'alt+/', text: '' } });
    expect(state.screen.kind).toBe('filter');
  });
});
