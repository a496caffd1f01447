// The checklist screen's commands, and `:checklist`, which opens it. Ticking a local note is
// not a backend mutation: it works in read-only mode too.
import { always, type CommandTable } from '../../commands/command-spec.ts';
import { backTargetOf } from '../../shared/back-target.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { closeChecklistScreen, moveChecklistCursor, openChecklistScreen, toggleChecklistCursor } from './checklist.ts';

export const checklistCommands = {
  'checklist.up': { keys: ['up', 'k'], description: 'Move to the previous checklist item', category: 'server-token', modes: ['checklist'], dangerous: false, hint: 'move', disabledReason: always, run: (state) => moveChecklistCursor(state, -1) },
  'checklist.down': { keys: ['down', 'j'], description: 'Move to the next checklist item', category: 'server-token', modes: ['checklist'], dangerous: false, hint: 'move', disabledReason: always, run: (state) => moveChecklistCursor(state, 1) },
  'checklist.toggle': { keys: [' '], description: 'Tick the checklist item off, or open it again (saved at once)', category: 'server-token', modes: ['checklist'], dangerous: false, hint: 'tick', disabledReason: always, run: toggleChecklistCursor },
  'checklist.back': { keys: ['escape'], description: 'Close the checklist', category: 'server-token', modes: ['checklist'], dangerous: false, hint: 'back', disabledReason: always, run: closeChecklistScreen },
} satisfies CommandTable<AppState>;

export const checklistOpenCommand = {
  'app.checklist': {
    keys: [],
    words: ['checklist'],
    description: 'Show the open post-rotation checklists (:checklist)',
    category: 'server-token',
    modes: ['list', 'details'],
    dangerous: false,
    disabledReason: always,
    run: (state) => openChecklistScreen(state, backTargetOf(state.screen)),
  },
} satisfies CommandTable<AppState>;
