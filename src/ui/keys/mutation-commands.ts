// Commands of the create wizard, its result screen (the secret, once), the rotate screen and the
// interrupted-rotation screen, as data like the rest (commands.ts merges them into COMMANDS).
import type { CommandContext, CommandSpec, Mode } from './commands.ts';

export type MutationCommandId =
  | 'wizard.next'
  | 'wizard.back'
  | 'wizard.deleteChar'
  | 'wizard.suggest'
  | 'wizard.usageUp'
  | 'wizard.usageDown'
  | 'wizard.toggleUsage'
  | 'wizard.create'
  | 'result.copyCommand'
  | 'result.copyToken'
  | 'result.showAlone'
  | 'result.backFromAlone'
  | 'result.close'
  | 'rotate.continue'
  | 'rotate.leave'
  | 'rotate.close'
  | 'interrupted.resume'
  | 'interrupted.abandon'
  | 'interrupted.later'
  | 'interrupted.confirmAbandon'
  | 'interrupted.keep';

const always = (): null => null;
const notWhilePending = (context: CommandContext): string | null => (context.pendingWork === null ? null : `${context.pendingWork}: wait for its outcome`);
const needsJoinCommand = (context: CommandContext): string | null => context.joinCommandUnavailable;

const wizardModes: readonly Mode[] = ['wizard-text', 'wizard-ttl', 'wizard-usages', 'wizard-review', 'wizard-busy'];
const resultModes: readonly Mode[] = ['result', 'result-fallback'];

export const MUTATION_COMMANDS: { readonly [id in MutationCommandId]: CommandSpec } = {
  'wizard.next': {
    description: 'Check this step and go to the next one',
    category: 'create',
    modes: ['wizard-text', 'wizard-ttl', 'wizard-usages'],
    dangerous: false,
    hint: 'next',
    disabledReason: always,
  },
  'wizard.back': {
    description: 'Previous step, values kept (on the first step: cancel, nothing is created)',
    category: 'create',
    modes: wizardModes,
    dangerous: false,
    hint: 'back',
    disabledReason: notWhilePending,
  },
  'wizard.deleteChar': { description: 'Delete the last character of the field', category: 'create', modes: ['wizard-text', 'wizard-ttl'], dangerous: false, disabledReason: always },
  'wizard.suggest': { description: 'Cycle through the suggested TTLs (1h, 24h, 7d, never)', category: 'create', modes: ['wizard-ttl'], dangerous: false, hint: 'suggest', disabledReason: always },
  'wizard.usageUp': { description: 'Move to the previous usage', category: 'create', modes: ['wizard-usages'], dangerous: false, hint: 'move', disabledReason: always },
  'wizard.usageDown': { description: 'Move to the next usage', category: 'create', modes: ['wizard-usages'], dangerous: false, hint: 'move', disabledReason: always },
  'wizard.toggleUsage': { description: 'Turn the usage under the cursor on or off', category: 'create', modes: ['wizard-usages'], dangerous: false, hint: 'toggle', disabledReason: always },
  'wizard.create': {
    description: 'Create the token as reviewed (the final confirmation)',
    category: 'create',
    modes: ['wizard-review'],
    dangerous: true,
    hint: 'create',
    disabledReason: always,
  },
  'result.copyCommand': {
    description: 'Send the join command to the terminal clipboard (OSC 52)',
    category: 'create',
    modes: resultModes,
    dangerous: false,
    hint: 'copy command',
    disabledReason: needsJoinCommand,
  },
  'result.copyToken': {
    description: 'Send the token itself to the terminal clipboard (OSC 52)',
    category: 'create',
    modes: resultModes,
    dangerous: false,
    hint: 'copy token',
    disabledReason: always,
  },
  'result.showAlone': {
    description: 'Show the join command alone, to select it by hand',
    category: 'create',
    modes: ['result'],
    dangerous: false,
    hint: 'show alone',
    disabledReason: always,
  },
  'result.backFromAlone': { description: 'Back from the command alone to the result', category: 'create', modes: ['result-fallback'], dangerous: false, hint: 'back', disabledReason: always },
  'result.close': {
    description: 'Leave the result: the secret is forgotten and never shown again',
    category: 'create',
    modes: ['result'],
    dangerous: false,
    hint: 'done',
    disabledReason: always,
  },
  'rotate.continue': {
    description: 'Continue the rotation plan (or retry the step that failed)',
    category: 'rotate',
    modes: ['rotate-continue'],
    dangerous: false,
    hint: 'continue',
    disabledReason: always,
  },
  'rotate.leave': {
    description: 'Leave the rotation unfinished: r on the old token, or the next start, resumes it',
    category: 'rotate',
    modes: ['rotate-continue', 'rotate-busy'],
    dangerous: false,
    hint: 'leave',
    disabledReason: notWhilePending,
  },
  'rotate.close': { description: 'Close the rotation summary', category: 'rotate', modes: ['rotate-summary'], dangerous: false, hint: 'close', disabledReason: always },
  'interrupted.resume': {
    description: 'Resume the interrupted rotation from its next step (nothing is done twice)',
    category: 'rotate',
    modes: ['interrupted'],
    dangerous: true,
    hint: 'resume',
    disabledReason: always,
  },
  'interrupted.abandon': {
    description: 'Abandon the interrupted rotation (says what stays, then asks)',
    category: 'rotate',
    modes: ['interrupted'],
    dangerous: true,
    hint: 'abandon',
    disabledReason: always,
  },
  'interrupted.later': {
    description: 'Decide later: the rotation stays unfinished in the journal',
    category: 'rotate',
    modes: ['interrupted'],
    dangerous: false,
    hint: 'later',
    disabledReason: always,
  },
  'interrupted.confirmAbandon': {
    description: 'Yes, abandon the rotation',
    category: 'rotate',
    modes: ['interrupted-abandon'],
    dangerous: true,
    hint: 'abandon',
    disabledReason: always,
  },
  'interrupted.keep': { description: 'No, keep the rotation', category: 'rotate', modes: ['interrupted-abandon'], dangerous: false, hint: 'keep', disabledReason: always },
};

export const MUTATION_KEYMAP: { readonly [id in MutationCommandId]: readonly string[] } = {
  'wizard.next': ['enter'],
  'wizard.back': ['escape'],
  'wizard.deleteChar': ['backspace'],
  'wizard.suggest': ['tab'],
  'wizard.usageUp': ['up', 'k'],
  'wizard.usageDown': ['down', 'j'],
  'wizard.toggleUsage': [' '],
  'wizard.create': ['enter'],
  // y = the join command (what a node needs), Y = the bare token; both are OSC 52 writes.
  'result.copyCommand': ['y'],
  'result.copyToken': ['Y'],
  'result.showAlone': ['v'],
  'result.backFromAlone': ['escape', 'v'],
  'result.close': ['escape', 'enter'],
  'rotate.continue': ['enter'],
  'rotate.leave': ['escape'],
  'rotate.close': ['escape', 'enter'],
  'interrupted.resume': ['enter'],
  'interrupted.abandon': ['a'],
  'interrupted.later': ['escape'],
  'interrupted.confirmAbandon': ['y'],
  'interrupted.keep': ['n', 'escape'],
};
