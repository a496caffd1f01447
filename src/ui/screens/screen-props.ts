import type { HeaderInfo } from '../components/Header.tsx';
import type { AppState } from '../state/app-state.ts';

/** What every screen receives: the whole (immutable) state and the fixed header facts. */
export interface ScreenProps {
  readonly state: AppState;
  readonly info: HeaderInfo;
}

export function countLabel(count: number): string {
  return count === 1 ? '1 token' : `${count} tokens`;
}
