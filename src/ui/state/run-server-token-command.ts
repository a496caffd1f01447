// What the server-token and checklist commands do to the state (run-command.ts hands them over):
// an exhaustive switch, so a new ServerTokenCommandId without a behaviour is a compile error.
import type { ServerTokenCommandId } from '../keys/server-token-commands.ts';
import { bodyLines } from '../layout.ts';
import type { AppState, BackTarget } from './app-state.ts';
import { closeChecklistScreen, moveChecklistCursor, toggleChecklistCursor } from './checklist-screen.ts';
import {
  closeServerTokenResult,
  confirmServerTokenRotation,
  copyNewServerToken,
  deleteServerTokenChar,
  leaveServerToken,
  openServerTokenRotation,
  scrollServerTokenPreview,
  startServerTokenOver,
  submitOldToken,
} from './server-token-actions.ts';
import { serverTokenBodyLines } from './server-token-model.ts';
import { PINNED_LINES } from './revoke-model.ts';

/** How far the preview scrolls: its lines minus what fits above the pinned prompt. */
function previewMaxScroll(state: AppState): number {
  if (state.screen.kind !== 'server-token') return 0;
  const lines = serverTokenBodyLines(state.screen.flow, state.viewport.columns).length;
  return Math.max(0, lines - Math.max(1, bodyLines(state.viewport) - PINNED_LINES));
}

function backOf(state: AppState): BackTarget {
  return state.screen.kind === 'details' ? state.screen : { kind: 'list' };
}

export function executeServerTokenCommand(state: AppState, id: ServerTokenCommandId): AppState {
  switch (id) {
    case 'token.rotateServerToken':
      return openServerTokenRotation(state, backOf(state));
    case 'serverToken.submitOldToken':
      return submitOldToken(state);
    case 'serverToken.deleteChar':
      return deleteServerTokenChar(state);
    case 'serverToken.rotate':
      return confirmServerTokenRotation(state);
    case 'serverToken.scrollUp':
      return scrollServerTokenPreview(state, -1, previewMaxScroll(state));
    case 'serverToken.scrollDown':
      return scrollServerTokenPreview(state, 1, previewMaxScroll(state));
    case 'serverToken.leave':
      return leaveServerToken(state);
    case 'serverToken.copy':
      return copyNewServerToken(state);
    case 'serverToken.toChecklist':
      return closeServerTokenResult(state);
    case 'serverToken.startOver':
      return startServerTokenOver(state);
    case 'checklist.up':
      return moveChecklistCursor(state, -1);
    case 'checklist.down':
      return moveChecklistCursor(state, 1);
    case 'checklist.toggle':
      return toggleChecklistCursor(state);
    case 'checklist.back':
      return closeChecklistScreen(state);
  }
}
