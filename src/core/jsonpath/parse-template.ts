// kubectl's JSONPath template syntax (k8s.io/client-go/util/jsonpath), which is not RFC 9535
// JSONPath: text outside `{}` is printed as it is; inside, `.field`, `..`, `[*]`, `[n]`,
// `[a:b]`, `[a,b]`, `['key']`, filters `[?(@.x == "y")]`, quoted text with Go escapes
// (`{"\n"}`), `range`/`end` blocks; `@` and `$` both mean the current value, as in kubectl.
// Differences, on purpose: nothing here panics or hangs on any input (a parse error is a
// JsonPathError), and `{.}` is the current value.
import { parsePath, type Scanner } from './parse-path.ts';
import { JsonPathError, type Path, type Template, type TemplateNode } from './template-ast.ts';

/** The longest template accepted: a template is typed by a person, never megabytes. */
export const TEMPLATE_MAX_LENGTH = 16_384;

interface OpenRange {
  readonly path: Path;
  readonly body: TemplateNode[];
}

/** The template, or a JsonPathError saying where it goes wrong. */
export function parseTemplate(text: string): Template {
  if (text.length > TEMPLATE_MAX_LENGTH) throw new JsonPathError(`the template is longer than ${TEMPLATE_MAX_LENGTH} characters`);
  const root: TemplateNode[] = [];
  const open: OpenRange[] = [];
  const scanner: Scanner = { input: text, pos: 0 };
  const current = () => open.at(-1)?.body ?? root;
  while (scanner.pos < text.length) {
    const brace = text.indexOf('{', scanner.pos);
    const textEnd = brace < 0 ? text.length : brace;
    if (textEnd > scanner.pos) current().push({ kind: 'text', text: text.slice(scanner.pos, textEnd) });
    if (brace < 0) break;
    scanner.pos = brace + 1;
    const action = parseAction(scanner);
    if (action.keyword === 'range') {
      const body: TemplateNode[] = [];
      current().push({ kind: 'range', path: action.path, body });
      open.push({ path: action.path, body });
    } else if (action.keyword === 'end') {
      if (open.pop() === undefined) throw new JsonPathError(`{end} at character ${brace + 1} closes no {range}`);
    } else {
      current().push({ kind: 'action', path: action.path });
    }
  }
  if (open.length > 0) throw new JsonPathError('a {range ...} has no {end}');
  return root;
}

interface Action {
  readonly keyword?: 'range' | 'end';
  readonly path: Path;
}

/** After `{`: an optional `range`/`end` keyword, then a path up to the closing `}`. */
function parseAction(scanner: Scanner): Action {
  const start = scanner.pos;
  const keyword = /^\s*(range|end)(?=[\s}.[@$]|$)/.exec(scanner.input.slice(scanner.pos));
  if (keyword !== null) scanner.pos += keyword[0].length;
  const path = parsePath(scanner, '}');
  if (scanner.input[scanner.pos] !== '}') throw new JsonPathError(`unclosed action starting at character ${start}: expected }`);
  scanner.pos += 1;
  const word = keyword?.[1] as 'range' | 'end' | undefined;
  if (word === 'end' && path.length > 0) throw new JsonPathError('{end} takes nothing after it');
  if (word === 'range' && path.length === 0) throw new JsonPathError('{range} needs a path, e.g. {range .items[*]}');
  return word === undefined ? { path } : { keyword: word, path };
}

/**
 * The path kubectl's custom-columns and --sort-by take: `.a.b`, `a.b` or `{.a.b}` (its
 * RelaxedJSONPathExpression), as one path.
 */
export function parseRelaxedPath(expression: string): Path {
  const trimmed = expression.trim();
  const inner = trimmed.startsWith('{') && trimmed.endsWith('}') ? trimmed.slice(1, -1) : trimmed;
  if (inner === '') throw new JsonPathError('the path is empty (e.g. .id)');
  const withDot = /^[.[@$]/.test(inner) ? inner : `.${inner}`;
  const scanner: Scanner = { input: withDot, pos: 0 };
  const path = parsePath(scanner, undefined);
  if (scanner.pos < withDot.length) throw new JsonPathError(`unexpected ${JSON.stringify(withDot[scanner.pos])} in the path ${JSON.stringify(expression)}`);
  return path;
}
