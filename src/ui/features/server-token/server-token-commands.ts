// The server-token rotation's commands (R, `:rotate-server-token`): offered only where the
// adapter has the serverToken capability; the typed confirmation (Enter on the preview) is the
// only key that sends anything.
import { always, notWhilePending, type CommandTable } from '../../commands/command-spec.ts';
import type { Mode } from '../../commands/modes.ts';
import { backTargetOf } from '../../shared/back-target.ts';
import { promptedBodyHeight } from '../../shared/screen-line.ts';
import type { AppState } from '../../view-model/app-state.ts';
import {
  closeServerTokenResult,
  confirmServerTokenRotation,
  copyNewServerToken,
  deleteServerTokenChar,
  leaveServerToken,
  openServerTokenRotation,
  dropWhileShut,
  scrollServerTokenPreview,
  startServerTokenOver,
  submitOldToken,
} from './server-token-screen.ts';
import { serverTokenBodyLines } from './server-token-lines.ts';

const typing: readonly Mode[] = ['server-token-secret', 'server-token-confirm'];
const previewing: readonly Mode[] = ['server-token-confirm', 'server-token-waiting'];

/** How far the preview scrolls: its lines minus what fits above the pinned prompt. */
function scroll(state: AppState, delta: number): AppState {
  if (state.screen.kind !== 'server-token') return state;
  const lines = serverTokenBodyLines(state.screen.flow, state.viewport.columns).length;
  return scrollServerTokenPreview(state, delta, Math.max(0, lines - promptedBodyHeight(state.viewport)));
}

export const serverTokenCommands = {
  'token.rotateServerToken': {
    keys: ['R'],
    words: ['rotate-server-token'],
    refusedAs: 'server-token rotation',
    description: 'Rotate the k3s server token (impact preview, then typed confirmation; also :rotate-server-token)',
    category: 'token',
    modes: ['list', 'details'],
    dangerous: true,
    hint: 'server token',
    disabledReason: (context) => context.serverTokenUnavailable,
    hiddenWhenDisabled: true,
    run: (state) => openServerTokenRotation(state, backTargetOf(state.screen)),
  },
  'serverToken.submitOldToken': {
    keys: ['enter'],
    description: 'Use the typed old server token to compute the impact preview (sends no change)',
    category: 'server-token',
    modes: ['server-token-secret'],
    dangerous: false,
    hint: 'preview',
    disabledReason: always,
    run: submitOldToken,
  },
  'serverToken.deleteChar': { keys: ['backspace'], description: 'Delete the last typed character (old token or confirmation)', category: 'server-token', modes: typing, dangerous: false, disabledReason: always, run: deleteServerTokenChar },
  'serverToken.rotate': {
    keys: ['enter'],
    description: 'Rotate the server token once the typed text matches the supervisor HOST:PORT',
    category: 'server-token',
    modes: ['server-token-confirm'],
    dangerous: true,
    hint: 'rotate',
    disabledReason: always,
    run: confirmServerTokenRotation,
  },
  'serverToken.notYet': {
    keys: ['enter'],
    description: 'Nothing yet: the typed confirmation opens once the whole preview has been on screen for a moment',
    category: 'server-token',
    modes: ['server-token-waiting'],
    dangerous: false,
    disabledReason: always,
    run: (state) => dropWhileShut(state, 'Enter'),
  },
  // Arrows and pages only: in the confirmation every printable key belongs to the typed text.
  'serverToken.scrollUp': { keys: ['up'], description: 'Scroll the server-token impact preview up', category: 'server-token', modes: previewing, dangerous: false, hint: 'scroll', disabledReason: always, run: (state) => scroll(state, -1) },
  'serverToken.scrollDown': { keys: ['down'], description: 'Scroll the server-token impact preview down', category: 'server-token', modes: previewing, dangerous: false, hint: 'scroll', disabledReason: always, run: (state) => scroll(state, 1) },
  'serverToken.pageUp': { keys: ['pageup'], description: 'Scroll the server-token impact preview up a page', category: 'server-token', modes: previewing, dangerous: false, disabledReason: always, run: (state) => scroll(state, -promptedBodyHeight(state.viewport)) },
  'serverToken.pageDown': { keys: ['pagedown'], description: 'Scroll the server-token impact preview down a page', category: 'server-token', modes: previewing, dangerous: false, disabledReason: always, run: (state) => scroll(state, promptedBodyHeight(state.viewport)) },
  'serverToken.leave': {
    keys: ['escape'],
    description: 'Leave the server-token rotation (nothing is sent before the typed confirmation)',
    category: 'server-token',
    modes: ['server-token-busy', 'server-token-secret', 'server-token-confirm', 'server-token-waiting', 'server-token-failed'],
    dangerous: false,
    hint: 'leave',
    disabledReason: notWhilePending,
    run: leaveServerToken,
  },
  'serverToken.copy': {
    keys: ['y'],
    description: 'Send the new server token to the terminal clipboard (OSC 52)',
    category: 'server-token',
    modes: ['server-token-result'],
    dangerous: false,
    hint: 'copy token',
    disabledReason: always,
    run: copyNewServerToken,
  },
  'serverToken.toChecklist': {
    keys: ['enter', 'escape'],
    description: 'Leave the new token (it is forgotten, never shown again) for the checklist',
    category: 'server-token',
    modes: ['server-token-result'],
    dangerous: false,
    hint: 'checklist',
    disabledReason: always,
    run: closeServerTokenResult,
  },
  'serverToken.startOver': {
    keys: ['enter'],
    description: 'Start the server-token rotation over (the old token again)',
    category: 'server-token',
    modes: ['server-token-failed'],
    dangerous: false,
    hint: 'start over',
    disabledReason: always,
    run: startServerTokenOver,
  },
} satisfies CommandTable<AppState>;
