// kubectl's -o custom-columns=HEADER:PATH,HEADER:PATH: the spec parsed once, then one cell per
// column and item. A cell holds every value the path reaches, comma-separated as kubectl prints
// them; nothing reached is `<none>`.
import { evaluatePath, formatValue, JsonPathError, parseRelaxedPath, type Path } from './jsonpath/jsonpath.ts';

export interface CustomColumn {
  readonly header: string;
  readonly path: Path;
}

/** Throws JsonPathError naming the column at fault. */
export function parseCustomColumns(spec: string): CustomColumn[] {
  return spec.split(',').map((part, index) => {
    const colon = part.indexOf(':');
    if (colon <= 0 || colon === part.length - 1) {
      throw new JsonPathError(`column ${index + 1} ('${part}') is not HEADER:PATH, e.g. ID:.id`);
    }
    try {
      return { header: part.slice(0, colon), path: parseRelaxedPath(part.slice(colon + 1)) };
    } catch (error) {
      throw new JsonPathError(`column ${part.slice(0, colon)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

export function customColumnCell(column: CustomColumn, json: unknown): string {
  const values = evaluatePath(column.path, [json]);
  return values.length === 0 ? '<none>' : values.map(formatValue).join(',');
}
