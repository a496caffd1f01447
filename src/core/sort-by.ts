// --sort-by: items ordered by the value a kubectl-style path reaches in each item's JSON.
// Numbers compare as numbers, strings by code point (RFC 3339 UTC times, as every time field is
// written, sort in time order that way), lists element by element, false before true; equal values
// keep their order (also reversed). An item the path reaches nothing in,
// or null (a token that never expires), sorts last in either direction: "-FIELD" reverses the
// order of the values, not where the missing ones go. The sort is stable.
import { evaluatePath, parseRelaxedPath, type Path } from './jsonpath/jsonpath.ts';

export interface SortKey {
  readonly path: Path;
  /** The path as typed, without the `-`. */
  readonly field: string;
  readonly descending: boolean;
}

/** `expiresAt`, `.expiresAt`, `{.expiresAt}`, `-expiresAt` (reversed). Throws JsonPathError on a bad path. */
export function parseSortKey(text: string): SortKey {
  const descending = text.startsWith('-');
  const field = descending ? text.slice(1) : text;
  return { path: parseRelaxedPath(field), field, descending };
}

type Comparable = { readonly rank: 0; readonly value: number } | { readonly rank: 1; readonly value: string } | { readonly rank: 2 };

function comparable(values: readonly unknown[]): Comparable {
  const [value] = values;
  if (values.length === 0 || value === null || value === undefined) return { rank: 2 };
  if (typeof value === 'number') return { rank: 0, value };
  if (typeof value === 'boolean') return { rank: 0, value: value ? 1 : 0 };
  // A list (usages, groups) compares element by element, a shorter prefix first.
  if (Array.isArray(value)) return { rank: 1, value: value.map((element) => (typeof element === 'string' ? element : JSON.stringify(element))).join('\u0000') };
  return { rank: 1, value: typeof value === 'string' ? value : JSON.stringify(value) };
}

function compare(left: Comparable, right: Comparable, descending: boolean): number {
  if (left.rank === 2 || right.rank === 2) return left.rank === right.rank ? 0 : left.rank === 2 ? 1 : -1;
  if (left.rank !== right.rank) return left.rank - right.rank;
  const order = left.value < right.value ? -1 : left.value > right.value ? 1 : 0;
  return descending ? -order : order;
}

/** Whether the path reaches a value in at least one item (else the field is likely misspelt). */
export function pathReachesAny(key: SortKey, json: readonly unknown[]): boolean {
  return json.some((item) => evaluatePath(key.path, [item]).length > 0);
}

/** `items` ordered by `key` applied to `toJson(item)`; a new array, stable. */
export function sortItems<T>(items: readonly T[], toJson: (item: T) => unknown, key: SortKey): T[] {
  const keyed = items.map((item, index) => ({ item, index, key: comparable(evaluatePath(key.path, [toJson(item)])) }));
  keyed.sort((left, right) => compare(left.key, right.key, key.descending) || left.index - right.index);
  return keyed.map((entry) => entry.item);
}
