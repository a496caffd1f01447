// kubectl's JSONPath, the one entry the command line loads (lazily: only -o jsonpath,
// -o custom-columns and --sort-by need it). Written here rather than taken from npm: the
// packages there implement Goessner or RFC 9535 JSONPath (`$.items[*].id`), not kubectl's
// template language (`{range .items[*]}{.id}{"\n"}{end}`, text outside braces, kubectl's
// printing of results), and their filters are JavaScript expressions (README: dependency notes).
export { executeTemplate, evaluatePath, formatValue } from './evaluate.ts';
export type { PrintOptions } from './evaluate.ts';
export { parseRelaxedPath, parseTemplate, TEMPLATE_MAX_LENGTH } from './parse-template.ts';
export { JsonPathError } from './template-ast.ts';
export type { Path, Template } from './template-ast.ts';
