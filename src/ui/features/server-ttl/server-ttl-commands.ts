// `:server-ttl DUR` and its screen's keys: offered only where the adapter declares a changeable
// server-wide token lifetime; Enter after the typed server name is the only key that sends, and
// only once the plan's gate opened (every line on screen, the dwell past). Arrows and pages
// scroll (every printable key belongs to the typed name).
import { always, notWhilePending, type CommandTable } from '../../commands/command-spec.ts';
import type { Mode } from '../../commands/modes.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { confirmServerTtl, deleteServerTtlChar, dropWhileShut, leaveServerTtl, openServerTtl, scrollServerTtl } from './server-ttl-screen.ts';

const onScreen: readonly Mode[] = ['server-ttl-confirm', 'server-ttl-waiting', 'server-ttl-done'];

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
  'serverTtl.notYet': {
    keys: ['enter'],
    description: 'Nothing yet: the typed confirmation opens once the whole plan has been on screen for a moment',
    category: 'token',
    modes: ['server-ttl-waiting'],
    dangerous: false,
    disabledReason: always,
    run: (state) => dropWhileShut(state, 'Enter'),
  },
  'serverTtl.scrollUp': { keys: ['up'], description: 'Scroll the server lifetime screen up', category: 'token', modes: onScreen, dangerous: false, hint: 'scroll', disabledReason: always, run: (state) => scrollServerTtl(state, -1) },
  'serverTtl.scrollDown': { keys: ['down'], description: 'Scroll the server lifetime screen down', category: 'token', modes: onScreen, dangerous: false, hint: 'scroll', disabledReason: always, run: (state) => scrollServerTtl(state, 1) },
  'serverTtl.pageUp': { keys: ['pageup'], description: 'Scroll the server lifetime screen up a page', category: 'token', modes: onScreen, dangerous: false, disabledReason: always, run: (state) => scrollServerTtl(state, 'page-up') },
  'serverTtl.pageDown': { keys: ['pagedown'], description: 'Scroll the server lifetime screen down a page', category: 'token', modes: onScreen, dangerous: false, disabledReason: always, run: (state) => scrollServerTtl(state, 'page-down') },
  'serverTtl.deleteChar': { keys: ['backspace'], description: "Delete the last character of the server's name typed to confirm", category: 'token', modes: ['server-ttl-confirm'], dangerous: false, disabledReason: always, run: deleteServerTtlChar },
  'serverTtl.leave': {
    keys: ['escape'],
    description: 'Leave the server lifetime screen (nothing is sent before the typed confirmation)',
    category: 'token',
    modes: ['server-ttl-confirm', 'server-ttl-waiting', 'server-ttl-busy', 'server-ttl-done'],
    dangerous: false,
    hint: 'leave',
    disabledReason: notWhilePending,
    run: leaveServerTtl,
  },
  'serverTtl.done': { keys: ['enter'], description: 'Back from the server lifetime screen', category: 'token', modes: ['server-ttl-done'], dangerous: false, hint: 'back', disabledReason: always, run: leaveServerTtl },
} satisfies CommandTable<AppState>;
