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
import type { AuditView } from './audit-model.ts';
import { flowMode, isFlowBusy, type RevokeEvent, type RevokeFlow } from './revoke-flow.ts';

/** Where a screen opened on top of the list or the details returns to. */
export type BackTarget = { readonly kind: 'list' } | { readonly kind: 'details'; readonly tokenId: string; readonly scroll: number };

/** Every screen the app can show; App renders them with one exhaustive switch. */
export type Screen =
  | { readonly kind: 'list' }
  /** The filter prompt: typing edits `AppState.filter` live. */
  | { readonly kind: 'filter' }
  | { readonly kind: 'details'; readonly tokenId: string; readonly scroll: number }
  | { readonly kind: 'help'; readonly scroll: number; readonly back: BackTarget }
  /** The `:` prompt over the screen it was opened from. */
  | { readonly kind: 'command'; readonly text: string; readonly back: BackTarget }
  | { readonly kind: 'revoke'; readonly flow: RevokeFlow }
  | { readonly kind: 'audit'; readonly scroll: number; readonly journal: AuditView; readonly back: BackTarget };

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
  /** Token ids marked for a bulk revoke; may include tokens the filter hides. */
  readonly marked: ReadonlySet<string>;
  readonly screen: Screen;
  readonly viewport: Viewport;
  readonly readonly: boolean;
  readonly target: TargetInfo;
  /** The adapter declares revoke. */
  readonly canRevoke: boolean;
  /** Next id for an asynchronous step; its result is applied only while that step is current. */
  readonly nextTicket: number;
  /** A one-line message (why a key did nothing); cleared by the next key. */
  readonly flash: Flash | null;
  readonly exitRequested: boolean;
}

export type AppAction =
  | { readonly type: 'feed'; readonly event: WatchEvent; readonly at: number }
  | { readonly type: 'key'; readonly key: KeyPress }
  | { readonly type: 'resize'; readonly viewport: Viewport }
  | { readonly type: 'revoke'; readonly event: RevokeEvent }
  | { readonly type: 'audit-journal'; readonly journal: AuditView };

export interface AppInit {
  readonly readonly: boolean;
  readonly viewport: Viewport;
  readonly target: TargetInfo;
  readonly canRevoke?: boolean;
}

export function initialAppState(init: AppInit): AppState {
  return {
    data: initialDataState,
    filter: '',
    sort: 'expiry',
    rows: [],
    selection: emptySelection,
    marked: new Set(),
    screen: { kind: 'list' },
    viewport: init.viewport,
    readonly: init.readonly,
    target: init.target,
    canRevoke: init.canRevoke ?? false,
    nextTicket: 1,
    flash: null,
    exitRequested: false,
  };
}

export function viewOf(state: AppState): View {
  return isTooSmall(state.viewport) ? { kind: 'too-small' } : state.screen;
}

export function modeOf(state: AppState): Mode {
  const view = viewOf(state);
  return view.kind === 'revoke' ? flowMode(view.flow) : view.kind;
}

export function commandContext(state: AppState): CommandContext {
  return {
    hasSelection: state.rows.length > 0 && state.selection.id !== null,
    filterActive: state.filter !== '',
    hasMarks: state.marked.size > 0,
    canRevoke: state.canRevoke,
    busy: state.screen.kind === 'revoke' && isFlowBusy(state.screen.flow),
  };
}

/** The footer's text prompt, if the current mode has one. */
export function footerPrompt(state: AppState): string | undefined {
  const { screen } = state;
  if (screen.kind === 'filter') return `/${state.filter}▏`;
  if (screen.kind === 'command') return `:${screen.text}▏`;
  return undefined;
}

export function selectedEntry(state: AppState): TokenEntry | undefined {
  const entry = state.rows[state.selection.index];
  return entry !== undefined && entry.token.id === state.selection.id ? entry : undefined;
}
