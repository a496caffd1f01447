// The one reducer: backend events, keys and resizes. Keys resolve to commands through the
// keymap here (not in the component), against the state left by the previous key.
import { COMMANDS, isCommandVisible, type CommandId } from '../keys/commands.ts';
import { commandForKey, keysLabel } from '../keys/keymap.ts';
import { splitAltKey, splitTypedKeys, type KeyPress } from '../keys/key-press.ts';
import { tableRows, type Viewport } from '../layout.ts';
import { commandContext, modeOf, type AppAction, type AppState } from './app-state.ts';
import { applyFeedEvent } from './data-state.ts';
import { applyContextSwitchFailed, editCommandLine } from './command-line.ts';
import { withFilter, withRows } from './derive.ts';
import { pruneMarks } from './marks.ts';
import { applyCreateOutcome } from './create-screen.ts';
import { applyRotationsFound } from './interrupted-actions.ts';
import { applyRevokeResult, typeIntoRevoke } from './revoke-actions.ts';
import { applyRotateEvent } from './rotate-events.ts';
import { applyChecklistSaved, applyChecklistsFound } from './checklist-screen.ts';
import { applyServerTokenEvent, typeIntoServerToken } from './server-token-actions.ts';
import { applyJournalDone } from './rotate-steps.ts';
import { executeCommand } from './run-command.ts';
import { reconcileSelection } from './selection.ts';
import { applyCopyDone, updateWizard } from './wizard-actions.ts';
import { typeIntoWizard } from './wizard-input.ts';

/** Keys and results carry the clock: rotation steps are stamped with it (the reducer stays pure). */
function at(state: AppState, time: number | undefined): AppState {
  return time === undefined || time === state.now ? state : { ...state, now: time };
}

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'feed': {
      const data = applyFeedEvent(state.data, action.event, action.at);
      if (data.entries === state.data.entries) return { ...state, data };
      return withRows({ ...state, data, marked: pruneMarks(state.marked, data.entries) });
    }
    case 'key':
      return handleKey(at(state, action.at), action.key);
    case 'resize':
      return withViewport(state, action.viewport);
    case 'revoke':
      return applyRevokeResult(at(state, action.at), action.event);
    case 'audit-journal':
      return state.screen.kind === 'audit' ? { ...state, screen: { ...state.screen, journal: action.journal, scroll: 0 } } : state;
    case 'create':
      return applyCreateOutcome(state, action.ticket, action.outcome);
    case 'rotate':
      return applyRotateEvent(at(state, action.at), action.event);
    case 'journal':
      return applyJournalDone(state, action.done, action.failure);
    case 'copied':
      return applyCopyDone(state, action.seq, action.error);
    case 'rotations-found':
      return applyRotationsFound(state, action.rotations, action.error);
    case 'context-switch-failed':
      return applyContextSwitchFailed(state, action.name, action.error);
    case 'server-token':
      return applyServerTokenEvent(at(state, action.at), action.event);
    case 'checklists-found':
      return applyChecklistsFound(state, action.checklists, action.error);
    case 'checklist-saved':
      return applyChecklistSaved(state, action.done, action.failure);
  }
}

function withViewport(state: AppState, viewport: Viewport): AppState {
  if (viewport.columns === state.viewport.columns && viewport.rows === state.viewport.rows) return state;
  const resized = { ...state, viewport };
  return { ...resized, selection: reconcileSelection(state.rows, state.selection, tableRows(viewport)) };
}

// Control bytes (a stray Ctrl chord) are never typed into the filter prompt.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

function handleKey(state: AppState, key: KeyPress): AppState {
  if (state.exitRequested) return state; // keys after `q` in the same chunk are dropped
  // Several keys in one string (see splitTypedKeys): one at a time, each seeing the state
  // the previous one left.
  if ([...key.text].length > 1) return splitTypedKeys(key.text).reduce(handleKey, state);
  const base = state.flash === null ? state : { ...state, flash: null };
  const mode = modeOf(base);
  const command = commandForKey(mode, key.name);
  const escThenKey = command === undefined ? splitAltKey(key) : null;
  if (escThenKey !== null) return escThenKey.reduce(handleKey, state);
  if (command !== undefined) return runCommand(base, command);
  if (key.text === '' || CONTROL_CHARACTERS.test(key.text)) return base;
  // Text prompts: every printable key the mode does not bind is typed.
  if (mode === 'filter') return withFilter(base, base.filter + key.text);
  if (mode === 'command') return editCommandLine(base, (text) => text + key.text);
  if (mode === 'revoke-typing') return typeIntoRevoke(base, key.text);
  if (mode === 'server-token-secret' || mode === 'server-token-confirm') return typeIntoServerToken(base, key.text);
  if (mode === 'wizard-text' || mode === 'wizard-ttl') return updateWizard(base, (wizard) => typeIntoWizard(wizard, key.text));
  return base;
}

/** Refuses hidden and disabled commands with a message saying why; runs the rest. */
export function runCommand(state: AppState, id: CommandId): AppState {
  const spec = COMMANDS[id];
  if (!isCommandVisible(id, state.readonly)) {
    return { ...state, flash: { text: `read-only mode: "${spec.description}" is not allowed`, role: 'status.warn' } };
  }
  const reason = spec.disabledReason(commandContext(state));
  if (reason !== null) {
    if (spec.quietWhenDisabled === true) return state;
    return { ...state, flash: { text: `${keysLabel(id)} ${spec.description}: ${reason}`, role: 'status.warn' } };
  }
  return executeCommand(state, id);
}
