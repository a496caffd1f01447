// The selection follows a token id, not a row index, so a token keeps its highlight when
// rows appear above it. `top` is the first row of the rendered window (virtualisation).
import type { TokenEntry } from '../../shared/token-data.ts';

export interface Selection {
  readonly id: string | null;
  readonly index: number;
  readonly top: number;
}

export const emptySelection: Selection = { id: null, index: 0, top: 0 };

/** The window start that keeps `index` visible, moving as little as possible. */
export function windowTop(index: number, top: number, height: number, total: number): number {
  const maxTop = Math.max(0, total - height);
  let next = Math.min(top, maxTop);
  if (index < next) next = index;
  if (index >= next + height) next = index - height + 1;
  return Math.max(0, Math.min(next, maxTop));
}

export function selectIndex(rows: readonly TokenEntry[], index: number, previous: Selection, height: number): Selection {
  if (rows.length === 0) return emptySelection;
  const clamped = Math.max(0, Math.min(index, rows.length - 1));
  return {
    id: rows[clamped]?.token.id ?? null,
    index: clamped,
    top: windowTop(clamped, previous.top, height, rows.length),
  };
}

/**
 * After the rows changed: keep the same token selected wherever it moved; if it is gone,
 * stay at the same position (the next token slides under the cursor).
 */
export function reconcileSelection(rows: readonly TokenEntry[], previous: Selection, height: number): Selection {
  if (rows.length === 0) return { ...emptySelection, id: previous.id };
  if (previous.id !== null) {
    // The common case (nothing moved) is checked first to avoid a scan of 10,000 rows.
    const sameSpot = rows[previous.index]?.token.id === previous.id;
    const found = sameSpot ? previous.index : rows.findIndex((entry) => entry.token.id === previous.id);
    if (found >= 0) {
      return { id: previous.id, index: found, top: windowTop(found, previous.top, height, rows.length) };
    }
  }
  return selectIndex(rows, previous.index, previous, height);
}
