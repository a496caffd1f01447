// The whole interactive state in one value, so a chunk of keys (Down Down Enter) is folded in
// order by one pure reducer and never reads a stale render. Each feature owns its slice: the
// list its fields here (features/list/rows.ts), every other feature its screen; this module
// only composes their types.
import type { WatchEvent } from '../../adapters/contract.ts';
import type { RotationState } from '../../core/rotation-plan.ts';
import type { ServerTokenChecklist } from '../../core/server-token-checklist.ts';
import type { KeyPress } from '../commands/key-press.ts';
import type { AuditScreen, AuditView } from '../features/audit/audit-model.ts';
import type { ChecklistScreen } from '../features/checklist/checklist-state.ts';
import type { ContextChoice } from '../../core/context-choice.ts';
import { NO_CONTEXT_SWITCH, type CommandLineScreen, type ContextSwitchState } from '../features/command-line/command-line.ts';
import type { ContextPickerScreen } from '../features/command-line/context-picker.ts';
import type { CreateOutcome, CreateScreen } from '../features/create/create-screen.ts';
import type { DetailsScreenState, TargetInfo } from '../features/details/details-model.ts';
import type { HelpScreen } from '../features/help/help-model.ts';
import type { ListScreen, ListSlice } from '../features/list/rows.ts';
import type { MakeDefaultEvent, MakeDefaultScreen } from '../features/make-default/make-default-flow.ts';
import { emptySelection } from '../features/list/selection.ts';
import type { SortKey } from '../features/list/token-view.ts';
import type { RevokeEvent, RevokeScreen } from '../features/revoke/revoke-flow.ts';
import type { InterruptedScreen, RotateScreen } from '../features/rotate/rotate-flow.ts';
import type { JournalWrite, RotateEvent } from '../features/rotate/rotate-messages.ts';
import type { ServerTokenEvent, ServerTokenScreen } from '../features/server-token/server-token-flow.ts';
import type { ServerTtlEvent, ServerTtlScreen } from '../features/server-ttl/server-ttl-flow.ts';
import { NO_SERVER_TOKEN, type ServerTokenSupport } from '../features/server-token/server-token-support.ts';
import type { Flash } from '../shared/flash.ts';
import { isTooSmall, type Viewport } from '../shared/layout.ts';
import { CONFIRM_DWELL_MS } from '../shared/preview-gate.ts';
import type { TableTimeZone } from '../shared/time-format.ts';
import { initialDataState } from '../shared/token-data.ts';
import { NO_MUTATIONS, type MutationSupport } from './mutation-support.ts';

/** Every screen the app can show; App renders them with one exhaustive switch. */
export type Screen =
  | ListScreen
  | DetailsScreenState
  | HelpScreen
  | CommandLineScreen
  | ContextPickerScreen
  | RevokeScreen
  | AuditScreen
  | CreateScreen
  | RotateScreen
  | InterruptedScreen
  | ServerTokenScreen
  | ServerTtlScreen
  | ChecklistScreen
  | MakeDefaultScreen;

/** What is drawn: the screen, unless the terminal is too small for any of them. */
export type View = Screen | { readonly kind: 'too-small' };

export interface AppState extends ListSlice {
  readonly sort: SortKey;
  readonly screen: Screen;
  readonly readonly: boolean;
  readonly target: TargetInfo;
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
  readonly contextSwitch: ContextSwitchState;
  /** Server-token rotation: whether it can run, and the open checklists of this target. */
  readonly serverToken: ServerTokenSupport;
  /** How long a preview must have been on screen before a confirmation counts (shared/preview-gate.ts). */
  readonly confirmDwellMs: number;
  /** The zone of the list's EXPIRES column (z switches it). */
  readonly timeZone: TableTimeZone;
}

export type AppAction =
  /** Time passed with nothing else happening (a preview's confirmation dwell ended): the clock moves on. */
  | { readonly type: 'clock'; readonly at: number }
  | { readonly type: 'feed'; readonly event: WatchEvent; readonly at: number }
  | { readonly type: 'key'; readonly key: KeyPress; readonly at?: number }
  | { readonly type: 'resize'; readonly viewport: Viewport }
  | { readonly type: 'revoke'; readonly event: RevokeEvent; readonly at?: number }
  | { readonly type: 'audit-journal'; readonly journal: AuditView }
  | { readonly type: 'create'; readonly ticket: number; readonly outcome: CreateOutcome }
  | { readonly type: 'make-default'; readonly event: MakeDefaultEvent }
  | { readonly type: 'rotate'; readonly event: RotateEvent; readonly at?: number }
  /** useRotationJournal wrote every entry up to `done`; `failure` if one could not be written. */
  | { readonly type: 'journal'; readonly done: number; readonly failure: string | null }
  /** useTerminalCopy wrote the copy `seq` (error null) or could not. */
  | { readonly type: 'copied'; readonly seq: number; readonly error: string | null }
  /** Start-up: the journal's unfinished rotations of this backend. */
  | { readonly type: 'rotations-found'; readonly rotations: readonly RotationState[]; readonly error: string | null }
  /** The contexts `:ctx` can switch to were read (error: some could not be). */
  | { readonly type: 'contexts-listed'; readonly choices: readonly ContextChoice[]; readonly error: string | null }
  /** `:ctx NAME` could not open NAME: the current context stays. (Success re-mounts the App.) */
  | { readonly type: 'context-switch-failed'; readonly name: string; readonly error: string }
  | { readonly type: 'server-token'; readonly event: ServerTokenEvent; readonly at?: number }
  | { readonly type: 'server-ttl'; readonly event: ServerTtlEvent }
  /** Start-up: this target's open server-token checklists from the rotation journal. */
  | { readonly type: 'checklists-found'; readonly checklists: readonly ServerTokenChecklist[]; readonly error: string | null }
  /** useServerTokenChecklists wrote every checklist write up to `done`; `failure` if one failed. */
  | { readonly type: 'checklist-saved'; readonly done: number; readonly failure: string | null };

export interface AppInit {
  readonly readonly: boolean;
  readonly viewport: Viewport;
  readonly target: TargetInfo;
  /** What the backend lets the TUI do (operations' reasons); default: nothing. */
  readonly mutations?: MutationSupport;
  readonly tmux?: boolean;
  readonly now?: number;
  readonly canSwitchContext?: boolean;
  /** Why R cannot run; default: this backend has no server token. */
  readonly serverTokenUnavailable?: string | null;
  /** Default CONFIRM_DWELL_MS. */
  readonly confirmDwellMs?: number;
  /** --local-time: EXPIRES in local time; default UTC. */
  readonly timeZone?: TableTimeZone;
  /** A message for the footer at start. */
  readonly flash?: Flash | null;
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
    nextTicket: 1,
    flash: init.flash ?? null,
    exitRequested: false,
    now: init.now ?? 0,
    mutations: init.mutations ?? NO_MUTATIONS,
    interrupted: [],
    journalOutbox: [],
    tmux: init.tmux ?? false,
    contextSwitch: { ...NO_CONTEXT_SWITCH, available: init.canSwitchContext ?? false },
    serverToken: init.serverTokenUnavailable === undefined ? NO_SERVER_TOKEN : { ...NO_SERVER_TOKEN, unavailable: init.serverTokenUnavailable },
    confirmDwellMs: init.confirmDwellMs ?? CONFIRM_DWELL_MS,
    timeZone: init.timeZone ?? 'utc',
  };
}

export function viewOf(state: AppState): View {
  return isTooSmall(state.viewport) ? { kind: 'too-small' } : state.screen;
}
