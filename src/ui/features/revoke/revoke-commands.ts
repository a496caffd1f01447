// The revoke flow's commands, on whichever screen hosts the flow (the revoke screen, or a
// rotation for its old token: view-model/screen-hub.ts finds it), and d, which opens the revoke
// screen for the selected or marked tokens. While a preview's gate is shut (revoke-waiting),
// only reading, skipping and leaving do anything; Enter and typed keys are dropped with a note.
import { always, type CommandContext, type CommandTable } from '../../commands/command-spec.ts';
import type { Mode } from '../../commands/modes.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { droppedKeyNote, gateState } from '../../shared/preview-gate.ts';
import { activeRevoke, revokeMaxScroll } from '../../view-model/screen-hub.ts';
import { beginBatch, skipToken } from './revoke-batch.ts';
import { confirmFlow, deleteTypedChar, gateOf, isBatch, scrollFlow, type RevokeFlow, type RevokeUpdate } from './revoke-flow.ts';
import { revokeBodyLines } from './revoke-lines.ts';
import { openRevoke } from './revoke-screen.ts';

const notWhileBusy = (context: CommandContext): string | null => (context.busy ? 'the revoke is in progress: wait for its outcome' : null);
const needsTarget = (context: CommandContext): string | null => {
  if (context.revokeUnavailable !== null) return context.revokeUnavailable;
  return context.hasSelection || context.hasMarks ? null : 'no token is selected';
};
const onlyInBatch = (context: CommandContext): string | null => (context.inBatch === true ? null : 'only in a revoke of several tokens');
const revokeModes: readonly Mode[] = ['revoke', 'revoke-confirm', 'revoke-typing', 'revoke-waiting', 'revoke-overview'];
const previewModes: readonly Mode[] = ['revoke-confirm', 'revoke-typing', 'revoke-waiting'];

const plain = (flow: RevokeFlow): RevokeUpdate => ({ flow, output: null });

function onFlow(state: AppState, change: (flow: RevokeFlow, ticket: number) => RevokeUpdate): AppState {
  return activeRevoke(state)?.update(change) ?? state;
}

function scroll(state: AppState, delta: number | 'page-up' | 'page-down'): AppState {
  const max = revokeMaxScroll(state);
  const page = activeRevoke(state)?.viewHeight ?? 1;
  const by = delta === 'page-up' ? -page : delta === 'page-down' ? page : delta;
  return onFlow(state, (flow) => plain(scrollFlow(flow, by, max)));
}

/** A key while the preview's gate is shut: confirms nothing, and the footer says why. Typed text is never echoed. */
export function dropWhileShut(state: AppState, what: string): AppState {
  const host = activeRevoke(state);
  const gate = host === null ? undefined : gateOf(host.flow.step);
  if (host === null || gate === undefined) return state;
  const shut = gateState(gate, state.now, revokeBodyLines(host.flow, state.viewport.columns).length);
  return shut.kind === 'open' ? state : { ...state, flash: { text: droppedKeyNote(shut, what), role: 'status.warn' } };
}

/** n: in a batch this token is skipped and the next one comes; alone, the screen is left. */
function decline(state: AppState): AppState {
  const host = activeRevoke(state);
  if (host === null) return state;
  return isBatch(host.flow) ? host.update((flow, ticket) => skipToken(flow, ticket)) : host.leave();
}

export const revokeCommands = {
  'revoke.begin': {
    keys: ['enter', 'y'],
    description: "Begin the batch: each token's own preview and confirmation, one at a time",
    category: 'revoke',
    modes: ['revoke-overview'],
    dangerous: false,
    hint: 'begin',
    disabledReason: always,
    run: (state) => onFlow(state, (flow, ticket) => beginBatch(flow, ticket, state.now)),
  },
  'revoke.confirm': { keys: ['y', 'enter'], description: 'Revoke (the preview shows nothing affected)', category: 'revoke', modes: ['revoke-confirm'], dangerous: true, hint: 'revoke', disabledReason: always, run: (state) => onFlow(state, (flow, ticket) => confirmFlow(flow, 'yes', ticket, state.now)) },
  'revoke.submit': { keys: ['enter'], description: 'Revoke once the typed id matches the token id', category: 'revoke', modes: ['revoke-typing'], dangerous: true, hint: 'revoke', disabledReason: always, run: (state) => onFlow(state, (flow, ticket) => confirmFlow(flow, 'typed', ticket, state.now)) },
  'revoke.notYet': {
    keys: ['enter'],
    description: 'Nothing yet: a confirmation counts once every line of the preview has been on screen for a moment',
    category: 'revoke',
    modes: ['revoke-waiting'],
    dangerous: false,
    disabledReason: always,
    run: (state) => dropWhileShut(state, 'Enter'),
  },
  'revoke.deleteChar': { keys: ['backspace'], description: 'Delete the last typed character', category: 'revoke', modes: ['revoke-typing'], dangerous: false, disabledReason: always, run: (state) => onFlow(state, (flow) => plain(deleteTypedChar(flow))) },
  'revoke.decline': {
    keys: ['n'],
    description: 'Do not revoke this token: in a batch skip it (the rest go on), else leave the revoke screen',
    category: 'revoke',
    modes: ['revoke-confirm'],
    dangerous: false,
    hint: 'no',
    disabledReason: always,
    run: decline,
  },
  'revoke.skip': {
    keys: ['tab'],
    description: 'In a batch: skip this token (left untouched) and go on with the next',
    category: 'revoke',
    modes: previewModes,
    dangerous: false,
    hint: 'skip',
    disabledReason: onlyInBatch,
    run: (state) => onFlow(state, (flow, ticket) => skipToken(flow, ticket)),
  },
  'revoke.back': {
    keys: ['escape'],
    description: 'Leave the revoke screen (nothing is revoked before you confirm); in a batch, stop the rest',
    category: 'revoke',
    modes: revokeModes,
    dangerous: false,
    hint: 'leave',
    disabledReason: notWhileBusy,
    run: (state) => activeRevoke(state)?.leave() ?? state,
  },
  // Arrows and pages only: in the typing mode every printable key belongs to the typed id.
  'revoke.scrollUp': { keys: ['up'], description: 'Scroll the impact preview up', category: 'revoke', modes: revokeModes, dangerous: false, hint: 'scroll', disabledReason: always, run: (state) => scroll(state, -1) },
  'revoke.scrollDown': { keys: ['down'], description: 'Scroll the impact preview down', category: 'revoke', modes: revokeModes, dangerous: false, hint: 'scroll', disabledReason: always, run: (state) => scroll(state, 1) },
  'revoke.pageUp': { keys: ['pageup'], description: 'Scroll the impact preview up a page', category: 'revoke', modes: revokeModes, dangerous: false, disabledReason: always, run: (state) => scroll(state, 'page-up') },
  'revoke.pageDown': { keys: ['pagedown'], description: 'Scroll the impact preview down a page', category: 'revoke', modes: revokeModes, dangerous: false, disabledReason: always, run: (state) => scroll(state, 'page-down') },
} satisfies CommandTable<AppState>;

export const revokeOpenCommand = {
  'token.revoke': {
    keys: ['d'],
    description: 'Revoke the selected or marked tokens (impact preview first)',
    category: 'token',
    modes: ['list', 'details'],
    dangerous: true,
    hint: 'revoke',
    disabledReason: needsTarget,
    run: openRevoke,
  },
} satisfies CommandTable<AppState>;
