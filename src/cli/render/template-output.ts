// What needs the JSONPath engine (core/jsonpath), loaded only for -o jsonpath, -o custom-columns
// and --sort-by: a plain `tokentui list` never loads it (a chunk of its own in dist/).
import { customColumnCell, parseCustomColumns } from '../../core/custom-columns.ts';
import { usageError } from '../../core/errors.ts';
import { executeTemplate, JsonPathError, parseTemplate, type Template } from '../../core/jsonpath/jsonpath.ts';
import { parseSortKey, pathReachesAny, sortItems } from '../../core/sort-by.ts';
import { formatTable, printable } from '../output.ts';
import { didYouMean } from '../suggest.ts';
import type { ItemsView } from './items-view.ts';

/** kubectl's wording for a template it cannot parse or run, as one usage error. */
export function templateError(error: unknown, example: string): Error {
  if (!(error instanceof JsonPathError)) return error instanceof Error ? error : new Error(String(error));
  return usageError(`-o jsonpath: ${error.message}`, `e.g. -o jsonpath='${example}'`);
}

export function parseJsonPathTemplate(text: string, example: string): Template {
  try {
    return parseTemplate(text);
  } catch (error) {
    throw templateError(error, example);
  }
}

/** Runs a template, every value from the data shown terminal-safe (the template's own text as written). */
export function runTemplate(template: Template, data: unknown, example: string): string {
  try {
    return executeTemplate(template, data, { escapeValue: (text) => printable(text) });
  } catch (error) {
    throw templateError(error, example);
  }
}

/** The items in --sort-by order; an unknown field is invalid input (with the field meant). */
export function sortByField<T>(view: ItemsView<T>, sortBy: string): readonly T[] {
  let key;
  try {
    key = parseSortKey(sortBy);
  } catch (error) {
    if (error instanceof JsonPathError) throw usageError(`--sort-by ${sortBy}: ${error.message}`, 'e.g. --sort-by expiresAt (or =-expiresAt to reverse)');
    throw error;
  }
  const top = key.path[0]?.kind === 'field' ? key.path[0].name : undefined;
  const known = top !== undefined && view.fields.includes(top);
  if (!known && !pathReachesAny(key, view.items.map((item) => view.toJson(item)))) {
    const suggestion = top === undefined ? '' : didYouMean(top, view.fields);
    throw usageError(`--sort-by: no field '${key.field}' in these items`, suggestion === '' ? `fields: ${view.fields.join(', ')}` : `${suggestion} (fields: ${view.fields.join(', ')})`);
  }
  return sortItems(view.items, (item) => view.toJson(item), key);
}

/** -o custom-columns=SPEC over the items' JSON; a spec that does not parse is invalid input. */
export function customColumnsTable(spec: string, json: readonly unknown[], noHeaders: boolean): string {
  let columns;
  try {
    columns = parseCustomColumns(spec);
  } catch (error) {
    if (error instanceof JsonPathError) throw usageError(`-o custom-columns: ${error.message}`, 'e.g. -o custom-columns=ID:.id,EXPIRES:.expiresAt');
    throw error;
  }
  const rows = json.map((item) => columns.map((column) => customColumnCell(column, item)));
  return formatTable(columns.map((column) => column.header), rows, noHeaders);
}
