// A token's details: scrolling them (bounded by the same lines the screen draws) and back.
import { always, type CommandTable } from '../../commands/command-spec.ts';
import type { AppState } from '../../view-model/app-state.ts';
import { scrollDetails } from './details-model.ts';

function scroll(state: AppState, delta: number): AppState {
  const { screen } = state;
  if (screen.kind !== 'details') return state;
  const next = scrollDetails(screen, state.data.entries.get(screen.tokenId), state.target, state.viewport, delta);
  return next === screen ? state : { ...state, screen: next };
}

export const detailsCommands = {
  'details.scrollUp': { keys: ['up', 'k'], description: 'Scroll the details up', category: 'navigate', modes: ['details'], dangerous: false, hint: 'scroll', disabledReason: always, run: (state) => scroll(state, -1) },
  'details.scrollDown': { keys: ['down', 'j'], description: 'Scroll the details down', category: 'navigate', modes: ['details'], dangerous: false, hint: 'scroll', disabledReason: always, run: (state) => scroll(state, 1) },
  'details.back': { keys: ['escape'], description: 'Back to the token list', category: 'view', modes: ['details'], dangerous: false, hint: 'back', disabledReason: always, run: (state) => ({ ...state, screen: { kind: 'list' } }) },
} satisfies CommandTable<AppState>;
