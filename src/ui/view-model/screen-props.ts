// What every screen receives (the whole, immutable state and the fixed header facts) and the
// frame around it derived from them: the key hints of the current mode, the flash, the prompt.
import { footerHints } from '../commands/keymap.ts';
import type { HeaderInfo } from '../shared/header-info.ts';
import type { ScreenChrome } from '../shared/ScreenFrame.tsx';
import type { AppState } from './app-state.ts';
import { commandContext, footerPrompt, modeOf } from './command-context.ts';
import { COMMAND_TABLE } from './commands.ts';

export interface ScreenProps {
  readonly state: AppState;
  readonly info: HeaderInfo;
}

export function chromeOf(state: AppState, info: HeaderInfo): ScreenChrome {
  const prompt = footerPrompt(state);
  return {
    info,
    data: state.data,
    viewport: state.viewport,
    hints: footerHints(COMMAND_TABLE, modeOf(state), commandContext(state), state.readonly),
    flash: state.flash,
    ...(prompt === undefined ? {} : { prompt }),
  };
}

export function countLabel(count: number): string {
  return count === 1 ? '1 token' : `${count} tokens`;
}
