// Every user command as data: what it does, where it applies, whether it mutates, and why
// it is unavailable. The footer, the help screen and read-only mode are all derived from
// this table; keymap.ts binds the keys. Create/rotate commands live in mutation-commands.ts,
// the k3s server token's and its checklist's in server-token-commands.ts.
import { MUTATION_COMMANDS, type MutationCommandId } from './mutation-commands.ts';
import { SERVER_TOKEN_COMMANDS, SERVER_TOKEN_MODES, type ServerTokenCommandId, type ServerTokenMode } from './server-token-commands.ts';

export type Mode =
  | 'list'
  | 'filter'
  | 'details'
  | 'help'
  | 'too-small'
  /** The `:` prompt: typing edits the command. */
  | 'command'
  /** Revoke screen while computing, revoking, or showing the outcome. */
  | 'revoke'
  /** Revoke preview with nothing affected: y/Enter confirms. */
  | 'revoke-confirm'
  /** Revoke preview with an impact (or unknown): typing edits the id to confirm with. */
  | 'revoke-typing'
  | 'audit'
  /** Create wizard: a text field (description, groups); typing edits it. */
  | 'wizard-text'
  /** Create wizard: the TTL field, with suggestions on Tab. */
  | 'wizard-ttl'
  | 'wizard-usages'
  | 'wizard-review'
  /** The create request is in flight. */
  | 'wizard-busy'
  /** The created token's secret and join command, shown once. */
  | 'result'
  /** The join command alone on screen, for selecting it by hand. */
  | 'result-fallback'
  /** Rotate: a step runs (make default). */
  | 'rotate-busy'
  /** Rotate: waiting for Enter to go on (or retry a failed step). */
  | 'rotate-continue'
  | 'rotate-summary'
  /** Start-up: an unfinished rotation was found in the journal. */
  | 'interrupted'
  | 'interrupted-abandon'
  | ServerTokenMode;

export type CommandCategory = 'navigate' | 'view' | 'token' | 'revoke' | 'create' | 'rotate' | 'server-token' | 'app';

export type CommandId = BaseCommandId | MutationCommandId | ServerTokenCommandId;

type BaseCommandId =
  | 'list.up'
  | 'list.down'
  | 'list.pageUp'
  | 'list.pageDown'
  | 'list.top'
  | 'list.bottom'
  | 'list.filter'
  | 'list.clearFilter'
  | 'list.sort'
  | 'list.details'
  | 'list.mark'
  | 'details.scrollUp'
  | 'details.scrollDown'
  | 'details.back'
  | 'filter.apply'
  | 'filter.clear'
  | 'filter.deleteChar'
  | 'help.scrollUp'
  | 'help.scrollDown'
  | 'help.back'
  | 'command.run'
  | 'command.cancel'
  | 'command.deleteChar'
  | 'revoke.confirm'
  | 'revoke.submit'
  | 'revoke.deleteChar'
  | 'revoke.decline'
  | 'revoke.back'
  | 'revoke.scrollUp'
  | 'revoke.scrollDown'
  | 'audit.scrollUp'
  | 'audit.scrollDown'
  | 'audit.pageUp'
  | 'audit.pageDown'
  | 'audit.back'
  | 'token.create'
  | 'token.rotate'
  | 'token.revoke'
  | 'token.copy'
  | 'command.line'
  | 'app.help'
  | 'app.quit'
  | 'app.interrupt';

/** What a disabledReason may look at: derived from the app state by the reducer. */
export interface CommandContext {
  readonly hasSelection: boolean;
  readonly filterActive: boolean;
  /** Some tokens are marked for a bulk action. */
  readonly hasMarks: boolean;
  /** The adapter declares revoke. */
  readonly canRevoke: boolean;
  /** A confirmed revoke is in flight: leaving now would hide its outcome. */
  readonly busy: boolean;
  /** Why c cannot run on this backend; null = it can. */
  readonly createUnavailable: string | null;
  /** Why r cannot run on this backend; null = it can (with a token selected). */
  readonly rotateUnavailable: string | null;
  /** On a result screen without a join command: why. */
  readonly joinCommandUnavailable: string | null;
  /** A create or rotate step in flight (leaving now would hide its outcome). */
  readonly pendingWork: string | null;
  /** Why R (k3s server-token rotation) cannot run here; null = it can. */
  readonly serverTokenUnavailable: string | null;
}

export interface CommandSpec {
  readonly description: string;
  readonly category: CommandCategory;
  readonly modes: readonly Mode[];
  /** Mutates the backend: hidden and refused in read-only mode. */
  readonly dangerous: boolean;
  /** Footer label; commands sharing one are merged (`↑↓ move`). Absent = help screen only. */
  readonly hint?: string;
  /** Why the command cannot run right now; null = it can. */
  readonly disabledReason: (context: CommandContext) => string | null;
  /** Pressed by habit when it has nothing to do (Esc): ignore it without a message. */
  readonly quietWhenDisabled?: boolean;
  /** Not even listed in the help while disabled (a capability this backend lacks). */
  readonly hiddenWhenDisabled?: boolean;
}

