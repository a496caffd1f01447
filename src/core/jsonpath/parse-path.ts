// The inside of one `{...}` action: steps read left to right until the closing brace (not
// consumed). Follows kubectl's parser (client-go/util/jsonpath/parser.go) token by token: field
// names end at a space, `.`, `,`, `[`, `]`, `$`, `@`, `{` or `}` unless escaped with `\`;
// `['a.b']` is the path .a.b; a bracket's content ends at the first `]`.
import { JsonPathError, type ComparisonOperator, type Literal, type Operand, type Path, type Step } from './template-ast.ts';

export interface Scanner {
  readonly input: string;
  pos: number;
}

const TERMINATORS = new Set([' ', '\t', '\r', '\n', '.', ',', '[', ']', '$', '@', '{', '}']);
const OPERATORS: readonly ComparisonOperator[] = ['==', '!=', '<=', '>=', '<', '>'];

/** Steps until `stop` (left for the caller) or the end of the input. */
export function parsePath(scanner: Scanner, stop: '}' | undefined): Path {
  const steps: Step[] = [];
  const { input } = scanner;
  while (scanner.pos < input.length) {
    const rest = input.slice(scanner.pos);
    const char = input[scanner.pos]!;
    if (char === stop) break;
    if (char === '}' || char === '{') throw new JsonPathError(`unexpected ${char} at character ${scanner.pos + 1}`);
    if (rest.startsWith('[?(')) steps.push(parseFilter(scanner));
    else if (rest.startsWith('..')) {
      if (steps.at(-1)?.kind === 'recursive') throw new JsonPathError('.. cannot follow ..');
      scanner.pos += 2;
      steps.push({ kind: 'recursive' });
      if (/^[\p{L}\p{N}_]/u.test(input.slice(scanner.pos))) steps.push(fieldStep(readName(scanner)));
    } else if (char === ' ' || char === '\t' || char === '@' || char === '$') scanner.pos += 1;
    else if (char === '.') {
      scanner.pos += 1;
      const name = readName(scanner);
      if (name !== '') steps.push(fieldStep(name));
    } else if (char === '[') steps.push(...parseBracket(scanner));
    else if (char === '"' || char === "'") steps.push({ kind: 'literal', value: readQuoted(scanner) });
    else if (/^[+-]?[0-9]/.test(rest)) steps.push({ kind: 'literal', value: readNumber(scanner) });
    else if (/^(true|false)(?![\p{L}\p{N}_])/u.test(rest)) {
      const value = rest.startsWith('true');
      scanner.pos += value ? 4 : 5;
      steps.push({ kind: 'literal', value });
    } else if (/^[\p{L}\p{N}_]/u.test(rest)) {
      const word = readName(scanner);
      throw new JsonPathError(`unknown word ${JSON.stringify(word)} (a field starts with a dot: .${word}; keywords: range, end)`);
    } else throw new JsonPathError(`unexpected ${JSON.stringify(char)} at character ${scanner.pos + 1}`);
  }
  return steps;
}

function fieldStep(name: string): Step {
  return name === '*' ? { kind: 'wildcard' } : { kind: 'field', name };
}

/** A field name up to the next unescaped terminator; `\x` is x. */
function readName(scanner: Scanner): string {
  let name = '';
  const { input } = scanner;
  while (scanner.pos < input.length) {
    const char = input[scanner.pos]!;
    if (char === '\\' && scanner.pos + 1 < input.length) {
      name += input[scanner.pos + 1];
      scanner.pos += 2;
    } else if (TERMINATORS.has(char)) break;
    else {
      name += char;
      scanner.pos += 1;
    }
  }
  return name;
}

// Go's strconv.UnquoteChar escapes, the ones a template needs.
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' };

function readQuoted(scanner: Scanner): string {
  const { input } = scanner;
  const quote = input[scanner.pos]!;
  let out = '';
  for (let pos = scanner.pos + 1; pos < input.length; pos++) {
    const char = input[pos]!;
    if (char === quote) {
      scanner.pos = pos + 1;
      return out;
    }
    if (char === '\n') break;
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = input[pos + 1] ?? '';
    const unicode = /^u([0-9a-fA-F]{4})|^x([0-9a-fA-F]{2})/.exec(input.slice(pos + 1));
    if (unicode !== null) {
      out += String.fromCharCode(parseInt(unicode[1] ?? unicode[2]!, 16));
      pos += unicode[0].length;
    } else if (ESCAPES[next] !== undefined) {
      out += ESCAPES[next];
      pos += 1;
    } else throw new JsonPathError(`unknown escape \\${next} in ${quote}...${quote} (use \\n, \\t, \\\\, \\${quote} or \\uXXXX)`);
  }
  throw new JsonPathError(`unterminated quoted text starting at character ${scanner.pos + 1}`);
}

