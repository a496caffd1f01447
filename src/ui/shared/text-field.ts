// Editing a typed field one key at a time (filter, command line, typed confirmations, wizard fields).

/** The text without its last character, by code point: deleting never leaves half a surrogate pair. */
export function withoutLastChar(text: string): string {
  return Array.from(text).slice(0, -1).join('');
}