/** Why y does nothing on the list: secrets exist only on a result screen. */
export const COPY_ONLY_ON_RESULT = 'secrets are never listed: y copies on the result screen of c (create) or r (rotate)';

const always = (): null => null;
const needsSelection = (context: CommandContext): string | null => (context.hasSelection ? null : 'no token is selected');
const needsTarget = (context: CommandContext): string | null => {
  if (!context.canRevoke) return 'this backend cannot revoke tokens';
  return context.hasSelection || context.hasMarks ? null : 'no token is selected';
};
const notWhileBusy = (context: CommandContext): string | null => (context.busy ? 'the revoke is in progress: wait for its outcome' : null);
const canCreate = (context: CommandContext): string | null => context.createUnavailable;
const canRotate = (context: CommandContext): string | null => context.rotateUnavailable ?? needsSelection(context);
const listAndDetails: readonly Mode[] = ['list', 'details'];
const revokeModes: readonly Mode[] = ['revoke', 'revoke-confirm', 'revoke-typing'];
const everyMode: readonly Mode[] = [
  'list', 'filter', 'details', 'help', 'too-small', 'command', 'revoke', 'revoke-confirm', 'revoke-typing', 'audit',
  'wizard-text', 'wizard-ttl', 'wizard-usages', 'wizard-review', 'wizard-busy', 'result', 'result-fallback',
  'rotate-busy', 'rotate-continue', 'rotate-summary', 'interrupted', 'interrupted-abandon', ...SERVER_TOKEN_MODES,
];

