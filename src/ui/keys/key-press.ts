// Ink's (input, key) pair folded into one canonical key name, so the keymap can be plain
// data (`'down'`, `'j'`, `'ctrl+c'`) and a reducer can resolve it without Ink.
import type { Key } from 'ink';

export type KeyName = string;

export interface KeyPress {
  /** Canonical name: 'up', 'enter', 'escape', 'ctrl+c', or the character itself ('j', 'G', '/'). */
  readonly name: KeyName;
  /** Printable text the key types ('' for control and navigation keys). */
  readonly text: string;
}

const ALT_PREFIX = 'alt+';

export function toKeyPress(input: string, key: Key): KeyPress {
  const special = specialKeyName(key);
  const base = special ?? (key.ctrl ? `ctrl+${input.toLowerCase()}` : input);
  // A lone Esc is the escape key itself (Ink may flag it as meta); anything else with meta is
  // Alt+key, or Esc and a key that arrived in one chunk, which a terminal cannot tell apart.
  if (key.meta && special !== 'escape') return { name: ALT_PREFIX + base, text: '' };
  return { name: base, text: special === null && !key.ctrl ? input : '' };
}

/** `alt+/` -> Esc then `/`: how an Alt binding nobody declared is read (see toKeyPress). */
export function splitAltKey(key: KeyPress): KeyPress[] | null {
  if (!key.name.startsWith(ALT_PREFIX) || key.name === ALT_PREFIX) return null;
  const base = key.name.slice(ALT_PREFIX.length);
  const typed = isPrintableKey(base) ? base : '';
  return [{ name: 'escape', text: '' }, { name: base, text: typed }];
}

function specialKeyName(key: Key): KeyName | null {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.tab) return 'tab';
  // Terminals send 0x7f for Backspace; Ink reports it as backspace, Delete as delete.
  if (key.backspace || key.delete) return 'backspace';
  return null;
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
