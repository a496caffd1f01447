// Renders an ItemsView (items-view.ts) in every -o format a listing takes, after --sort-by:
// table and wide (--no-headers), json and yaml (an array, the item itself for a single `get ID`,
// or with --list-object a {"kind":"List","items":[...]}), name, jsonpath (on the List, as
// kubectl runs it) and custom-columns. Commands describe their data once and call this.
import { customColumnCell, parseCustomColumns } from '../../core/custom-columns.ts';
import { usageError } from '../../core/errors.ts';
import { JsonPathError } from '../../core/jsonpath/jsonpath.ts';
import { parseSortKey, pathReachesAny, sortItems } from '../../core/sort-by.ts';
import type { OutputFormat } from '../command-table.ts';
import type { TextSink } from '../io.ts';
import { formatTable, printable } from '../output.ts';
import { didYouMean } from '../suggest.ts';
import { dataWriter, parseJsonPathTemplate, runTemplate } from './data-writer.ts';
import type { ItemsView, JsonRecord } from './items-view.ts';

export interface ItemsChoice {
  readonly output: OutputFormat;
  readonly outputArgument?: string;
  readonly options: { readonly noHeaders?: boolean; readonly sortBy?: string; readonly listObject?: boolean };
}

export function listObject(items: readonly JsonRecord[]): { kind: 'List'; items: readonly JsonRecord[] } {
  return { kind: 'List', items };
}

/** The items in --sort-by order; an unknown field is invalid input (with the field meant). */
export function sortedItems<T>(view: ItemsView<T>, sortBy: string | undefined): readonly T[] {
  if (sortBy === undefined) return view.items;
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

/** What -o json and yaml print: the object for a single get, else the array or the List. */
function jsonDocument<T>(view: ItemsView<T>, items: readonly T[], asList: boolean): unknown {
  const json = items.map((item) => view.toJson(item));
  if (view.single === true && json.length === 1) return json[0];
  return asList ? listObject(json) : json;
}

export async function writeItems<T>(view: ItemsView<T>, choice: ItemsChoice, sink: TextSink): Promise<void> {
  const items = sortedItems(view, choice.options.sortBy);
  const noHeaders = choice.options.noHeaders === true;
  switch (choice.output) {
    case 'table':
    case 'wide': {
      const columns = choice.output === 'wide' ? [...view.columns, ...view.wideColumns] : view.columns;
      sink.write(formatTable(columns.map((column) => column.header), items.map((item) => columns.map((column) => column.cell(item))), noHeaders));
      return;
    }
    case 'custom-columns': {
      let columns;
      try {
        columns = parseCustomColumns(choice.outputArgument ?? '');
      } catch (error) {
        if (error instanceof JsonPathError) throw usageError(`-o custom-columns: ${error.message}`, 'e.g. -o custom-columns=ID:.id,EXPIRES:.expiresAt');
        throw error;
      }
      const rows = items.map((item) => {
        const json = view.toJson(item);
        return columns.map((column) => customColumnCell(column, json));
      });
      sink.write(formatTable(columns.map((column) => column.header), rows, noHeaders));
      return;
    }
    case 'name': {
      const { nameOf } = view;
      if (nameOf === undefined) throw usageError('-o name: these items have no names', 'use -o json or -o custom-columns');
      for (const item of items) sink.write(`${printable(nameOf(item))}\n`);
      return;
    }
    case 'jsonpath': {
      const template = parseJsonPathTemplate(choice.outputArgument ?? '', '{.items[*].id}');
      const json = items.map((item) => view.toJson(item));
      const data = view.single === true && json.length === 1 ? json[0] : listObject(json);
      sink.write(runTemplate(template, data, '{.items[*].id}'));
      return;
    }
    default: {
      const write = await dataWriter(choice, sink);
      write?.(jsonDocument(view, items, choice.options.listObject === true));
    }
  }
}
