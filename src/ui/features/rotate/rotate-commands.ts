// The rotation's commands (r opens its plan; Enter goes on, Esc leaves it unfinished) and those
// of the unfinished rotations found in the journal (resume, abandon, decide later). Keys on its
// child flows (the replacement's wizard, the old token's revoke prompt) are theirs.
import { always, needsSelection, notWhilePending, type CommandTable } from '../../commands/command-spec.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { askAbandon, confirmAbandon, decideLater, resumeInterrupted } from './interrupted.ts';
import { abandonStopped, closeRotate, continueRotate, leaveUnfinished, openRotate } from './rotate-screen.ts';
import type { RotateFlow } from './rotate-flow.ts';

const onRotation = (state: AppState, act: (state: AppState, flow: RotateFlow) => AppState): AppState => (state.screen.kind === 'rotate' ? act(state, state.screen.flow) : state);

export const rotateOpenCommand = {
  'token.rotate': {
    keys: ['r'],
    description: 'Rotate the selected token (guided plan)',
    category: 'token',
    modes: ['list', 'details'],
    dangerous: true,
    hint: 'rotate',
    disabledReason: (context) => context.rotateUnavailable ?? needsSelection(context),
    run: openRotate,
  },
} satisfies CommandTable<AppState>;

export const rotateCommands = {
  'rotate.continue': {
    keys: ['enter'],
    description: 'Continue the rotation plan (or retry the step that failed)',
    category: 'rotate',
    modes: ['rotate-continue'],
    dangerous: false,
    hint: 'continue',
    disabledReason: always,
    run: (state) => onRotation(state, continueRotate),
  },
  'rotate.leave': {
    keys: ['escape'],
    description: 'Leave the rotation unfinished: r on the old token, or the next start, resumes it',
    category: 'rotate',
    modes: ['rotate-continue', 'rotate-busy'],
    dangerous: false,
    hint: 'leave',
    disabledReason: notWhilePending,
    run: (state) => onRotation(state, leaveUnfinished),
  },
  'rotate.close': { keys: ['escape', 'enter'], description: 'Close the rotation summary', category: 'rotate', modes: ['rotate-summary', 'rotate-stopped'], dangerous: false, hint: 'close', disabledReason: always, run: (state) => onRotation(state, closeRotate) },
  'rotate.abandon': {
    keys: ['a'],
    description: 'Abandon the stopped rotation (asks first, then offers to revoke its replacement)',
    category: 'rotate',
    modes: ['rotate-stopped'],
    dangerous: true,
    hint: 'abandon',
    disabledReason: always,
    run: (state) => onRotation(state, abandonStopped),
  },
  'interrupted.resume': {
    keys: ['enter'],
    description: 'Resume the interrupted rotation from its next step (nothing is done twice)',
    category: 'rotate',
    modes: ['interrupted'],
    dangerous: true,
    hint: 'resume',
    disabledReason: always,
    run: resumeInterrupted,
  },
  'interrupted.abandon': {
    keys: ['a'],
    description: 'Abandon the interrupted rotation (says what stays, then asks)',
    category: 'rotate',
    modes: ['interrupted'],
    dangerous: true,
    hint: 'abandon',
    disabledReason: always,
    run: (state) => askAbandon(state, true),
  },
  'interrupted.later': {
    keys: ['escape'],
    description: 'Decide later: the rotation stays unfinished in the journal',
    category: 'rotate',
    modes: ['interrupted'],
    dangerous: false,
    hint: 'later',
    disabledReason: always,
    run: decideLater,
  },
  'interrupted.confirmAbandon': {
    keys: ['y'],
    description: 'Yes, abandon the rotation',
    category: 'rotate',
    modes: ['interrupted-abandon'],
    dangerous: true,
    hint: 'abandon',
    disabledReason: always,
    run: confirmAbandon,
  },
  'interrupted.keep': { keys: ['n', 'escape'], description: 'No, keep the rotation', category: 'rotate', modes: ['interrupted-abandon'], dangerous: false, hint: 'keep', disabledReason: always, run: (state) => askAbandon(state, false) },
} satisfies CommandTable<AppState>;
