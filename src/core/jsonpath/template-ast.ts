// The parsed form of a kubectl JSONPath template (`-o jsonpath=...`, custom-columns, --sort-by):
// text outside braces, actions inside them, and range blocks. parse-template.ts builds it,
// evaluate.ts runs it. Kept apart so both read the same small set of shapes.

export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type Literal = string | number | boolean;

/** What a filter compares with: a path from the element (`@.status`) or a literal. */
export type Operand = { readonly kind: 'path'; readonly path: Path } | { readonly kind: 'literal'; readonly value: Literal };

export type Step =
  /** `.name` or `['name']`: the member of an object. */
  | { readonly kind: 'field'; readonly name: string }
  /** `.*` or `[*]`: every member of an object, every element of an array. */
  | { readonly kind: 'wildcard' }
  /** `..`: the value and every object or array below it. */
  | { readonly kind: 'recursive' }
  /** `[n]`: one element; negative counts from the end. */
  | { readonly kind: 'index'; readonly index: number }
  /** `[start:end:step]`: Python-style, clamped to the array. */
  | { readonly kind: 'slice'; readonly start: number | null; readonly end: number | null; readonly step: number | null }
  /** `[a,b]`: the results of each branch, in order. */
  | { readonly kind: 'union'; readonly branches: readonly Path[] }
  /** `[?(@.x == "y")]`, `[?(@.x)]`: the elements of an array that pass. */
  | { readonly kind: 'filter'; readonly left: Path; readonly operator: ComparisonOperator | 'exists'; readonly right: Operand | null }
  /** `"text"`, `'text'`, a number or true/false inside braces: that value. */
  | { readonly kind: 'literal'; readonly value: Literal };

/** Steps applied left to right, from the current value. */
export type Path = readonly Step[];

export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'action'; readonly path: Path }
  | { readonly kind: 'range'; readonly path: Path; readonly body: readonly TemplateNode[] };

export type Template = readonly TemplateNode[];

/** A template that does not parse, or that cannot run on the data it is given. */
export class JsonPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathError';
  }
}
