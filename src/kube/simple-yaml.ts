// A strict parser for the block-style YAML subset that kubectl, kubeadm and k3s write kubeconfigs
// in, so that a start does not pay for loading js-yaml and its cold first parse. It answers
// `undefined` for anything outside the subset and the caller falls back to js-yaml (yaml.ts);
// whenever it answers a value, that value equals js-yaml's `load` (core schema). Every doubt is a
// refusal: being wrong here would silently change a kubeconfig, falling back only costs time.
//
// The subset, one line at a time: `key: value`, `key:` with a nested block (or a block sequence at
// the key's own indent, as kubectl writes `clusters:\n- name: a`), `- value`, `- key: value` (a
// mapping starting on the dash line), `-` with a nested block. Scalars: `{}`, `[]`, single-quoted,
// double-quoted without escapes, and plain scalars that are certainly strings, exact
// true/false/null/~ and decimal integers. No comments after values, anchors, tags, flow
// collections, block or multi-line scalars, quoted keys, document markers or directives.
//
// Measured (3.4 KB up.sh kubeconfig, fresh Node 24 processes, medians of 21): js-yaml's require
// and first load 12.2 ms; this module's import and parse 2.0 ms (the parse 0.85 ms).

interface Line {
  readonly indent: number;
  /** The line without its indentation and trailing spaces. */
  readonly text: string;
}

interface Cursor {
  readonly lines: Line[];
  next: number;
}

/** Thrown inside the parser to abandon it; never leaves this module. */
class OutsideSubset extends Error {}

function refuse(): never {
  throw new OutsideSubset();
}

// Anything but YAML's printable characters, and tab, BOM, NEL and the Unicode line separators
// (tab is legal but indentation-sensitive, the others are line breaks or markers to some readers);
// a \r only as part of \r\n (a lone \r is a line break to js-yaml). Lone surrogates fail the `u` class.
const OUTSIDE_CHARACTERS = /\r(?!\n)|[^\r\n\x20-\x7E\u{A0}-\u{2027}\u{202A}-\u{D7FF}\u{E000}-\u{FEFE}\u{FF00}-\u{FFFD}\u{10000}-\u{10FFFF}]/u;
// `key:` or `key: value`; keys as kubeconfigs spell them, so never quoted, `<<` or `? complex`.
const KEY_LINE = /^([A-Za-z0-9_][A-Za-z0-9_./-]*):(?: +(.*))?$/;
// Decimal integers in the form js-yaml's core schema reads; 007, 0x1F, +1, 1_000 or 1e3 are refused.
const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
// The core schema reads plain scalars starting with a digit, `-`, `+` or `.` as numbers (`~` only
// alone as null, handled before), and indicator characters start other syntax. Allowed: letters, a
// few harmless ASCII characters, anything non-ASCII, and `-`/`--` before a letter (`--region`).
const STRING_START = /^(?:[A-Za-z_/$()<=\\^;~]|-{1,2}[A-Za-z]|[^\x00-\x7F])/;
// Words some YAML reader resolves to a boolean or null in one of their spellings (YAML 1.1 too).
const AMBIGUOUS_WORDS = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n']);
// js-yaml refuses nesting past 100; kubeconfigs nest about 6 deep.
const MAX_DEPTH = 32;

/** A plain scalar that js-yaml certainly reads as this same string. */
function isPlainString(text: string): boolean {
  return (
    STRING_START.test(text) &&
    !AMBIGUOUS_WORDS.has(text.toLowerCase()) &&
    // `: ` would start a mapping, ` #` a comment; a final `:` makes it a key.
    !text.includes(': ') &&
    !text.includes(' #') &&
    !text.endsWith(':')
  );
}

function parseScalar(text: string): unknown {
  if (text === '{}') return {};
  if (text === '[]') return [];
  if (text.startsWith("'")) {
    const body = text.slice(1, -1);
    // '' is the only escape; a lone quote inside means the scalar ended before the line did.
    if (text.length < 2 || !text.endsWith("'") || body.replaceAll("''", '').includes("'")) refuse();
    return body.replaceAll("''", "'");
  }
  if (text.startsWith('"')) {
    const body = text.slice(1, -1);
    // Without backslashes there is nothing to unescape.
    if (text.length < 2 || !text.endsWith('"') || body.includes('"') || body.includes('\\')) refuse();
    return body;
  }
  if (INTEGER.test(text)) {
    const value = Number(text);
    if (!Number.isSafeInteger(value) || text === '-0') refuse();
    return value;
  }
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null' || text === '~') return null;
  if (!isPlainString(text)) refuse();
  return text;
}

