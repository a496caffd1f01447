// The create wizard's and its result's commands, wherever the wizard is shown (the create screen,
// or a rotation's replacement: view-model/screen-hub.ts finds it), c, which opens the create
// screen, and y on the list, which only says where a secret can be copied.
import { always, notWhilePending, type CommandContext, type CommandTable } from '../../commands/command-spec.ts';
import type { Mode } from '../../commands/modes.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { dispatchWizard, updateResultView, updateWizard } from '../../view-model/screen-hub.ts';
import { openCreate } from './create-host.ts';
import { copyDone, requestCopy, type CopyTarget } from './result-view.ts';
import { cycleTtlSuggestion, deleteWizardChar } from './wizard-input.ts';

/** Why y does nothing on the list: secrets exist only on a result screen. */
export const COPY_ONLY_ON_RESULT = 'secrets are never listed: y copies on the result screen of c (create) or r (rotate)';

const needsJoinCommand = (context: CommandContext): string | null => context.joinCommandUnavailable;
const wizardModes: readonly Mode[] = ['wizard-text', 'wizard-ttl', 'wizard-usages', 'wizard-count', 'wizard-choice', 'wizard-review', 'wizard-busy'];
const resultModes: readonly Mode[] = ['result', 'result-fallback'];

/** y / Y: a copy request useTerminalCopy writes once (its seq is a fresh ticket). */
function copyFromResult(state: AppState, what: CopyTarget): AppState {
  const seq = state.nextTicket;
  const next = updateResultView(state, (view, result) => requestCopy(view, result, what, seq));
  return next === state ? state : { ...next, nextTicket: seq + 1 };
}

function showAlone(state: AppState, alone: boolean): AppState {
  return updateResultView(state, (view) => (view.alone === alone ? view : { ...view, alone }));
}

/** useTerminalCopy wrote the copy `seq` (error null) or could not. */
export function applyCopyDone(state: AppState, seq: number, error: string | null): AppState {
  return updateResultView(state, (view) => copyDone(view, seq, error, state.tmux));
}

export const createOpenCommand = {
  'token.create': { keys: ['c'], description: 'Create a token (guided)', category: 'token', modes: ['list', 'details'], dangerous: true, hint: 'create', disabledReason: (context) => context.createUnavailable, run: openCreate },
} satisfies CommandTable<AppState>;

export const copyOnListCommand = {
  'token.copy': {
    keys: ['y'],
    description: 'Copy the join command (OSC 52): on the result screen of create and rotate',
    category: 'token',
    modes: ['list', 'details'],
    dangerous: false,
    hint: 'copy',
    disabledReason: () => COPY_ONLY_ON_RESULT,
    // Disabled by its disabledReason (nothing on the list holds a secret); never faked.
    run: (state) => ({ ...state, flash: { text: COPY_ONLY_ON_RESULT, role: 'status.warn' } }),
  },
} satisfies CommandTable<AppState>;

