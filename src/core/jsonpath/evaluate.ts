// Runs a parsed template (template-ast.ts) on JSON data and prints it as kubectl does: the
// results of one action separated by a space; a string as it is, a number or boolean as text,
// an object or array as compact JSON, null as `<nil>`; a missing field is no result (kubectl's
// --allow-missing-template-keys=true). Text from the data goes through `escapeValue` (the CLI
// makes it terminal-safe); the template's own text is the user's and is printed as written.
// On purpose more lenient than kubectl in one place: a filter whose two sides cannot be compared
// (missing, several values, a string against a number) drops the element instead of failing.
import { JsonPathError, type ComparisonOperator, type Literal, type Path, type Step, type Template } from './template-ast.ts';

type Json = unknown;

export interface PrintOptions {
  /** Applied to every piece of text that comes from the data. */
  readonly escapeValue?: (text: string) => string;
}

const isObject = (value: Json): value is Readonly<Record<string, Json>> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every value `path` reaches from each of `inputs`, in order. */
export function evaluatePath(path: Path, inputs: readonly Json[]): Json[] {
  let values: Json[] = [...inputs];
  for (const step of path) values = applyStep(step, values);
  return values;
}

function applyStep(step: Step, values: readonly Json[]): Json[] {
  switch (step.kind) {
    case 'field':
      return values.flatMap((value) => (isObject(value) && Object.hasOwn(value, step.name) ? [value[step.name]] : []));
    case 'wildcard':
      return values.flatMap(children);
    case 'recursive':
      return values.flatMap(withDescendants);
    case 'index':
      return arraysOf(values, `[${step.index}]`).map((array) => {
        const index = step.index < 0 ? step.index + array.length : step.index;
        if (index < 0 || index >= array.length) throw new JsonPathError(`array index [${step.index}] is out of bounds (length ${array.length})`);
        return array[index];
      });
    case 'slice':
      return arraysOf(values, 'a slice').flatMap((array) => sliceOf(array, step.start, step.end, step.step));
    case 'union':
      return step.branches.flatMap((branch) => evaluatePath(branch, values));
    case 'filter':
      return arraysOf(values, 'a filter').flatMap((array) => array.filter((element) => passes(step, element)));
    case 'literal':
      return [step.value];
  }
}

function children(value: Json): Json[] {
  if (Array.isArray(value)) return [...(value as Json[])];
  if (isObject(value)) return Object.values(value);
  return [];
}

/** kubectl's `..`: the value when it has children, then the same for each child. */
function withDescendants(value: Json): Json[] {
  const below = children(value);
  return below.length === 0 ? [] : [value, ...below.flatMap(withDescendants)];
}

/** The arrays among `values` (null is skipped, as kubectl does); anything else is an error. */
function arraysOf(values: readonly Json[], what: string): (readonly Json[])[] {
  return values.flatMap((value) => {
    if (value === null || value === undefined) return [];
    if (!Array.isArray(value)) throw new JsonPathError(`${what} needs an array, found ${isObject(value) ? 'an object' : JSON.stringify(value)}`);
    return [value as readonly Json[]];
  });
}

function sliceOf(array: readonly Json[], start: number | null, end: number | null, step: number | null): Json[] {
  const length = array.length;
  const by = step ?? 1;
  const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value < 0 ? value + length : value));
  const out: Json[] = [];
  if (by > 0) {
    for (let index = clamp(start ?? 0, 0, length); index < clamp(end ?? length, 0, length); index += by) out.push(array[index]);
  } else {
    for (let index = clamp(start ?? length - 1, -1, length - 1); index > clamp(end ?? -length - 1, -1, length - 1); index += by) out.push(array[index]);
  }
  return out;
}

function passes(step: Extract<Step, { kind: 'filter' }>, element: Json): boolean {
  const lefts = evaluatePath(step.left, [element]);
  if (step.operator === 'exists') return lefts.length > 0;
  const rights = step.right === null ? [] : step.right.kind === 'literal' ? [step.right.value] : evaluatePath(step.right.path, [element]);
  if (lefts.length !== 1 || rights.length !== 1) return false;
  return compare(lefts[0], step.operator, rights[0]);
}

function compare(left: Json, operator: ComparisonOperator, right: Json): boolean {
  const comparable = (typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string');
  if (operator === '==' || operator === '!=') {
    const scalar = (value: Json) => value === null || typeof value !== 'object';
    const equal = scalar(left) && scalar(right) ? left === right : JSON.stringify(left) === JSON.stringify(right);
    return operator === '==' ? equal : !equal;
  }
  if (!comparable) return false;
  const [a, b] = [left as number | string, right as number | string];
  switch (operator) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

/** One result as kubectl prints it. */
export function formatValue(value: Json): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value as Literal);
  return JSON.stringify(value);
}

/** The template's output for `data`; throws JsonPathError when the data does not fit it. */
export function executeTemplate(template: Template, data: Json, options: PrintOptions = {}): string {
  const escape = options.escapeValue ?? ((text: string) => text);
  const render = (nodes: Template, current: Json): string => {
    let out = '';
    for (const node of nodes) {
      if (node.kind === 'text') out += node.text;
      else if (node.kind === 'action') {
        const literalOnly = node.path.length === 1 && node.path[0]!.kind === 'literal';
        const results = evaluatePath(node.path, [current]);
        // A quoted text in braces is the template's own ({"\n"}): printed as written.
        out += results.map((result) => (literalOnly ? formatValue(result) : escape(formatValue(result)))).join(' ');
      } else {
        for (const item of evaluatePath(node.path, [current])) out += render(node.body, item);
      }
    }
    return out;
  };
  return render(template, data);
}