const BASE_COMMANDS: { readonly [id in BaseCommandId]: CommandSpec } = {
  'list.up': { description: 'Move the selection up', category: 'navigate', modes: ['list'], dangerous: false, hint: 'move', disabledReason: always },
  'list.down': { description: 'Move the selection down', category: 'navigate', modes: ['list'], dangerous: false, hint: 'move', disabledReason: always },
  'list.pageUp': { description: 'Move one page up', category: 'navigate', modes: ['list'], dangerous: false, disabledReason: always },
  'list.pageDown': { description: 'Move one page down', category: 'navigate', modes: ['list'], dangerous: false, disabledReason: always },
  'list.top': { description: 'Jump to the first token', category: 'navigate', modes: ['list'], dangerous: false, disabledReason: always },
  'list.bottom': { description: 'Jump to the last token', category: 'navigate', modes: ['list'], dangerous: false, disabledReason: always },
  'list.filter': { description: 'Filter by id, description or group', category: 'view', modes: ['list'], dangerous: false, hint: 'filter', disabledReason: always },
  'list.clearFilter': {
    description: 'Clear the filter',
    category: 'view',
    modes: ['list'],
    dangerous: false,
    hint: 'clear filter',
    disabledReason: (context) => (context.filterActive ? null : 'no filter is active'),
    quietWhenDisabled: true,
  },
  'list.sort': { description: 'Cycle the sort order: expiry, id, description', category: 'view', modes: ['list'], dangerous: false, hint: 'sort', disabledReason: always },
  'list.details': { description: "Show the selected token's details", category: 'view', modes: ['list'], dangerous: false, hint: 'details', disabledReason: needsSelection },
  'list.mark': {
    description: 'Mark or unmark the selected token (revoke several at once)',
    category: 'view',
    modes: ['list'],
    dangerous: false,
    hint: 'mark',
    disabledReason: needsSelection,
  },
  'details.scrollUp': { description: 'Scroll the details up', category: 'navigate', modes: ['details'], dangerous: false, hint: 'scroll', disabledReason: always },
  'details.scrollDown': { description: 'Scroll the details down', category: 'navigate', modes: ['details'], dangerous: false, hint: 'scroll', disabledReason: always },
  'details.back': { description: 'Back to the token list', category: 'view', modes: ['details'], dangerous: false, hint: 'back', disabledReason: always },
  'filter.apply': { description: 'Keep the filter and return to the list', category: 'view', modes: ['filter'], dangerous: false, hint: 'apply', disabledReason: always },
  'filter.clear': { description: 'Clear the filter and return to the list', category: 'view', modes: ['filter'], dangerous: false, hint: 'clear', disabledReason: always },
  'filter.deleteChar': { description: 'Delete the last character of the filter', category: 'view', modes: ['filter'], dangerous: false, disabledReason: always },
  'help.scrollUp': { description: 'Scroll the help up', category: 'navigate', modes: ['help'], dangerous: false, hint: 'scroll', disabledReason: always },
  'help.scrollDown': { description: 'Scroll the help down', category: 'navigate', modes: ['help'], dangerous: false, hint: 'scroll', disabledReason: always },
  'help.back': { description: 'Close the help', category: 'view', modes: ['help'], dangerous: false, hint: 'back', disabledReason: always },
  'command.run': { description: 'Run the command (audit, help, q)', category: 'view', modes: ['command'], dangerous: false, hint: 'run', disabledReason: always },
  'command.cancel': { description: 'Close the command line', category: 'view', modes: ['command'], dangerous: false, hint: 'cancel', disabledReason: always },
  'command.deleteChar': { description: 'Delete the last character of the command', category: 'view', modes: ['command'], dangerous: false, disabledReason: always },
  'revoke.confirm': { description: 'Revoke (the preview shows nothing affected)', category: 'revoke', modes: ['revoke-confirm'], dangerous: true, hint: 'revoke', disabledReason: always },
  'revoke.submit': { description: 'Revoke once the typed id matches the token id', category: 'revoke', modes: ['revoke-typing'], dangerous: true, hint: 'revoke', disabledReason: always },
  'revoke.deleteChar': { description: 'Delete the last typed character', category: 'revoke', modes: ['revoke-typing'], dangerous: false, disabledReason: always },
  'revoke.decline': { description: 'Do not revoke; leave the revoke screen', category: 'revoke', modes: ['revoke-confirm'], dangerous: false, disabledReason: always },
  'revoke.back': {
    description: 'Leave the revoke screen (nothing is revoked before you confirm)',
    category: 'revoke',
    modes: revokeModes,
    dangerous: false,
    hint: 'leave',
    disabledReason: notWhileBusy,
  },
  'revoke.scrollUp': { description: 'Scroll the impact preview up', category: 'revoke', modes: revokeModes, dangerous: false, hint: 'scroll', disabledReason: always },
  'revoke.scrollDown': { description: 'Scroll the impact preview down', category: 'revoke', modes: revokeModes, dangerous: false, hint: 'scroll', disabledReason: always },
  'audit.scrollUp': { description: 'Scroll the audit journal up', category: 'navigate', modes: ['audit'], dangerous: false, hint: 'scroll', disabledReason: always },
  'audit.scrollDown': { description: 'Scroll the audit journal down', category: 'navigate', modes: ['audit'], dangerous: false, hint: 'scroll', disabledReason: always },
  'audit.pageUp': { description: 'Scroll the audit journal one page up', category: 'navigate', modes: ['audit'], dangerous: false, disabledReason: always },
  'audit.pageDown': { description: 'Scroll the audit journal one page down', category: 'navigate', modes: ['audit'], dangerous: false, disabledReason: always },
  'audit.back': { description: 'Close the audit journal', category: 'view', modes: ['audit'], dangerous: false, hint: 'back', disabledReason: always },
  'token.create': { description: 'Create a token (guided)', category: 'token', modes: listAndDetails, dangerous: true, hint: 'create', disabledReason: canCreate },
  'token.rotate': { description: 'Rotate the selected token (guided plan)', category: 'token', modes: listAndDetails, dangerous: true, hint: 'rotate', disabledReason: canRotate },
  'token.revoke': {
    description: 'Revoke the selected or marked tokens (impact preview first)',
    category: 'token',
    modes: listAndDetails,
    dangerous: true,
    hint: 'revoke',
    disabledReason: needsTarget,
  },
  'token.copy': {
    description: 'Copy the join command (OSC 52): on the result screen of create and rotate',
    category: 'token',
    modes: listAndDetails,
    dangerous: false,
    hint: 'copy',
    disabledReason: () => COPY_ONLY_ON_RESULT,
  },
  'command.line': { description: 'Command line (:ctx NAME, :audit, :checklist, :rotate-server-token, :help, :q)', category: 'app', modes: listAndDetails, dangerous: false, hint: 'command', disabledReason: always },
  'app.help': { description: 'Show the keys and the TTL legend', category: 'app', modes: listAndDetails, dangerous: false, hint: 'help', disabledReason: always },
  'app.quit': { description: 'Quit', category: 'app', modes: ['list', 'details', 'help', 'too-small', 'audit'], dangerous: false, hint: 'quit', disabledReason: always },
  'app.interrupt': {
    description: 'Quit from anywhere, the filter prompt included',
    category: 'app',
    modes: everyMode,
    dangerous: false,
    disabledReason: always,
  },
};

export const COMMANDS: { readonly [id in CommandId]: CommandSpec } = { ...BASE_COMMANDS, ...MUTATION_COMMANDS, ...SERVER_TOKEN_COMMANDS };

export const COMMAND_IDS = Object.keys(COMMANDS) as CommandId[];

/** Read-only mode removes mutations entirely: not shown, not runnable. */
export function isCommandVisible(id: CommandId, readonly: boolean): boolean {
  return !(readonly && COMMANDS[id].dangerous);
}
