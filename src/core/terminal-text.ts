// Text from a backend, made safe for a terminal. A server (or anyone who can write a Secret's
// description) controls these strings; raw on a terminal they could recolour the screen, move the
// cursor and draw over the table (CSI), set the window title or the clipboard (OSC 0/2/52), talk
// to tmux (DCS), break a row in two (line breaks), or reverse what a line appears to say (bidi
// overrides). So every such character is shown as a visible escape (`\x1b`, `\u202e`) instead:
// the operator sees that something odd is there, and the terminal receives only printable text.
// Escaping the introducer (ESC, or the 8-bit C1 form such as U+009B) defuses the whole sequence;
// what follows it is printable. Pure: the CLI's writers and the TUI's text primitives call it.

/**
 * What is never written raw: C0 and C1 controls and DEL (\p{Cc}), line and paragraph separators,
 * lone surrogates, and format characters (\p{Cf}: bidi embeddings, overrides and isolates, zero
 * width spaces, tags) except the zero-width joiner and non-joiner, which scripts and emoji need.
 */
const UNSAFE_SOURCE = '[\\p{Cc}\\p{Zl}\\p{Zp}\\p{Cs}]|(?![\\u200c\\u200d])\\p{Cf}';

/**
 * The Unicode-property patterns, built on first use. Creating one parses it and asks ICU for its
 * character sets (~1 ms for these four), and as module-level constants they were created at
 * start-up (the bundle turns such literals into `new RegExp`), though `tokentui list` mostly never
 * needs them (the quick checks below decide first).
 */
interface UnicodePatterns {
  readonly unsafe: RegExp;
  readonly unsafeAll: RegExp;
  /** The same set without line feed and tab: whole multi-line outputs (the CLI's) keep their layout. */
  readonly unsafeKeepingLayout: RegExp;
  /** What JSON.stringify leaves raw but a terminal could act on (below). */
  readonly jsonUnsafe: RegExp;
}
let unicodePatterns: UnicodePatterns | undefined;
function patterns(): UnicodePatterns {
  unicodePatterns ??= {
    unsafe: new RegExp(UNSAFE_SOURCE, 'u'),
    unsafeAll: new RegExp(UNSAFE_SOURCE, 'gu'),
    unsafeKeepingLayout: new RegExp(`(?![\\n\\t])${UNSAFE_SOURCE}`, 'gu'),
    jsonUnsafe: /[\u007f-\u009f\u2028\u2029]|\p{Cf}/gu,
  };
  return unicodePatterns;
}
// Text none of whose characters could be unsafe needs no work: the common case costs one scan
// with a plain character class instead of the Unicode-property patterns above (10,000 listed
// tokens as JSON: 1.9 ms instead of 6.5). Below U+0600 the unsafe characters are the C0 and C1
// controls, DEL and the soft hyphen (U+00AD, a format character); every other one (format
// characters, separators, surrogates) lies from U+0600 on. terminal-text.test.ts checks that
// these classes catch every unsafe character of the BMP (astral ones are surrogate pairs).
const MAYBE_UNSAFE = /[\x00-\x1f\x7f-\x9f\xad\u0600-\uffff]/;
/** The same for a whole output (a table, pretty JSON): line feeds and tabs are its layout. */
const MAYBE_UNSAFE_KEEPING_LAYOUT = /[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\uffff]/;

export const ELLIPSIS = '…';

function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, '0');
}

/** The visible escape for one unsafe code point: `\x1b` (a line feed is `\x0a`) below 0x80, `\u009b`, `\u{e0001}`. */
export function visibleEscape(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  if (code < 0x80) return `\\x${hex(code, 2)}`;
  if (code <= 0xffff) return `\\u${hex(code, 4)}`;
  return `\\u{${hex(code, 5)}}`;
}

/** Whether `text` can go to a terminal as it is (nothing to escape). */
export function isTerminalSafe(text: string): boolean {
  return !MAYBE_UNSAFE.test(text) || !patterns().unsafe.test(text);
}

/** Cuts to `maxLength` UTF-16 units ending in '…' (never inside a surrogate pair). */
export function capLength(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  if (maxLength <= 0) return '';
  let end = maxLength - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end) + ELLIPSIS;
}

/**
 * One line of backend text for a terminal: every unsafe character (line breaks included) as a
 * visible escape, then at most `maxLength` characters, the last an ellipsis when it was cut.
 * Idempotent: its output contains nothing it would change.
 */
export function terminalText(text: string, maxLength: number = Number.POSITIVE_INFINITY): string {
  if (!MAYBE_UNSAFE.test(text)) return capLength(text, maxLength);
  // Escapes only lengthen the text, so a text cut a little past the limit still ends up cut.
  const bounded = text.length > maxLength ? text.slice(0, maxLength + 1) : text;
  return capLength(bounded.replace(patterns().unsafeAll, visibleEscape), maxLength);
}

/** A whole output (many lines, tab-separated fields): as terminalText, but line feeds and tabs stay. */
export function terminalOutput(text: string): string {
  if (!MAYBE_UNSAFE_KEEPING_LAYOUT.test(text)) return text;
  return text.replace(patterns().unsafeKeepingLayout, visibleEscape);
}

// ---- JSON ------------------------------------------------------------------------------------

// JSON.stringify escapes C0 and lone surrogates, not DEL, C1, bidi or separators: those are
// replaced in the serialised text, where they can only occur inside strings (as themselves).

function jsonEscape(character: string): string {
  let out = '';
  for (let index = 0; index < character.length; index++) out += `\\u${hex(character.charCodeAt(index), 4)}`;
  return out;
}

/** JSON.stringify, with every character a terminal could act on as a `\u` escape (same value). */
export function terminalSafeJson(value: unknown, space?: number): string {
  const text = JSON.stringify(value, null, space);
  if (text === undefined) return 'null';
  return MAYBE_UNSAFE_KEEPING_LAYOUT.test(text) ? text.replace(patterns().jsonUnsafe, jsonEscape) : text;
}

/** The escape a YAML double-quoted scalar takes for one unsafe code point (`\x9b`, `\u202e`, `\U000e0001`). */
export function yamlEscape(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  if (code <= 0xff) return `\\x${hex(code, 2)}`;
  if (code <= 0xffff) return `\\u${hex(code, 4)}`;
  return `\\U${hex(code, 8)}`;
}

/** True when a serialised document still holds a character a terminal could act on. */
export function hasTerminalUnsafe(text: string, keepLayout = true): boolean {
  if (!(keepLayout ? MAYBE_UNSAFE_KEEPING_LAYOUT : MAYBE_UNSAFE).test(text)) return false;
  const pattern = keepLayout ? patterns().unsafeKeepingLayout : patterns().unsafeAll;
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}

/** Replaces the unsafe characters of a serialised document (keeping line feeds and tabs) with `escape`. */
export function replaceTerminalUnsafe(text: string, escape: (character: string) => string): string {
  return text.replace(patterns().unsafeKeepingLayout, escape);
}

/** A server's own words (an error message) are kept to this many characters. */
export const SERVER_WORDS_MAX_LENGTH = 500;

/**
 * What a server said, as it may travel inside our messages (errors, the audit journal): one line,
 * escapes visible, at most SERVER_WORDS_MAX_LENGTH characters.
 */
export function serverWords(text: string): string {
  return terminalText(text.trim(), SERVER_WORDS_MAX_LENGTH);
}
