// What a hostile server sends as text, for the fuzzing of every renderer, and the test's own
// (independent) definition of what must never reach a terminal raw.
import fc from 'fast-check';

/**
 * C0 and C1 controls, DEL, line and paragraph separators, the bidi embeddings, overrides,
 * isolates and marks, and lone surrogates: what a terminal (or tmux) acts on, or a reader is
 * fooled by. Written out here rather than imported from the code under test.
 */
export const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** RAW_CONTROL except line feed: for multi-line output, whose own line breaks are layout. */
export const RAW_CONTROL_BUT_NEWLINE = new RegExp(RAW_CONTROL.source.replace('\\u0000-\\u001f', '\\u0000-\\u0009\\u000b-\\u001f'));

/** Sequences that did damage on main: the tmux clipboard, the pane title, 8-bit CSI, bidi, a line drawn over the table. */
export const HOSTILE_SAMPLES = [
  '\u001b]52;c;ZXZpbA==\u0007',
  '\u001b]2;pwned\u0007',
  '\u001bPtmux;\u001b\u001b]52;c;eA==\u0007\u001b\\',
  '\u009b31mred',
  '\u202eevil',
  'line\nover\rthe table',
  '\u001b[38;5;201mmagenta\u001b[0m',
] as const;

/** Strings full of what a hostile server would send: escape sequences in 7- and 8-bit form, bidi, line breaks. */
export const hostileString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({
    unit: fc.constantFrom('\u001b', '[', ']', 'P', '\\', '\u0007', '\u009b', '\u009d', '\u0090', '\u009c', '\u202e', '\u2066', '\n', '\r', '\t', '\u2028', 'a', '0', ';', '\ud800', '\udc00', '\u{e0001}', '\u200d', 'é', '漢'),
  }),
  fc.constantFrom(...HOSTILE_SAMPLES),
);
