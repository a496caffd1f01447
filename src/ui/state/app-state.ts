// The whole interactive state in one value, so a chunk of keys (Down Down Enter) is folded
// in order by one pure reducer and never reads a stale render.
import type { CommandContext, Mode } from '../keys/commands.ts';
import { isTooSmall, type Viewport } from '../layout.ts';
import type { ThemeRole } from '../theme.ts';
import { initialDataState, type DataState, type TokenEntry } from './data-state.ts';
import type { TargetInfo } from './details-model.ts';
import { emptySelection, type Selection } from './selection.ts';
import type { SortKey } from './token-view.ts';
import type { WatchEvent } from '../../adapters/contract.ts';
import type { KeyPress } from '../keys/key-press.ts';

type BackTarget = { readonly kind: 'list' } | { readonly kind: 'details'; readonly tokenId: string; readonly scroll: number };

/** Every screen the app can show; App renders them with one exhaustive switch. */
export type Screen =
  | { readonly kind: 'list' }
  /** The filter prompt: typing edits `AppState.filter` live. */
  | { readonly kind: 'filter' }
  | { readonly kind: 'details'; readonly tokenId: string; readonly scroll: number }
  | { readonly kind: 'help'; readonly scroll: number; readonly back: BackTarget };

/** What is drawn: the screen, unless the terminal is too small for any of them. */
export type View = Screen | { readonly kind: 'too-small' };

export interface Flash {
  readonly text: string;
  readonly role: ThemeRole;
}

export interface AppState {
  readonly data: DataState;
  readonly filter: string;
  readonly sort: SortKey;
  /** The filtered, sorted rows; recomputed only when data, filter or sort change. */
  readonly rows: readonly TokenEntry[];
  readonly selection: Selection;
  readonly screen: Screen;
  readonly viewport: Viewport;
  readonly readonly: boolean;
  readonly target: TargetInfo;
  /** A one-line message (why a key did nothing); cleared by the next key. */
  readonly flash: Flash | null;
  readonly exitRequested: boolean;
}

export type AppAction =
  | { readonly type: 'feed'; readonly event: WatchEvent; readonly at: number }
  | { readonly type: 'key'; readonly key: KeyPress }
  | { readonly type: 'resize'; readonly viewport: Viewport };

export interface AppInit {
  readonly readonly: boolean;
  readonly viewport: Viewport;
  readonly target: TargetInfo;
}

export function initialAppState(init: AppInit): AppState {
  return {
    data: initialDataState,
    filter: '',
    sort: 'expiry',
    rows: [],
    selection: emptySelection,
    screen: { kind: 'list' },
    viewport: init.viewport,
    readonly: init.readonly,
    target: init.target,
    flash: null,
    exitRequested: false,
  };
}

export function viewOf(state: AppState): View {
  return isTooSmall(state.viewport) ? { kind: 'too-small' } : state.screen;
}

export function modeOf(state: AppState): Mode {
  return viewOf(state).kind;
}

export function commandContext(state: AppState): CommandContext {
  return { hasSelection: state.rows.length > 0 && state.selection.id !== null, filterActive: state.filter !== '' };
}

export function selectedEntry(state: AppState): TokenEntry | undefined {
  const entry = state.rows[state.selection.index];
  return entry !== undefined && entry.token.id === state.selection.id ? entry : undefined;
}
