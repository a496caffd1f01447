// Keys as canonical names (`'down'`, `'j'`, `'ctrl+c'`), so the keymap can be plain data and the
// reducer can resolve a key without Ink. app/ink-keys.ts folds Ink's (input, key) pair into one.

export type KeyName = string;

export interface KeyPress {
  /** Canonical name: 'up', 'enter', 'escape', 'ctrl+c', or the character itself ('j', 'G', '/'). */
  readonly name: KeyName;
  /** Printable text the key types ('' for control and navigation keys). */
  readonly text: string;
}

export const ALT_PREFIX = 'alt+';

/** `alt+/` -> Esc then `/`: how an Alt binding nobody declared is read (see toKeyPress). */
export function splitAltKey(key: KeyPress): KeyPress[] | null {
  if (!key.name.startsWith(ALT_PREFIX) || key.name === ALT_PREFIX) return null;
  const base = key.name.slice(ALT_PREFIX.length);
  const typed = isPrintableKey(base) ? base : '';
  return [{ name: 'escape', text: '' }, { name: base, text: typed }];
}

/**
 * Ink delivers plain bytes that arrive together (`tmux send-keys j j j Enter`, fast typing
 * over SSH, a paste) as one string, `"jjj\r"`. This splits it back into keys, in order.
 */
export function splitTypedKeys(text: string): KeyPress[] {
  const keys: KeyPress[] = [];
  for (const character of text) {
    if (character === '\r' || character === '\n') keys.push({ name: 'enter', text: '' });
    else if (character === '\t') keys.push({ name: 'tab', text: '' });
    // Backspace inside a chunk (`tmux send-keys BSpace BSpace f Enter`) still edits prompts.
    else if (character === '\u007f' || character === '\b') keys.push({ name: 'backspace', text: '' });
    // NUL is Ctrl-Space (mark every token shown), also when it arrives behind another key.
    else if (character === '\u0000') keys.push({ name: 'ctrl+space', text: '' });
    else if (!/\p{Cc}/u.test(character)) keys.push({ name: character, text: character });
    // Other control bytes carry no key we bind: dropped rather than typed into a prompt.
  }
  return keys;
}

const KEY_LABELS: Readonly<Record<string, string>> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  backspace: 'Backspace',
  ' ': 'Space',
  'ctrl+space': 'Ctrl-Space',
};

/** How a key is written in the footer and the help screen. */
export function keyLabel(name: KeyName): string {
  const label = KEY_LABELS[name];
  if (label !== undefined) return label;
  if (name.startsWith('ctrl+')) return `Ctrl-${name.slice(5).toUpperCase()}`;
  return name;
}

/** True for keys that type text (what a text prompt must receive instead of a command). */
export function isPrintableKey(name: KeyName): boolean {
  return [...name].length === 1;
}
