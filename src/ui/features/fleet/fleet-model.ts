// Fleet mode (`:fleet`): every context's tokens in one table, each context fed by its own watch
// (or poll), with its connection state in a header strip. Pure: the feeds (useFleetFeeds.ts) turn
// adapters into FleetActions; this reduces them and derives rows, the strip and the find panel.
import type { ConnectionState, WatchEvent } from '../../../adapters/contract.ts';
import type { FindResult } from '../../../adapters/operations/find-token.ts';
import { FIND_RESULT_WORDS } from '../../../adapters/operations/find-token.ts';
import type { Token } from '../../../core/token.ts';
import { byCodeUnits } from '../../../core/code-unit-order.ts';

export type FleetConnection = ConnectionState | 'failed';

export interface FleetContext {
  readonly context: string;
  readonly readonly: boolean;
  readonly adapterId: string | null;
  readonly connection: FleetConnection;
  /** Why it is not live: an HTTP status (403) or the error's words. */
  readonly problem: string | null;
  readonly tokens: readonly Token[];
}

export interface FleetFind {
  /** The masked prompt: only its length is ever drawn, as nothing. */
  readonly typing: string | null;
  readonly searching: boolean;
  readonly label: string | null;
  /** The id searched for (null: a k3s server token, which has none). */
  readonly tokenId: string | null;
  /** `found`: live, or possibly live (exists, unchecked): what "revoke all found" revokes. */
  readonly results: readonly { readonly context: string; readonly words: string; readonly found: boolean }[];
  readonly error: string | null;
}

export interface FleetState {
  readonly contexts: readonly FleetContext[];
  readonly selected: number;
  readonly filter: string;
  readonly filtering: boolean;
  readonly find: FleetFind;
}

export type FleetAction =
  | { readonly type: 'members'; readonly members: readonly { readonly context: string; readonly readonly: boolean }[] }
  | { readonly type: 'opened'; readonly context: string; readonly adapterId: string }
  | { readonly type: 'open-failed'; readonly context: string; readonly problem: string }
  | { readonly type: 'feed'; readonly context: string; readonly event: WatchEvent }
  | { readonly type: 'move'; readonly by: number }
  | { readonly type: 'filter'; readonly text: string | null; readonly editing: boolean }
  | { readonly type: 'find-typing'; readonly text: string | null }
  | { readonly type: 'find-started'; readonly label: string; readonly tokenId: string | null }
  | { readonly type: 'find-done'; readonly results: readonly { readonly context: string; readonly result: FindResult | string }[] }
  | { readonly type: 'find-failed'; readonly error: string };

export const NO_FIND: FleetFind = { typing: null, searching: false, label: null, tokenId: null, results: [], error: null };

export function initialFleetState(): FleetState {
  return { contexts: [], selected: 0, filter: '', filtering: false, find: NO_FIND };
}

function problemOf(event: Extract<WatchEvent, { type: 'state' }>): string | null {
  if (event.state === 'live' || event.state === 'connecting') return null;
  const error = event.error;
  if (error === undefined) return null;
  return error.httpStatus !== undefined ? String(error.httpStatus) : error.kind === 'transport' ? 'unreachable' : error.kind;
}

function applyFeed(context: FleetContext, event: WatchEvent): FleetContext {
  switch (event.type) {
    case 'snapshot':
      return { ...context, tokens: event.tokens };
    case 'upsert':
      return { ...context, tokens: [...context.tokens.filter((token) => token.id !== event.token.id), event.token] };
    case 'delete':
      return { ...context, tokens: context.tokens.filter((token) => token.id !== event.id) };
    case 'state':
      return { ...context, connection: event.state, problem: problemOf(event) };
  }
}

function updateContext(state: FleetState, name: string, update: (context: FleetContext) => FleetContext): FleetState {
  return { ...state, contexts: state.contexts.map((context) => (context.context === name ? update(context) : context)) };
}

export function fleetReducer(state: FleetState, action: FleetAction): FleetState {
  switch (action.type) {
    case 'members':
      return { ...state, contexts: action.members.map((member) => ({ ...member, adapterId: null, connection: 'connecting', problem: null, tokens: [] })) };
    case 'opened':
      return updateContext(state, action.context, (context) => ({ ...context, adapterId: action.adapterId }));
    case 'open-failed':
      return updateContext(state, action.context, (context) => ({ ...context, connection: 'failed', problem: action.problem }));
    case 'feed':
      return updateContext(state, action.context, (context) => applyFeed(context, action.event));
    case 'move':
      return { ...state, selected: Math.max(0, state.selected + action.by) };
    case 'filter':
      return { ...state, filter: action.text ?? '', filtering: action.editing, selected: 0 };
    case 'find-typing':
      return { ...state, find: { ...state.find, typing: action.text } };
    case 'find-started':
      return { ...state, find: { ...NO_FIND, searching: true, label: action.label, tokenId: action.tokenId } };
    case 'find-done':
      return {
        ...state,
        find: {
          ...state.find,
          searching: false,
          results: action.results.map(({ context, result }) => ({ context, words: typeof result === 'string' ? `✗ ${result}` : FIND_RESULT_WORDS[result.result], found: typeof result !== 'string' && ['live', 'unchecked', 'exists'].includes(result.result) })),
        },
      };
    case 'find-failed':
      return { ...state, find: { ...NO_FIND, error: action.error } };
  }
}

export interface FleetRow {
  readonly context: string;
  readonly token: Token;
}

/** Every context's tokens, filtered, most urgent first (soonest expiry; never-expiring last). */
export function fleetRows(state: FleetState): FleetRow[] {
  const needle = state.filter.toLowerCase();
  const rows = state.contexts.flatMap((context) => context.tokens.map((token) => ({ context: context.context, token })));
  const matching = needle === '' ? rows : rows.filter(({ context, token }) => `${context} ${token.id} ${token.description}`.toLowerCase().includes(needle));
  const expiry = (row: FleetRow) => row.token.expiresAt ?? Number.POSITIVE_INFINITY;
  return matching.sort((left, right) => expiry(left) - expiry(right) || byCodeUnits(left.context, right.context) || byCodeUnits(left.token.id, right.token.id));
}

const CONNECTION_GLYPH: Readonly<Record<FleetConnection, string>> = {
  live: '● live',
  polling: '● polling',
  connecting: '○ connecting',
  reconnecting: '◐ reconnecting',
  stale: '✗ stale',
  failed: '✗',
};

/** One context's part of the strip: `prod-eu ● live`, `lab ✗ 403`, `dr ◐ reconnecting (unreachable)`. */
export function connectionWords(context: FleetContext): string {
  const base = CONNECTION_GLYPH[context.connection];
  if (context.connection === 'failed' || context.connection === 'stale') return `✗ ${context.problem ?? context.connection}`;
  return context.problem === null ? base : `${base} (${context.problem})`;
}

export function connectionStrip(state: FleetState): string {
  return state.contexts.map((context) => `${context.context} ${connectionWords(context)}${context.readonly ? ' [ro]' : ''}`).join(' · ');
}
