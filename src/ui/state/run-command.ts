// What each command does to the state: one exhaustive switch, so adding a CommandId without
// deciding its behaviour is a compile error. Availability was checked by the caller.
import { COPY_ONLY_ON_RESULT, type CommandId } from '../keys/commands.ts';
import { bodyLines, tableRows } from '../layout.ts';
import { commandContext, type AppState, type Screen } from './app-state.ts';
import { auditLines } from './audit-model.ts';
import { cancelCommandLine, editCommandLine, helpScreen, openCommandLine, runCommandLine } from './command-line.ts';
import { withFilter, withSort } from './derive.ts';
import { detailFields, detailLines } from './details-model.ts';
import { helpLines } from './help-model.ts';
import { toggleMark } from './marks.ts';
import { openCreate } from './create-screen.ts';
import { askAbandon, confirmAbandon, decideLater, resumeInterrupted } from './interrupted-actions.ts';
import { confirmRevoke, deleteRevokeChar, leaveRevoke, openRevoke, scrollRevoke } from './revoke-actions.ts';
import { closeRotate, continueRotate, leaveUnfinished, openRotate } from './rotate-actions.ts';
import { executeServerTokenCommand } from './run-server-token-command.ts';
import { isServerTokenCommand } from '../keys/server-token-commands.ts';
import { copyFromResult, dispatchWizard, showAlone, updateWizard } from './wizard-actions.ts';
import { cycleTtlSuggestion, deleteWizardChar } from './wizard-input.ts';
import { selectIndex } from './selection.ts';
import { nextSortKey } from './token-view.ts';

// By code point, so deleting never leaves half a surrogate pair behind.
const withoutLastChar = (text: string): string => Array.from(text).slice(0, -1).join('');

export function executeCommand(state: AppState, id: CommandId): AppState {
  const page = tableRows(state.viewport);
  switch (id) {
    case 'list.up':
      return moveSelection(state, state.selection.index - 1);
    case 'list.down':
      return moveSelection(state, state.selection.index + 1);
    case 'list.pageUp':
      return moveSelection(state, state.selection.index - page);
    case 'list.pageDown':
      return moveSelection(state, state.selection.index + page);
    case 'list.top':
      return moveSelection(state, 0);
    case 'list.bottom':
      return moveSelection(state, state.rows.length - 1);
    case 'list.filter':
      return withScreen(state, { kind: 'filter' });
    case 'list.clearFilter':
      return withFilter(state, '');
    case 'list.sort':
      return withSort(state, nextSortKey(state.sort));
    case 'list.details':
      return state.selection.id === null ? state : withScreen(state, { kind: 'details', tokenId: state.selection.id, scroll: 0 });
    case 'details.scrollUp':
      return scroll(state, -1);
    case 'details.scrollDown':
      return scroll(state, 1);
    case 'details.back':
      return withScreen(state, { kind: 'list' });
    case 'filter.apply':
      return withScreen(state, { kind: 'list' });
    case 'filter.clear':
      return withScreen(withFilter(state, ''), { kind: 'list' });
    case 'filter.deleteChar':
      return withFilter(state, withoutLastChar(state.filter));
    case 'list.mark':
      return toggleMark(state);
    case 'command.line':
      return openCommandLine(state);
    case 'command.run':
      return runCommandLine(state);
    case 'command.cancel':
      return cancelCommandLine(state);
    case 'command.deleteChar':
      return editCommandLine(state, withoutLastChar);
    case 'token.revoke':
      return openRevoke(state);
    case 'revoke.confirm':
      return confirmRevoke(state, 'yes');
    case 'revoke.submit':
      return confirmRevoke(state, 'typed');
    case 'revoke.deleteChar':
      return deleteRevokeChar(state);
    case 'revoke.decline':
    case 'revoke.back':
      return leaveRevoke(state);
    case 'revoke.scrollUp':
      return scrollRevoke(state, -1);
    case 'revoke.scrollDown':
      return scrollRevoke(state, 1);
    case 'audit.scrollUp':
      return scroll(state, -1);
    case 'audit.scrollDown':
      return scroll(state, 1);
    case 'audit.pageUp':
      return scroll(state, -bodyLines(state.viewport));
    case 'audit.pageDown':
      return scroll(state, bodyLines(state.viewport));
    case 'audit.back':
      return state.screen.kind === 'audit' ? withScreen(state, state.screen.back) : state;
    case 'help.scrollUp':
      return scroll(state, -1);
    case 'help.scrollDown':
      return scroll(state, 1);
    case 'help.back':
      return state.screen.kind === 'help' ? withScreen(state, state.screen.back) : state;
    case 'app.help':
      return openHelp(state);
    case 'app.quit':
    case 'app.interrupt':
      return { ...state, exitRequested: true };
    case 'token.create':
      return openCreate(state);
    case 'token.rotate':
      return openRotate(state);
    case 'token.copy':
      // Disabled by its disabledReason (nothing on the list holds a secret); never faked.
      return { ...state, flash: { text: COPY_ONLY_ON_RESULT, role: 'status.warn' } };
    default:
      return executeMutationCommand(state, id);
  }
}

