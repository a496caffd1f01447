// `:audit`: the local audit journal, newest first, scrolled within its lines, and closed.
import { always, type CommandTable } from '../../commands/command-spec.ts';
import { backTargetOf } from '../../shared/back-target.ts';
import { bodyLines } from '../../shared/layout.ts';
import { scrolledTo } from '../../shared/screen-line.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { auditLines } from './audit-model.ts';

function scroll(state: AppState, delta: number): AppState {
  const { screen } = state;
  if (screen.kind !== 'audit') return state;
  const next = scrolledTo(screen.scroll, delta, auditLines(screen.journal, state.viewport.columns).length, bodyLines(state.viewport));
  return next === screen.scroll ? state : { ...state, screen: { ...screen, scroll: next } };
}

export const auditCommands = {
  'audit.scrollUp': { keys: ['up', 'k'], description: 'Scroll the audit journal up', category: 'navigate', modes: ['audit'], dangerous: false, hint: 'scroll', disabledReason: always, run: (state) => scroll(state, -1) },
  'audit.scrollDown': { keys: ['down', 'j'], description: 'Scroll the audit journal down', category: 'navigate', modes: ['audit'], dangerous: false, hint: 'scroll', disabledReason: always, run: (state) => scroll(state, 1) },
  'audit.pageUp': { keys: ['pageup'], description: 'Scroll the audit journal one page up', category: 'navigate', modes: ['audit'], dangerous: false, disabledReason: always, run: (state) => scroll(state, -bodyLines(state.viewport)) },
  'audit.pageDown': { keys: ['pagedown'], description: 'Scroll the audit journal one page down', category: 'navigate', modes: ['audit'], dangerous: false, disabledReason: always, run: (state) => scroll(state, bodyLines(state.viewport)) },
  'audit.back': { keys: ['escape'], description: 'Close the audit journal', category: 'view', modes: ['audit'], dangerous: false, hint: 'back', disabledReason: always, run: (state) => (state.screen.kind === 'audit' ? { ...state, screen: state.screen.back } : state) },
} satisfies CommandTable<AppState>;

export const auditOpenCommand = {
  'app.audit': {
    keys: [],
    words: ['audit'],
    description: 'Show the local audit journal (:audit)',
    category: 'app',
    modes: ['list', 'details'],
    dangerous: false,
    disabledReason: always,
    run: (state) => ({ ...state, screen: { kind: 'audit', scroll: 0, journal: { state: 'loading' }, back: backTargetOf(state.screen) } }),
  },
} satisfies CommandTable<AppState>;
