// Renders an ItemsView (items-view.ts) in every -o format a listing takes, after --sort-by:
// table and wide (--no-headers), json and yaml (an array, the item itself for a single `get ID`,
// or with --list-object a {"kind":"List","items":[...]}), name, jsonpath (on the List, as
// kubectl runs it) and custom-columns. Commands describe their data once and call this.
import { usageError } from '../../core/errors.ts';
import type { OutputFormat } from '../command-table.ts';
import type { TextSink } from '../io.ts';
import { formatTable, printable, writeJsonArray } from '../output.ts';
import { dataWriter } from './data-writer.ts';
import type { ItemsView, JsonRecord } from './items-view.ts';

export interface ItemsChoice {
  readonly output: OutputFormat;
  readonly outputArgument?: string;
  readonly options: { readonly noHeaders?: boolean; readonly sortBy?: string; readonly listObject?: boolean };
}

export function listObject(items: readonly JsonRecord[]): { kind: 'List'; items: readonly JsonRecord[] } {
  return { kind: 'List', items };
}

/** The items in --sort-by order (the JSONPath engine is loaded only when sorting). */
export async function sortedItems<T>(view: ItemsView<T>, sortBy: string | undefined): Promise<readonly T[]> {
  if (sortBy === undefined) return view.items;
  return (await import('./template-output.ts')).sortByField(view, sortBy);
}

/** What -o json and yaml print: the object for a single get, else the array or the List. */
function jsonDocument<T>(view: ItemsView<T>, items: readonly T[], asList: boolean): unknown {
  const json = items.map((item) => view.toJson(item));
  if (view.single === true && json.length === 1) return json[0];
  return asList ? listObject(json) : json;
}

export async function writeItems<T>(view: ItemsView<T>, choice: ItemsChoice, sink: TextSink): Promise<void> {
  const items = await sortedItems(view, choice.options.sortBy);
  const noHeaders = choice.options.noHeaders === true;
  switch (choice.output) {
    case 'table':
    case 'wide': {
      const columns = choice.output === 'wide' ? [...view.columns, ...view.wideColumns] : view.columns;
      sink.write(formatTable(columns.map((column) => column.header), items.map((item) => columns.map((column) => column.cell(item))), noHeaders));
      return;
    }
    case 'custom-columns': {
      const { customColumnsTable } = await import('./template-output.ts');
      sink.write(customColumnsTable(choice.outputArgument ?? '', items.map((item) => view.toJson(item)), noHeaders));
      return;
    }
    case 'name': {
      const { nameOf } = view;
      if (nameOf === undefined) throw usageError('-o name: these items have no names', 'use -o json or -o custom-columns');
      for (const item of items) sink.write(`${printable(nameOf(item))}\n`);
      return;
    }
    case 'jsonpath': {
      const { parseJsonPathTemplate, runTemplate } = await import('./template-output.ts');
      const template = parseJsonPathTemplate(choice.outputArgument ?? '', '{.items[*].id}');
      const json = items.map((item) => view.toJson(item));
      const data = view.single === true && json.length === 1 ? json[0] : listObject(json);
      sink.write(runTemplate(template, data, '{.items[*].id}'));
      return;
    }
    case 'json':
      // The common case of a script, at any size: the array written a batch at a time (same bytes).
      if (view.single !== true && choice.options.listObject !== true) return writeJsonArray(sink, items, view.toJson);
    // falls through
    default: {
      const write = await dataWriter(choice, sink);
      write?.(jsonDocument(view, items, choice.options.listObject === true));
    }
  }
}
