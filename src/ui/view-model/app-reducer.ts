// The one reducer: backend events, keys, resizes and what the runners report. A key resolves to
// a command of the current mode (view-model/commands.ts) and runs through the one gate
// (command-gate.ts); a printable key no command binds is typed into the mode's prompt. Each
// answer goes to the feature whose step asked for it. After every action the preview on screen
// learns what has been seen of it (preview-seen.ts), which is what opens its confirmation.
import { splitAltKey, splitTypedKeys, type KeyPress } from '../commands/key-press.ts';
import type { Mode } from '../commands/modes.ts';
import { applyChecklistSaved, applyChecklistsFound } from '../features/checklist/checklist.ts';
import { contextChoicesListed, contextSwitchFailed } from '../features/command-line/command-line.ts';
import { typeIntoPicker } from '../features/command-line/context-picker-commands.ts';
import { typeIntoCommandLine } from '../features/command-line/command-line-commands.ts';
import { applyCopyDone } from '../features/create/create-commands.ts';
import { applyCreateOutcome } from '../features/create/create-host.ts';
import { typeIntoWizard } from '../features/create/wizard-input.ts';
import { pruneMarks } from '../features/list/marks.ts';
import { typeIntoHelpSearch } from '../features/help/help-commands.ts';
import { applyMakeDefaultEvent } from '../features/make-default/make-default-flow.ts';
import { withFilter, withRows, withViewport } from '../features/list/rows.ts';
import { applyRevokeEvent, typeIntoFlow } from '../features/revoke/revoke-flow.ts';
import { applyRotationsFound } from '../features/rotate/interrupted.ts';
import { applyRotateEvent } from '../features/rotate/rotate-events.ts';
import { applyJournalDone } from '../features/rotate/rotate-steps.ts';
import { dropWhileShut } from '../features/revoke/revoke-commands.ts';
import { applyServerTokenEvent, dropWhileShut as dropServerTokenKey, typeIntoServerToken } from '../features/server-token/server-token-screen.ts';
import { applyServerTtlEvent, dropWhileShut as dropServerTtlKey, typeIntoServerTtl } from '../features/server-ttl/server-ttl-screen.ts';
import { applyFeedEvent } from '../shared/token-data.ts';
import type { AppAction, AppState } from './app-state.ts';
import { modeOf } from './command-context.ts';
import { runCommand } from './command-gate.ts';
import { COMMAND_TABLE, commandForKey } from './commands.ts';
import { withPreviewsSeen } from './preview-seen.ts';
import { activeRevoke, updateWizard } from './screen-hub.ts';

/** Keys and results carry the clock: rotation steps are stamped with it (the reducer stays pure). */
function at(state: AppState, time: number | undefined): AppState {
  return time === undefined || time === state.now ? state : { ...state, now: time };
}

export function appReducer(state: AppState, action: AppAction): AppState {
  const next = reduce(state, action);
  return next === state ? state : withPreviewsSeen(next);
}

function reduce(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'clock':
      return at(state, action.at);
    case 'feed': {
      const data = applyFeedEvent(state.data, action.event, action.at);
      if (data.entries === state.data.entries) return { ...state, data };
      return withRows({ ...state, data, marked: pruneMarks(state.marked, data.entries) });
    }
    case 'key':
      return handleKey(at(state, action.at), action.key);
    case 'resize':
      return withViewport(state, action.viewport);
    case 'revoke': {
      const timed = at(state, action.at);
      return activeRevoke(timed)?.update((flow, ticket) => applyRevokeEvent(flow, action.event, ticket)) ?? timed;
    }
    case 'audit-journal':
      return state.screen.kind === 'audit' ? { ...state, screen: { ...state.screen, journal: action.journal, scroll: 0 } } : state;
    case 'create':
      return applyCreateOutcome(state, action.ticket, action.outcome);
    case 'make-default':
      return state.screen.kind === 'make-default' ? { ...state, screen: { ...state.screen, flow: applyMakeDefaultEvent(state.screen.flow, action.event) } } : state;
    case 'rotate':
      return applyRotateEvent(at(state, action.at), action.event);
    case 'journal':
      return applyJournalDone(state, action.done, action.failure);
    case 'copied':
      return applyCopyDone(state, action.seq, action.error);
    case 'rotations-found':
      return applyRotationsFound(state, action.rotations, action.error);
    case 'contexts-listed':
      return { ...state, contextSwitch: contextChoicesListed(state.contextSwitch, action.choices, action.error) };
    case 'context-switch-failed': {
      const failed = contextSwitchFailed(state.contextSwitch, action.name, action.error);
      return failed === null || !('switch' in failed) ? state : { ...state, contextSwitch: failed.switch, flash: failed.flash };
    }
    case 'server-token':
      return applyServerTokenEvent(at(state, action.at), action.event);
    case 'server-ttl':
      return applyServerTtlEvent(state, action.event);
    case 'checklists-found':
      return applyChecklistsFound(state, action.checklists, action.error);
    case 'checklist-saved':
      return applyChecklistSaved(state, action.done, action.failure);
  }
}

// Control bytes (a stray Ctrl chord) are never typed into a prompt.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** A printable key in a mode with a text prompt: typed into it. */
function typeInto(state: AppState, mode: Mode, text: string): AppState {
  switch (mode) {
    case 'filter':
      return withFilter(state, state.filter + text);
    case 'command':
      return typeIntoCommandLine(state, text);
    case 'help-search':
      return typeIntoHelpSearch(state, text);
    case 'context-picker':
      return typeIntoPicker(state, text);
    case 'revoke-typing':
      return activeRevoke(state)?.update((flow) => ({ flow: typeIntoFlow(flow, text), output: null })) ?? state;
    // Never echoed in the note: the text may be a pasted secret.
    case 'revoke-waiting':
      return dropWhileShut(state, text === 'y' || text === 'n' ? text : 'typing');
    case 'server-token-waiting':
      return dropServerTokenKey(state, 'typing');
    case 'server-ttl-waiting':
      return dropServerTtlKey(state, 'typing');
    case 'server-token-secret':
    case 'server-token-confirm':
      return typeIntoServerToken(state, text);
    case 'server-ttl-confirm':
      return typeIntoServerTtl(state, text);
    case 'wizard-text':
    case 'wizard-ttl':
    case 'wizard-count':
      return updateWizard(state, (wizard) => typeIntoWizard(wizard, text));
    default:
      return state;
  }
}

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
  if (command !== undefined) return runCommand(base, COMMAND_TABLE, command, { kind: 'key' });
  if (key.text === '' || CONTROL_CHARACTERS.test(key.text)) return base;
  return typeInto(base, mode, key.text);
}
