// Commands of k3s server-token rotation (R, `:rotate-server-token`) and of the post-rotation
// checklist (`:checklist`), as data like the rest (commands.ts merges them into COMMANDS).
// The rotation is offered only where the adapter declares `serverTokenRotation`; the typed
// confirmation (Enter on the preview) is the only key that sends anything.
import type { CommandContext, CommandSpec, Mode } from './commands.ts';

export type ServerTokenMode =
  /** Reading the token file, computing the preview, or the PUT in flight. */
  | 'server-token-busy'
  /** The masked old-token field: typing edits it, nothing is drawn for it. */
  | 'server-token-secret'
  /** The impact preview: typing edits the confirmation (the supervisor's host:port). */
  | 'server-token-confirm'
  /** The new token, shown once. */
  | 'server-token-result'
  | 'server-token-failed'
  /** The open post-rotation checklists: Space ticks an item off. */
  | 'checklist';

export const SERVER_TOKEN_MODES: readonly ServerTokenMode[] = [
  'server-token-busy', 'server-token-secret', 'server-token-confirm', 'server-token-result', 'server-token-failed', 'checklist',
];

export type ServerTokenCommandId =
  | 'token.rotateServerToken'
  | 'serverToken.submitOldToken'
  | 'serverToken.deleteChar'
  | 'serverToken.rotate'
  | 'serverToken.scrollUp'
  | 'serverToken.scrollDown'
  | 'serverToken.leave'
  | 'serverToken.copy'
  | 'serverToken.toChecklist'
  | 'serverToken.startOver'
  | 'checklist.up'
  | 'checklist.down'
  | 'checklist.toggle'
  | 'checklist.back';

const always = (): null => null;
const canRotateServerToken = (context: CommandContext): string | null => context.serverTokenUnavailable;
const notWhilePending = (context: CommandContext): string | null => (context.pendingWork === null ? null : `${context.pendingWork}: wait for its outcome`);
const typing: readonly Mode[] = ['server-token-secret', 'server-token-confirm'];

export const SERVER_TOKEN_COMMANDS: { readonly [id in ServerTokenCommandId]: CommandSpec } = {
  'token.rotateServerToken': {
    description: 'Rotate the k3s server token (impact preview, then typed confirmation; also :rotate-server-token)',
    category: 'token',
    modes: ['list', 'details'],
    dangerous: true,
    hint: 'server token',
    disabledReason: canRotateServerToken,
    hiddenWhenDisabled: true,
  },
  'serverToken.submitOldToken': {
    description: 'Use the typed old server token to compute the impact preview (sends no change)',
    category: 'server-token',
    modes: ['server-token-secret'],
    dangerous: false,
    hint: 'preview',
    disabledReason: always,
  },
  'serverToken.deleteChar': { description: 'Delete the last typed character (old token or confirmation)', category: 'server-token', modes: typing, dangerous: false, disabledReason: always },
  'serverToken.rotate': {
    description: 'Rotate the server token once the typed text matches the supervisor HOST:PORT',
    category: 'server-token',
    modes: ['server-token-confirm'],
    dangerous: true,
    hint: 'rotate',
    disabledReason: always,
  },
  // Arrows only: in the confirmation every printable key belongs to the typed text.
  'serverToken.scrollUp': { description: 'Scroll the server-token impact preview up', category: 'server-token', modes: ['server-token-confirm'], dangerous: false, hint: 'scroll', disabledReason: always },
  'serverToken.scrollDown': { description: 'Scroll the server-token impact preview down', category: 'server-token', modes: ['server-token-confirm'], dangerous: false, hint: 'scroll', disabledReason: always },
  'serverToken.leave': {
    description: 'Leave the server-token rotation (nothing is sent before the typed confirmation)',
    category: 'server-token',
    modes: ['server-token-busy', 'server-token-secret', 'server-token-confirm', 'server-token-failed'],
    dangerous: false,
    hint: 'leave',
    disabledReason: notWhilePending,
  },
  'serverToken.copy': {
    description: 'Send the new server token to the terminal clipboard (OSC 52)',
    category: 'server-token',
    modes: ['server-token-result'],
    dangerous: false,
    hint: 'copy token',
    disabledReason: always,
  },
  'serverToken.toChecklist': {
    description: 'Leave the new token (it is forgotten, never shown again) for the checklist',
    category: 'server-token',
    modes: ['server-token-result'],
    dangerous: false,
    hint: 'checklist',
    disabledReason: always,
  },
  'serverToken.startOver': {
    description: 'Start the server-token rotation over (the old token again)',
    category: 'server-token',
    modes: ['server-token-failed'],
    dangerous: false,
    hint: 'start over',
    disabledReason: always,
  },
  'checklist.up': { description: 'Move to the previous checklist item', category: 'server-token', modes: ['checklist'], dangerous: false, hint: 'move', disabledReason: always },
  'checklist.down': { description: 'Move to the next checklist item', category: 'server-token', modes: ['checklist'], dangerous: false, hint: 'move', disabledReason: always },
  // Ticking a local note is not a backend mutation: it works in read-only mode too.
  'checklist.toggle': { description: 'Tick the checklist item off, or open it again (saved at once)', category: 'server-token', modes: ['checklist'], dangerous: false, hint: 'tick', disabledReason: always },
  'checklist.back': { description: 'Close the checklist', category: 'server-token', modes: ['checklist'], dangerous: false, hint: 'back', disabledReason: always },
};

export const SERVER_TOKEN_KEYMAP: { readonly [id in ServerTokenCommandId]: readonly string[] } = {
  'token.rotateServerToken': ['R'],
  'serverToken.submitOldToken': ['enter'],
  'serverToken.deleteChar': ['backspace'],
  'serverToken.rotate': ['enter'],
  'serverToken.scrollUp': ['up'],
  'serverToken.scrollDown': ['down'],
  'serverToken.leave': ['escape'],
  'serverToken.copy': ['y'],
  'serverToken.toChecklist': ['enter', 'escape'],
  'serverToken.startOver': ['enter'],
  'checklist.up': ['up', 'k'],
  'checklist.down': ['down', 'j'],
  'checklist.toggle': [' '],
  'checklist.back': ['escape'],
};

export function isServerTokenCommand(id: string): id is ServerTokenCommandId {
  return Object.hasOwn(SERVER_TOKEN_COMMANDS, id);
}
