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
import type { RotationState } from '../../core/rotation-plan.ts';
import type { CreateScreenState } from './create-screen.ts';
import type { CreateOutcome, JournalWrite, RotateEvent } from './mutation-events.ts';
import { NO_MUTATIONS, type MutationSupport } from './mutation-support.ts';
import { flowMode, isFlowBusy, type RevokeEvent, type RevokeFlow } from './revoke-flow.ts';
import { joinCommandUnavailable } from './result-view.ts';
import { pendingWork, resultOf, revokeFlowOf } from './screen-parts.ts';
import { rotateMode, type RotateFlow } from './rotate-flow.ts';
import { serverTokenMode, type ServerTokenEvent, type ServerTokenFlow } from './server-token-flow.ts';
import { NO_SERVER_TOKEN, type ServerTokenSupport } from './server-token-support.ts';
import type { ServerTokenChecklist } from '../../core/server-token-checklist.ts';
import { wizardMode } from './wizard-input.ts';

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
  | { readonly kind: 'audit'; readonly scroll: number; readonly journal: AuditView; readonly back: BackTarget }
  /** The create wizard, then the created token's secret (once). */
  | { readonly kind: 'create'; readonly create: CreateScreenState }
  /** A rotation's plan, executed step by step. */
  | { readonly kind: 'rotate'; readonly flow: RotateFlow }
  /** Unfinished rotations from the journal: resume or abandon, one at a time. */
  | { readonly kind: 'interrupted'; readonly rotations: readonly RotationState[]; readonly confirmAbandon: boolean; readonly back: BackTarget }
  /** k3s server-token rotation: old token, preview, typed confirmation, the new token once. */
  | { readonly kind: 'server-token'; readonly flow: ServerTokenFlow }
  /** Open post-rotation checklists (those listed when it opened); Space ticks an item off. */
  | { readonly kind: 'checklist'; readonly ids: readonly string[]; readonly cursor: number; readonly back: BackTarget };

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
  /** The clock when the latest key or result arrived: rotation steps are stamped with it. */
  readonly now: number;
  readonly mutations: MutationSupport;
  /** Unfinished rotations of this backend in the journal (r on their old token reopens them). */
  readonly interrupted: readonly RotationState[];
  /** Rotation journal writes not yet confirmed done, oldest first. */
  readonly journalOutbox: readonly JournalWrite[];
  /** Inside tmux: the copy note says what tmux needs. */
  readonly tmux: boolean;
  /** `:ctx NAME`: whether a switch port exists, and the context being opened (App runs it). */
  readonly contextSwitch: { readonly available: boolean; readonly pending: string | null };
  /** k3s server-token rotation: whether it can run, and the open checklists of this target. */
  readonly serverToken: ServerTokenSupport;
}

export type AppAction =
  | { readonly type: 'feed'; readonly event: WatchEvent; readonly at: number }
  | { readonly type: 'key'; readonly key: KeyPress; readonly at?: number }
  | { readonly type: 'resize'; readonly viewport: Viewport }
  | { readonly type: 'revoke'; readonly event: RevokeEvent; readonly at?: number }
  | { readonly type: 'audit-journal'; readonly journal: AuditView }
  | { readonly type: 'create'; readonly ticket: number; readonly outcome: CreateOutcome }
  | { readonly type: 'rotate'; readonly event: RotateEvent; readonly at?: number }
  /** useRotationJournal wrote every entry up to `done`; `failure` if one could not be written. */
  | { readonly type: 'journal'; readonly done: number; readonly failure: string | null }
  /** useTerminalCopy wrote the copy `seq` (error null) or could not. */
  | { readonly type: 'copied'; readonly seq: number; readonly error: string | null }
  /** Start-up: the journal's unfinished rotations of this backend. */
  | { readonly type: 'rotations-found'; readonly rotations: readonly RotationState[]; readonly error: string | null }
  /** `:ctx NAME` could not open NAME: the current context stays. (Success re-mounts the App.) */
  | { readonly type: 'context-switch-failed'; readonly name: string; readonly error: string }
  | { readonly type: 'server-token'; readonly event: ServerTokenEvent; readonly at?: number }
  /** Start-up: this target's open server-token checklists from the rotation journal. */
  | { readonly type: 'checklists-found'; readonly checklists: readonly ServerTokenChecklist[]; readonly error: string | null }
  /** useServerTokenChecklists wrote every checklist write up to `done`; `failure` if one failed. */
  | { readonly type: 'checklist-saved'; readonly done: number; readonly failure: string | null };

export interface AppInit {
  readonly readonly: boolean;
  readonly viewport: Viewport;
  readonly target: TargetInfo;
  readonly canRevoke?: boolean;
  readonly mutations?: MutationSupport;
  readonly tmux?: boolean;
  readonly now?: number;
  readonly canSwitchContext?: boolean;
  /** Why R cannot run; default: this backend has no server token. */
  readonly serverTokenUnavailable?: string | null;
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
    now: init.now ?? 0,
    mutations: init.mutations ?? NO_MUTATIONS,
    interrupted: [],
    journalOutbox: [],
    tmux: init.tmux ?? false,
    contextSwitch: { available: init.canSwitchContext ?? false, pending: null },
    serverToken: init.serverTokenUnavailable === undefined ? NO_SERVER_TOKEN : { ...NO_SERVER_TOKEN, unavailable: init.serverTokenUnavailable },
  };
}

export function viewOf(state: AppState): View {
  return isTooSmall(state.viewport) ? { kind: 'too-small' } : state.screen;
}

export function modeOf(state: AppState): Mode {
  const view = viewOf(state);
  switch (view.kind) {
    case 'revoke':
      return flowMode(view.flow);
    case 'create': {
      const mode = wizardMode(view.create.wizard);
      return mode === 'result' && view.create.view.alone ? 'result-fallback' : mode;
    }
    case 'rotate':
      return rotateMode(view.flow);
    case 'interrupted':
      return view.confirmAbandon ? 'interrupted-abandon' : 'interrupted';
    case 'server-token':
      return serverTokenMode(view.flow);
    default:
      return view.kind;
  }
}

export function commandContext(state: AppState): CommandContext {
  const revoke = revokeFlowOf(state.screen);
  const result = resultOf(state.screen);
  return {
    hasSelection: state.rows.length > 0 && state.selection.id !== null,
    filterActive: state.filter !== '',
    hasMarks: state.marked.size > 0,
    canRevoke: state.canRevoke,
    busy: revoke !== null && isFlowBusy(revoke),
    createUnavailable: state.mutations.createUnavailable,
    rotateUnavailable: state.mutations.rotateUnavailable,
    joinCommandUnavailable: result === null ? null : joinCommandUnavailable(result.result),
    pendingWork: pendingWork(state.screen),
    serverTokenUnavailable: state.serverToken.unavailable,
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