function readNumber(scanner: Scanner): number {
  const match = /^[+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?/.exec(scanner.input.slice(scanner.pos))!;
  const value = Number(match[0]);
  if (!Number.isFinite(value)) throw new JsonPathError(`cannot read the number ${JSON.stringify(match[0])}`);
  scanner.pos += match[0].length;
  return value;
}

/** `[...]`: `*`, an index, a slice, `'key'`, or a union of those. */
function parseBracket(scanner: Scanner): Step[] {
  const close = scanner.input.indexOf(']', scanner.pos);
  if (close < 0) throw new JsonPathError(`unterminated [ at character ${scanner.pos + 1}`);
  const content = scanner.input.slice(scanner.pos + 1, close);
  scanner.pos = close + 1;
  const parts = content.split(',');
  if (parts.length > 1) return [{ kind: 'union', branches: parts.map((part) => bracketSteps(part.trim())) }];
  return bracketSteps(content.trim());
}

function bracketSteps(content: string): Step[] {
  if (content === '*') return [{ kind: 'wildcard' }];
  const key = /^'([^']*)'$|^"([^"]*)"$/.exec(content);
  if (key !== null) {
    // kubectl reads ['a.b'] as the path .a.b.
    const scanner: Scanner = { input: `.${key[1] ?? key[2]}`, pos: 0 };
    return [...parsePath(scanner, undefined)];
  }
  const slice = /^(-?\d*)(?::(-?\d*))?(?::(-?\d*))?$/.exec(content);
  if (slice === null || content === '') throw new JsonPathError(`[${content}] is not an index, a slice, '*' or a 'key'`);
  const [, start = '', end, step] = slice;
  if (end === undefined && step === undefined) return [{ kind: 'index', index: Number(start) }];
  const number = (text: string | undefined) => (text === undefined || text === '' ? null : Number(text));
  if (number(step) === 0) throw new JsonPathError(`[${content}]: a slice step cannot be 0`);
  return [{ kind: 'slice', start: number(start), end: number(end), step: number(step) }];
}

/** `[?(LEFT)]` or `[?(LEFT OP RIGHT)]`, quotes respected when looking for `)]`. */
function parseFilter(scanner: Scanner): Step {
  const { input } = scanner;
  const begin = scanner.pos + 3;
  let quote: string | null = null;
  let pos = begin;
  for (; pos < input.length; pos++) {
    const char = input[pos]!;
    if (quote !== null) {
      if (char === '\\') pos += 1;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === ')' && input[pos + 1] === ']') break;
  }
  if (pos >= input.length) throw new JsonPathError(`unterminated filter [?( at character ${scanner.pos + 1}: expected )]`);
  scanner.pos = pos + 2;
  const inner = input.slice(begin, pos);
  const found = findOperator(inner);
  if (found === null) return { kind: 'filter', left: operandPath(inner), operator: 'exists', right: null };
  const left = operandPath(inner.slice(0, found.at));
  const right = operand(inner.slice(found.at + found.operator.length));
  return { kind: 'filter', left, operator: found.operator, right };
}

function findOperator(text: string): { at: number; operator: ComparisonOperator } | null {
  let quote: string | null = null;
  for (let at = 0; at < text.length; at++) {
    const char = text[at]!;
    if (quote !== null) {
      if (char === '\\') at += 1;
      else if (char === quote) quote = null;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if ('!<>='.includes(char)) {
      const operator = OPERATORS.find((candidate) => text.startsWith(candidate, at));
      const run = /^[!<>=~]+/.exec(text.slice(at))![0];
      if (operator === undefined || operator !== run) throw new JsonPathError(`unknown comparison ${JSON.stringify(run)} in a filter (use ==, !=, <, <=, > or >=)`);
      return { at, operator };
    }
  }
  return null;
}

function operandPath(text: string): Path {
  const scanner: Scanner = { input: text.trim(), pos: 0 };
  const path = parsePath(scanner, undefined);
  if (path.length === 0) throw new JsonPathError('a filter needs something to test, e.g. [?(@.status == "active")]');
  return path;
}

function operand(text: string): Operand {
  const path = operandPath(text);
  const [only] = path;
  if (path.length === 1 && only?.kind === 'literal') return { kind: 'literal', value: only.value as Literal };
  return { kind: 'path', path };
}