/** The wizard, result, rotate and interrupted-rotation screens' commands. */
function executeMutationCommand(state: AppState, id: CommandId): AppState {
  const { screen } = state;
  switch (id) {
    case 'wizard.next':
      return dispatchWizard(state, { type: 'next' });
    case 'wizard.back':
      return dispatchWizard(state, { type: 'back' });
    case 'wizard.deleteChar':
      return updateWizard(state, deleteWizardChar);
    case 'wizard.suggest':
      return updateWizard(state, cycleTtlSuggestion);
    case 'wizard.usageUp':
      return dispatchWizard(state, { type: 'move-usage', delta: -1 });
    case 'wizard.usageDown':
      return dispatchWizard(state, { type: 'move-usage', delta: 1 });
    case 'wizard.toggleUsage':
      return dispatchWizard(state, { type: 'toggle-usage' });
    case 'wizard.create':
      return dispatchWizard(state, { type: 'submit' });
    case 'result.copyCommand':
      return copyFromResult(state, 'command');
    case 'result.copyToken':
      return copyFromResult(state, 'token');
    case 'result.showAlone':
      return showAlone(state, true);
    case 'result.backFromAlone':
      return showAlone(state, false);
    case 'result.close':
      // The wizard drops its result (and with it the secret); the owner moves on.
      return dispatchWizard(state, { type: 'dismiss' });
    case 'rotate.continue':
      return screen.kind === 'rotate' ? continueRotate(state, screen.flow) : state;
    case 'rotate.leave':
      return screen.kind === 'rotate' ? leaveUnfinished(state, screen.flow) : state;
    case 'rotate.close':
      return screen.kind === 'rotate' ? closeRotate(state, screen.flow) : state;
    case 'interrupted.resume':
      return resumeInterrupted(state);
    case 'interrupted.abandon':
      return askAbandon(state, true);
    case 'interrupted.keep':
      return askAbandon(state, false);
    case 'interrupted.confirmAbandon':
      return confirmAbandon(state);
    case 'interrupted.later':
      return decideLater(state);
    default:
      return isServerTokenCommand(id) ? executeServerTokenCommand(state, id) : state;
  }
}

function withScreen(state: AppState, screen: Screen): AppState {
  return { ...state, screen };
}

function moveSelection(state: AppState, index: number): AppState {
  return { ...state, selection: selectIndex(state.rows, index, state.selection, tableRows(state.viewport)) };
}

function openHelp(state: AppState): AppState {
  const { screen } = state;
  return withScreen(state, helpScreen(screen.kind === 'details' ? screen : { kind: 'list' }));
}

/** How far a scrollable screen can scroll: its content lines minus the lines that fit. */
export function maxScroll(state: AppState): number {
  const { screen } = state;
  let contentLines = 0;
  if (screen.kind === 'details') {
    const entry = state.data.entries.get(screen.tokenId);
    contentLines = entry === undefined ? 0 : detailLines(detailFields(entry, state.target), state.viewport.columns).length;
  } else if (screen.kind === 'help') {
    contentLines = helpLines(commandContext(state), state.readonly).length;
  } else if (screen.kind === 'audit') {
    contentLines = auditLines(screen.journal, state.viewport.columns).length;
  }
  return Math.max(0, contentLines - bodyLines(state.viewport));
}

function scroll(state: AppState, delta: number): AppState {
  const { screen } = state;
  if (screen.kind !== 'details' && screen.kind !== 'help' && screen.kind !== 'audit') return state;
  const next = Math.max(0, Math.min(maxScroll(state), screen.scroll + delta));
  return next === screen.scroll ? state : withScreen(state, { ...screen, scroll: next });
}