function isSequenceEntry(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/** The block after `key:` or a bare `-`; null when none follows. */
function parseNested(cursor: Cursor, ownerIndent: number, depth: number, allowSameIndentSequence: boolean): unknown {
  const next = cursor.lines[cursor.next];
  if (next === undefined) return null;
  if (next.indent > ownerIndent) return parseBlock(cursor, next.indent, depth + 1);
  if (allowSameIndentSequence && next.indent === ownerIndent && isSequenceEntry(next.text)) {
    return parseSequence(cursor, ownerIndent, depth + 1);
  }
  return null;
}

function parseMapping(cursor: Cursor, indent: number, depth: number): Record<string, unknown> {
  const mapping: Record<string, unknown> = {};
  for (let line = cursor.lines[cursor.next]; line !== undefined && line.indent >= indent; line = cursor.lines[cursor.next]) {
    // Deeper lines that no key opened: a continuation line or an indentation error.
    if (line.indent > indent) refuse();
    const match = KEY_LINE.exec(line.text);
    const key = match?.[1];
    // js-yaml throws on duplicates (let it report them); __proto__ needs defineProperty.
    if (match === null || key === undefined || !isPlainString(key) || key === '__proto__' || Object.hasOwn(mapping, key)) refuse();
    cursor.next++;
    const value = match[2];
    mapping[key] = value === undefined ? parseNested(cursor, indent, depth, true) : parseScalar(value);
  }
  return mapping;
}

function parseSequence(cursor: Cursor, indent: number, depth: number): unknown[] {
  const items: unknown[] = [];
  for (let line = cursor.lines[cursor.next]; line !== undefined && line.indent >= indent; line = cursor.lines[cursor.next]) {
    if (line.indent > indent) refuse();
    // A sequence at its key's indent ends at the next key; elsewhere the caller refuses that line.
    if (!isSequenceEntry(line.text)) break;
    if (line.text === '-') {
      cursor.next++;
      items.push(parseNested(cursor, indent, depth, false));
      continue;
    }
    let offset = 2;
    while (line.text.charCodeAt(offset) === 0x20) offset++;
    const content = line.text.slice(offset);
    if (KEY_LINE.test(content)) {
      // `- key: value`: the rest of the dash line becomes the mapping's first line, at its column.
      cursor.lines[cursor.next] = { indent: indent + offset, text: content };
      items.push(parseMapping(cursor, indent + offset, depth + 1));
    } else {
      cursor.next++;
      items.push(parseScalar(content));
    }
  }
  return items;
}

function parseBlock(cursor: Cursor, indent: number, depth: number): unknown {
  if (depth > MAX_DEPTH) refuse();
  const first = cursor.lines[cursor.next];
  return first !== undefined && isSequenceEntry(first.text) ? parseSequence(cursor, indent, depth) : parseMapping(cursor, indent, depth);
}

/** Lines with content; blank lines and full-line comments are dropped here. */
function contentLines(text: string): Line[] {
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    let end = raw.endsWith('\r') ? raw.length - 1 : raw.length;
    while (end > 0 && raw.charCodeAt(end - 1) === 0x20) end--;
    let indent = 0;
    while (indent < end && raw.charCodeAt(indent) === 0x20) indent++;
    if (indent === end || raw.charCodeAt(indent) === 0x23 /* # */) continue;
    lines.push({ indent, text: raw.slice(indent, end) });
  }
  return lines;
}

/**
 * The document as js-yaml's `load` would return it, or `undefined` when the text is outside the
 * kubeconfig subset (then ask js-yaml, which also reports any error). Never throws.
 */
export function parseSimpleYaml(text: string): unknown | undefined {
  if (OUTSIDE_CHARACTERS.test(text)) return undefined;
  const lines = contentLines(text);
  const first = lines[0];
  // An empty document is js-yaml's to judge. `---`, `...` and `%` lines need no check of their
  // own: they match neither a key nor a sequence entry, so they are refused like any stray line.
  if (first === undefined) return undefined;
  const cursor: Cursor = { lines, next: 0 };
  try {
    const document = parseBlock(cursor, first.indent, 0);
    return cursor.next === lines.length ? document : undefined;
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
}
