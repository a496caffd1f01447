// Screen geometry shared by the reducer (page size, scroll limits) and the components, so
// both agree on how many lines a frame has: never more than the terminal's rows, which is
// what keeps Ink's incremental rendering working.
export interface Viewport {
  readonly columns: number;
  readonly rows: number;
}

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 12;

export const HEADER_LINES = 2;
export const FOOTER_LINES = 1;
export const TABLE_HEADING_LINES = 1;

export function isTooSmall(viewport: Viewport): boolean {
  return viewport.columns < MIN_COLUMNS || viewport.rows < MIN_ROWS;
}

/** Lines between the header and the footer. */
export function bodyLines(viewport: Viewport): number {
  return Math.max(0, viewport.rows - HEADER_LINES - FOOTER_LINES);
}

/** Token rows that fit under the column headings. */
export function tableRows(viewport: Viewport): number {
  return Math.max(1, bodyLines(viewport) - TABLE_HEADING_LINES);
}