export const wizardCommands = {
  'wizard.next': {
    keys: ['enter'],
    description: 'Check this step and go to the next one',
    category: 'create',
    modes: ['wizard-text', 'wizard-ttl', 'wizard-usages', 'wizard-count', 'wizard-choice'],
    dangerous: false,
    hint: 'next',
    disabledReason: always,
    run: (state) => dispatchWizard(state, { type: 'next' }),
  },
  'wizard.back': {
    keys: ['escape'],
    description: 'Previous step, values kept (on the first step: cancel, nothing is created)',
    category: 'create',
    modes: wizardModes,
    dangerous: false,
    hint: 'back',
    disabledReason: notWhilePending,
    run: (state) => dispatchWizard(state, { type: 'back' }),
  },
  'wizard.deleteChar': { keys: ['backspace'], description: 'Delete the last character of the field', category: 'create', modes: ['wizard-text', 'wizard-ttl', 'wizard-count'], dangerous: false, disabledReason: always, run: (state) => updateWizard(state, deleteWizardChar) },
  'wizard.suggest': { keys: ['tab'], description: 'Cycle through the suggested TTLs (1h, 24h, 7d, never)', category: 'create', modes: ['wizard-ttl'], dangerous: false, hint: 'suggest', disabledReason: always, run: (state) => updateWizard(state, cycleTtlSuggestion) },
  'wizard.usageUp': { keys: ['up', 'k'], description: 'Move to the previous usage', category: 'create', modes: ['wizard-usages'], dangerous: false, hint: 'move', disabledReason: always, run: (state) => dispatchWizard(state, { type: 'move-usage', delta: -1 }) },
  'wizard.usageDown': { keys: ['down', 'j'], description: 'Move to the next usage', category: 'create', modes: ['wizard-usages'], dangerous: false, hint: 'move', disabledReason: always, run: (state) => dispatchWizard(state, { type: 'move-usage', delta: 1 }) },
  'wizard.shortcut': { keys: ['tab'], description: "Turn a count field's shortcut on or off (max uses: single-use)", category: 'create', modes: ['wizard-count'], dangerous: false, hint: 'single-use', disabledReason: always, run: (state) => dispatchWizard(state, { type: 'toggle-shortcut' }) },
  'wizard.choiceUp': { keys: ['up', 'k'], description: 'Pick the previous choice', category: 'create', modes: ['wizard-choice'], dangerous: false, hint: 'pick', disabledReason: always, run: (state) => dispatchWizard(state, { type: 'choose', delta: -1 }) },
  'wizard.choiceDown': { keys: ['down', 'j'], description: 'Pick the next choice', category: 'create', modes: ['wizard-choice'], dangerous: false, hint: 'pick', disabledReason: always, run: (state) => dispatchWizard(state, { type: 'choose', delta: 1 }) },
  'wizard.toggleUsage': { keys: [' '], description: 'Turn the usage under the cursor on or off', category: 'create', modes: ['wizard-usages'], dangerous: false, hint: 'toggle', disabledReason: always, run: (state) => dispatchWizard(state, { type: 'toggle-usage' }) },
  'wizard.create': {
    keys: ['enter'],
    description: 'Create the token as reviewed (the final confirmation)',
    category: 'create',
    modes: ['wizard-review'],
    dangerous: true,
    hint: 'create',
    disabledReason: always,
    run: (state) => dispatchWizard(state, { type: 'submit' }),
  },
  // y = the join command (what a node needs), Y = the bare token; both are OSC 52 writes.
  'result.copyCommand': {
    keys: ['y'],
    description: 'Send the join command to the terminal clipboard (OSC 52)',
    category: 'create',
    modes: resultModes,
    dangerous: false,
    hint: 'copy command',
    disabledReason: needsJoinCommand,
    run: (state) => copyFromResult(state, 'command'),
  },
  'result.copyToken': {
    keys: ['Y'],
    description: 'Send the token itself to the terminal clipboard (OSC 52)',
    category: 'create',
    modes: resultModes,
    dangerous: false,
    hint: 'copy token',
    disabledReason: always,
    run: (state) => copyFromResult(state, 'token'),
  },
  'result.showAlone': {
    keys: ['v'],
    description: 'Show the join command alone, to select it by hand',
    category: 'create',
    modes: ['result'],
    dangerous: false,
    hint: 'show alone',
    disabledReason: always,
    run: (state) => showAlone(state, true),
  },
  'result.backFromAlone': { keys: ['escape', 'v'], description: 'Back from the command alone to the result', category: 'create', modes: ['result-fallback'], dangerous: false, hint: 'back', disabledReason: always, run: (state) => showAlone(state, false) },
  'result.close': {
    keys: ['escape', 'enter'],
    description: 'Leave the result: the secret is forgotten and never shown again',
    category: 'create',
    modes: ['result'],
    dangerous: false,
    hint: 'done',
    disabledReason: always,
    // The wizard drops its result (and with it the secret); the owner moves on.
    run: (state) => dispatchWizard(state, { type: 'dismiss' }),
  },
} satisfies CommandTable<AppState>;
