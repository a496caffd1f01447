// `:server-ttl DUR` and its screen's keys: offered only where the adapter declares a changeable
// server-wide token lifetime; Enter after the typed server name is the only key that sends.
import { always, notWhilePending, type CommandTable } from '../../commands/command-spec.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { confirmServerTtl, deleteServerTtlChar, leaveServerTtl, openServerTtl } from './server-ttl-screen.ts';

export const serverTtlCommands = {
  'token.serverTtl': {
    keys: [],
    words: ['server-ttl'],
    description: "Show or change the server-wide token lifetime (:server-ttl [DUR]; typed confirmation: the server's name)",
    category: 'token',
    modes: ['list', 'details'],
    dangerous: true,
    disabledReason: (context) => context.serverTtlUnavailable,
    hiddenWhenDisabled: true,
    run: (state, { args }) => openServerTtl(state, args),
  },
  'serverTtl.confirm': {
    keys: ['enter'],
    description: "Change the server's token lifetime once the typed text is the server's name",
    category: 'token',
    modes: ['server-ttl-confirm'],
    dangerous: true,
    hint: 'change',
    disabledReason: always,
    run: confirmServerTtl,
  },
  'serverTtl.deleteChar': { keys: ['backspace'], description: "Delete the last character of the server's name typed to confirm", category: 'token', modes: ['server-ttl-confirm'], dangerous: false, disabledReason: always, run: deleteServerTtlChar },
  'serverTtl.leave': {
    keys: ['escape'],
    description: 'Leave the server lifetime screen (nothing is sent before the typed confirmation)',
    category: 'token',
    modes: ['server-ttl-confirm', 'server-ttl-busy', 'server-ttl-done'],
    dangerous: false,
    hint: 'leave',
    disabledReason: notWhilePending,
    run: leaveServerTtl,
  },
  'serverTtl.done': { keys: ['enter'], description: 'Back from the server lifetime screen', category: 'token', modes: ['server-ttl-done'], dangerous: false, hint: 'back', disabledReason: always, run: leaveServerTtl },
} satisfies CommandTable<AppState>;
