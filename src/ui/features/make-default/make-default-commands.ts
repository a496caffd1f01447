// m opens the make-default screen for the selected token (or the one whose details are open);
// on it, y/Enter confirms once the preview allows it and its gate opened (every line on screen,
// the dwell past; before that they are dropped with a note), Esc/n leaves, ↑↓ PgUp PgDn scroll.
import { always, notWhilePending, type CommandContext, type CommandTable } from '../../commands/command-spec.ts';
import type { Mode } from '../../commands/modes.ts';
import { backTargetOf } from '../../shared/back-target.ts';
import { droppedKeyNote, gateState } from '../../shared/preview-gate.ts';
import { promptedBodyHeight } from '../../shared/screen-line.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { confirmMakeDefault, leaveText, makeDefaultGate, scrollMakeDefault, startMakeDefault, type MakeDefaultFlow } from './make-default-flow.ts';
import { makeDefaultBodyLines } from './make-default-lines.ts';

const needsTarget = (context: CommandContext): string | null => context.makeDefaultUnavailable ?? (context.hasSelection ? null : 'no token is selected');

function withFlow(state: AppState, flow: MakeDefaultFlow, spentTicket = false): AppState {
  return { ...state, screen: { kind: 'make-default', flow }, ...(spentTicket ? { nextTicket: state.nextTicket + 1 } : {}) };
}

function onFlow(state: AppState, change: (flow: MakeDefaultFlow) => MakeDefaultFlow): AppState {
  if (state.screen.kind !== 'make-default') return state;
  const next = change(state.screen.flow);
  return next === state.screen.flow ? state : withFlow(state, next, next.ticket !== null && next.ticket !== state.screen.flow.ticket);
}

function open(state: AppState): AppState {
  const tokenId = state.screen.kind === 'details' ? state.screen.tokenId : state.selection.id;
  if (tokenId === null) return { ...state, flash: { text: 'no token selected', role: 'status.warn' } };
  return withFlow(state, startMakeDefault(tokenId, backTargetOf(state.screen), state.nextTicket), true);
}

function leave(state: AppState): AppState {
  if (state.screen.kind !== 'make-default') return state;
  const { flow } = state.screen;
  const said = leaveText(flow);
  return { ...state, screen: flow.back, flash: { text: said.text, role: said.ok ? 'status.ok' : 'status.warn' } };
}

function scroll(state: AppState, delta: number | 'page-up' | 'page-down'): AppState {
  if (state.screen.kind !== 'make-default') return state;
  const height = promptedBodyHeight(state.viewport);
  const max = Math.max(0, makeDefaultBodyLines(state.screen.flow, state.viewport.columns).length - height);
  const by = delta === 'page-up' ? -height : delta === 'page-down' ? height : delta;
  return onFlow(state, (flow) => scrollMakeDefault(flow, by, max));
}

/** y/Enter while the preview's gate is shut: nothing changes, and the footer says why. */
function dropWhileShut(state: AppState, what: string): AppState {
  if (state.screen.kind !== 'make-default') return state;
  const { flow } = state.screen;
  const gate = makeDefaultGate(flow);
  if (gate === undefined) return state;
  const shut = gateState(gate, state.now, makeDefaultBodyLines(flow, state.viewport.columns).length);
  return shut.kind === 'open' ? state : { ...state, flash: { text: droppedKeyNote(shut, what), role: 'status.warn' } };
}

const previewing: readonly Mode[] = ['make-default-confirm', 'make-default-waiting'];
const onScreen: readonly Mode[] = ['make-default', ...previewing];

export const makeDefaultOpenCommand = {
  'token.makeDefault': {
    keys: ['m'],
    description: 'Make the selected token the default (preview first)',
    category: 'token',
    modes: ['list', 'details'],
    dangerous: true,
    hint: 'default',
    disabledReason: needsTarget,
    hiddenWhenDisabled: true,
    run: open,
  },
} satisfies CommandTable<AppState>;

export const makeDefaultCommands = {
  'makeDefault.confirm': { keys: ['y', 'enter'], description: 'Make it the default, as previewed', category: 'make-default', modes: ['make-default-confirm'], dangerous: true, hint: 'make default', disabledReason: always, run: (state) => onFlow(state, (flow) => confirmMakeDefault(flow, state.nextTicket, state.now)) },
  'makeDefault.notYet': {
    keys: ['y', 'enter'],
    description: 'Nothing yet: making it the default counts once every line of its preview has been on screen for a moment',
    category: 'make-default',
    modes: ['make-default-waiting'],
    dangerous: false,
    disabledReason: always,
    run: (state) => dropWhileShut(state, 'y/Enter'),
  },
  'makeDefault.cancel': { keys: ['escape', 'n'], description: 'Leave without changing the default', category: 'make-default', modes: previewing, dangerous: false, hint: 'cancel', disabledReason: always, run: leave },
  'makeDefault.back': { keys: ['escape', 'enter'], description: 'Back from the make-default screen', category: 'make-default', modes: ['make-default'], dangerous: false, hint: 'back', disabledReason: notWhilePending, run: leave },
  'makeDefault.scrollUp': { keys: ['up', 'k'], description: 'Scroll the preview up', category: 'make-default', modes: onScreen, dangerous: false, hint: 'scroll', disabledReason: always, run: (state) => scroll(state, -1) },
  'makeDefault.scrollDown': { keys: ['down', 'j'], description: 'Scroll the preview down', category: 'make-default', modes: onScreen, dangerous: false, hint: 'scroll', disabledReason: always, run: (state) => scroll(state, 1) },
  'makeDefault.pageUp': { keys: ['pageup'], description: 'Scroll the preview up a page', category: 'make-default', modes: onScreen, dangerous: false, disabledReason: always, run: (state) => scroll(state, 'page-up') },
  'makeDefault.pageDown': { keys: ['pagedown'], description: 'Scroll the preview down a page', category: 'make-default', modes: onScreen, dangerous: false, disabledReason: always, run: (state) => scroll(state, 'page-down') },
} satisfies CommandTable<AppState>;
