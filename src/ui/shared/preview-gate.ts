// The gate in front of every confirmation of a preview (a revoke, a rotation's revoke, a batch's
// combined preview, a make-default, a server TTL change, the k3s server-token rotation): it opens
// only once every line of the preview
// has been on screen (it fits, or was scrolled through) AND the preview has been visible for a
// minimum dwell, so a key pressed for the previous screen (a second y, type-ahead) or a typed id
// entered while lines remain unread confirms nothing. Keys that arrive while it is shut are
// dropped with a visible note. Pure: the reducer stamps and updates it (preview-seen.ts).

/** How long a preview must have been visible before a confirmation key counts. */
export const CONFIRM_DWELL_MS = 600;
const MAX_DWELL_MS = 60_000;

/**
 * The dwell for this session: TOKENTUI_CONFIRM_DWELL_MS may lengthen it (a slow link, a test on a
 * loaded machine), never shorten it: a value under the default, or not a whole number, is ignored.
 */
export function confirmDwellFrom(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env['TOKENTUI_CONFIRM_DWELL_MS'];
  const value = raw === undefined || !/^\d{1,6}$/.test(raw) ? NaN : Number(raw);
  return Number.isNaN(value) ? CONFIRM_DWELL_MS : Math.min(MAX_DWELL_MS, Math.max(CONFIRM_DWELL_MS, value));
}

export interface PreviewGate {
  /** When the preview was first drawn (the reducer's clock). */
  readonly shownAt: number;
  /** How long it must have been visible before a confirmation counts. */
  readonly dwellMs: number;
  /** Lines from the top that have been on screen: the deepest the window has reached. */
  readonly seenThrough: number;
  /** Every line has been on screen at least once (kept across resizes that re-wrap the lines). */
  readonly seenAll: boolean;
}

export type GateState =
  | { readonly kind: 'open' }
  /** Lines below the window were never on screen. */
  | { readonly kind: 'unread'; readonly remaining: number }
  /** Everything was seen, but too recently. */
  | { readonly kind: 'dwell'; readonly msLeft: number; readonly dwellMs: number };

/** A preview just drawn with `height` of its `total` lines in view from `top`. */
export function openGate(now: number, top: number, height: number, total: number, dwellMs = CONFIRM_DWELL_MS): PreviewGate {
  return seen({ shownAt: now, dwellMs, seenThrough: 0, seenAll: false }, top, height, total);
}

/** The window now shows lines top..top+height of `total`: record how deep the reader has been. */
export function seen(gate: PreviewGate, top: number, height: number, total: number): PreviewGate {
  const bottom = Math.min(total, Math.max(0, top) + Math.max(0, height));
  const seenThrough = Math.max(gate.seenThrough, bottom);
  const seenAll = gate.seenAll || seenThrough >= total;
  return seenThrough === gate.seenThrough && seenAll === gate.seenAll ? gate : { ...gate, seenThrough, seenAll };
}

export function gateState(gate: PreviewGate | null, now: number, total: number): GateState {
  if (gate === null) return { kind: 'dwell', msLeft: CONFIRM_DWELL_MS, dwellMs: CONFIRM_DWELL_MS };
  if (!gate.seenAll) return { kind: 'unread', remaining: Math.max(1, total - gate.seenThrough) };
  const msLeft = gate.shownAt + gate.dwellMs - now;
  return msLeft > 0 ? { kind: 'dwell', msLeft, dwellMs: gate.dwellMs } : { kind: 'open' };
}

/** When the gate opens by itself (the dwell ends), if it is waiting for that: a timer re-renders then. */
export function gateOpensAt(gate: PreviewGate | null, now: number): number | null {
  if (gate === null) return null;
  const at = gate.shownAt + gate.dwellMs;
  return at > now ? at : null;
}

const lines = (count: number): string => (count === 1 ? '1 more line' : `${count} more lines`);
const seconds = (ms: number): string => `${(Math.ceil(ms / 100) / 10).toFixed(1)} s`;

/** For the footer beside `lines 1-11 of 15`: why nothing confirms yet; null once the gate is open. */
export function gateFooterNote(state: GateState): string | null {
  if (state.kind === 'open') return null;
  return state.kind === 'unread' ? `${state.remaining} unread: read to the end to confirm` : 'confirm shortly';
}

/** Why a confirmation cannot be given yet, for the pinned line under the preview. */
export function gateWhy(state: Exclude<GateState, { kind: 'open' }>): string {
  return state.kind === 'unread' ? `read the whole preview first: ${lines(state.remaining)} below (↓ PgDn)` : `confirming opens in ${seconds(state.msLeft)}`;
}

/** The note a dropped key leaves: what was ignored, and why. */
export function droppedKeyNote(state: Exclude<GateState, { kind: 'open' }>, what: string): string {
  return state.kind === 'unread'
    ? `${what} ignored: ${lines(state.remaining)} not yet on screen — nothing was confirmed`
    : `${what} ignored: preview shown under ${seconds(state.dwellMs)} ago — nothing was confirmed`;
}
