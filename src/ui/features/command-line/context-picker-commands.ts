// The context picker's keys (`:ctx` alone, context-picker.ts): typing filters, ↑↓ move, Enter
// switches as `:ctx NAME` would, Tab completes the filter, Esc goes back without switching.
import { always, type CommandTable } from '../../commands/command-spec.ts';
import type { BackTarget } from '../../shared/back-target.ts';
import { withoutLastChar } from '../../shared/text-field.ts';
import type { AppState } from '../../view-model/app-state.ts';
import type { ContextChoice } from '../../../core/context-choice.ts';
import { completeCommandLine, requestContextSwitch, wantContextChoices } from './command-line.ts';
import { pickerChoices, type ContextPickerScreen } from './context-picker.ts';

export function openContextPicker(state: AppState, back: BackTarget): AppState {
  return { ...state, screen: { kind: 'context-picker', filter: '', cursor: 0, back }, contextSwitch: wantContextChoices(state.contextSwitch) };
}

function onPicker(state: AppState, change: (screen: ContextPickerScreen, choices: readonly ContextChoice[]) => Partial<ContextPickerScreen>): AppState {
  const { screen } = state;
  if (screen.kind !== 'context-picker') return state;
  const next = { ...screen, ...change(screen, pickerChoices(state.contextSwitch.choices, screen.filter)) };
  const count = pickerChoices(state.contextSwitch.choices, next.filter).length;
  return { ...state, screen: { ...next, cursor: Math.max(0, Math.min(next.cursor, count - 1)) } };
}

function choose(state: AppState): AppState {
  const { screen } = state;
  if (screen.kind !== 'context-picker') return state;
  const choice = pickerChoices(state.contextSwitch.choices, screen.filter)[screen.cursor];
  if (choice === undefined) return { ...state, flash: { text: 'no context matches: Backspace widens the filter, Esc goes back', role: 'status.warn' } };
  const closed: AppState = { ...state, screen: screen.back };
  const request = requestContextSwitch(state.contextSwitch, [choice.name]);
  return 'switch' in request ? { ...closed, contextSwitch: request.switch, flash: request.flash } : { ...closed, flash: request.flash };
}

export function typeIntoPicker(state: AppState, text: string): AppState {
  return onPicker(state, (screen) => ({ filter: screen.filter + text, cursor: 0 }));
}

export const contextPickerCommands = {
  'picker.up': { keys: ['up'], description: 'The previous context', category: 'view', modes: ['context-picker'], dangerous: false, hint: 'move', disabledReason: always, run: (state) => onPicker(state, (screen) => ({ cursor: screen.cursor - 1 })) },
  'picker.down': { keys: ['down'], description: 'The next context', category: 'view', modes: ['context-picker'], dangerous: false, hint: 'move', disabledReason: always, run: (state) => onPicker(state, (screen) => ({ cursor: screen.cursor + 1 })) },
  'picker.choose': { keys: ['enter'], description: 'Switch to the context under the cursor', category: 'view', modes: ['context-picker'], dangerous: false, hint: 'switch', disabledReason: always, run: choose },
  'picker.complete': {
    keys: ['tab'],
    description: 'Complete the filter to the names it matches',
    category: 'view',
    modes: ['context-picker'],
    dangerous: false,
    hint: 'complete',
    disabledReason: always,
    run: (state) => onPicker(state, (screen) => ({ filter: completeCommandLine(`ctx ${screen.filter}`, [], (state.contextSwitch.choices ?? []).map((choice) => choice.name)).text.slice(4) })),
  },
  'picker.deleteChar': { keys: ['backspace'], description: 'Delete the last character of the context filter', category: 'view', modes: ['context-picker'], dangerous: false, disabledReason: always, run: (state) => onPicker(state, (screen) => ({ filter: withoutLastChar(screen.filter), cursor: 0 })) },
  'picker.back': { keys: ['escape'], description: 'Back without switching', category: 'view', modes: ['context-picker'], dangerous: false, hint: 'back', disabledReason: always, run: (state) => (state.screen.kind === 'context-picker' ? { ...state, screen: state.screen.back } : state) },
} satisfies CommandTable<AppState>;

