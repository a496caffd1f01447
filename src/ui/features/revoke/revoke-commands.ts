// The revoke flow's commands, on whichever screen hosts the flow (the revoke screen, or a
// rotation for its old token: view-model/screen-hub.ts finds it), and d, which opens the revoke
// screen for the selected or marked tokens.
import { always, type CommandContext, type CommandTable } from '../../commands/command-spec.ts';
import type { Mode } from '../../commands/modes.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { activeRevoke, revokeMaxScroll } from '../../view-model/screen-hub.ts';
import { confirmFlow, deleteTypedChar, scrollFlow, type RevokeFlow, type RevokeUpdate } from './revoke-flow.ts';
import { openRevoke } from './revoke-screen.ts';

const notWhileBusy = (context: CommandContext): string | null => (context.busy ? 'the revoke is in progress: wait for its outcome' : null);
const needsTarget = (context: CommandContext): string | null => {
  if (context.revokeUnavailable !== null) return context.revokeUnavailable;
  return context.hasSelection || context.hasMarks ? null : 'no token is selected';
};
const revokeModes: readonly Mode[] = ['revoke', 'revoke-confirm', 'revoke-typing'];

const plain = (flow: RevokeFlow): RevokeUpdate => ({ flow, output: null });

function onFlow(state: AppState, change: (flow: RevokeFlow, ticket: number) => RevokeUpdate): AppState {
  return activeRevoke(state)?.update(change) ?? state;
}

function scroll(state: AppState, delta: number): AppState {
  const max = revokeMaxScroll(state);
  return onFlow(state, (flow) => plain(scrollFlow(flow, delta, max)));
}

export const revokeCommands = {
  'revoke.confirm': { keys: ['y', 'enter'], description: 'Revoke (the preview shows nothing affected)', category: 'revoke', modes: ['revoke-confirm'], dangerous: true, hint: 'revoke', disabledReason: always, run: (state) => onFlow(state, (flow, ticket) => confirmFlow(flow, 'yes', ticket)) },
  'revoke.submit': { keys: ['enter'], description: 'Revoke once the typed id matches the token id', category: 'revoke', modes: ['revoke-typing'], dangerous: true, hint: 'revoke', disabledReason: always, run: (state) => onFlow(state, (flow, ticket) => confirmFlow(flow, 'typed', ticket)) },
  'revoke.deleteChar': { keys: ['backspace'], description: 'Delete the last typed character', category: 'revoke', modes: ['revoke-typing'], dangerous: false, disabledReason: always, run: (state) => onFlow(state, (flow) => plain(deleteTypedChar(flow))) },
  'revoke.decline': { keys: ['n'], description: 'Do not revoke; leave the revoke screen', category: 'revoke', modes: ['revoke-confirm'], dangerous: false, disabledReason: always, run: (state) => activeRevoke(state)?.leave() ?? state },
  'revoke.back': {
    keys: ['escape'],
    description: 'Leave the revoke screen (nothing is revoked before you confirm)',
    category: 'revoke',
    modes: revokeModes,
    dangerous: false,
    hint: 'leave',
    disabledReason: notWhileBusy,
    run: (state) => activeRevoke(state)?.leave() ?? state,
  },
  // Arrows only: in the typing mode every printable key belongs to the typed id.
  'revoke.scrollUp': { keys: ['up'], description: 'Scroll the impact preview up', category: 'revoke', modes: revokeModes, dangerous: false, hint: 'scroll', disabledReason: always, run: (state) => scroll(state, -1) },
  'revoke.scrollDown': { keys: ['down'], description: 'Scroll the impact preview down', category: 'revoke', modes: revokeModes, dangerous: false, hint: 'scroll', disabledReason: always, run: (state) => scroll(state, 1) },
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
