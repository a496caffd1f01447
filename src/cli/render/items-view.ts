// What a command that prints items (tokens, contexts, audit records) hands the output formats:
// the items, their table columns, their JSON and their name. write-items.ts renders it in
// every -o format, so a command describes its data once. A column or field added in front
// (a fleet listing's CONTEXT) is one call, withLeadingColumn, not a copy of the view.

export type JsonRecord = Readonly<Record<string, unknown>>;

export interface Column<T> {
  /** Upper case, as kubectl prints it. */
  readonly header: string;
  cell(item: T): string;
}

export interface ItemsView<T> {
  readonly items: readonly T[];
  /** -o table. */
  readonly columns: readonly Column<T>[];
  /** -o wide: the table's columns, then these. */
  readonly wideColumns: readonly Column<T>[];
  /** One element of -o json; jsonpath, custom-columns and --sort-by read this too. */
  toJson(item: T): JsonRecord;
  /** -o name: `KIND/NAME`; absent = the items have no name (audit records). */
  nameOf?(item: T): string;
  /** The JSON fields every item may have, for --sort-by's "did you mean" when the list is empty. */
  readonly fields: readonly string[];
  /** `get ID` with one id: json, yaml and jsonpath print the object itself, as `kubectl get NAME`. */
  readonly single?: boolean;
}

/** `view`'s columns, JSON and name for items that each hold one of its items (a fleet row and its token). */
export function viewThrough<T, U>(view: ItemsView<T>, items: readonly U[], of: (item: U) => T): ItemsView<U> {
  const through = (column: Column<T>): Column<U> => ({ header: column.header, cell: (item) => column.cell(of(item)) });
  const { nameOf } = view;
  return {
    items,
    columns: view.columns.map(through),
    wideColumns: view.wideColumns.map(through),
    toJson: (item) => view.toJson(of(item)),
    ...(nameOf === undefined ? {} : { nameOf: (item: U) => nameOf.call(view, of(item)) }),
    fields: view.fields,
    ...(view.single === undefined ? {} : { single: view.single }),
  };
}

/** The view with `column` first and `field` first in each JSON item (a fleet's CONTEXT / context). */
export function withLeadingColumn<T>(view: ItemsView<T>, column: Column<T>, field: string, value: (item: T) => unknown): ItemsView<T> {
  return {
    ...view,
    columns: [column, ...view.columns],
    toJson: (item) => ({ [field]: value(item), ...view.toJson(item) }),
    fields: [field, ...view.fields],
  };
}
