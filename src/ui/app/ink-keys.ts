// Ink's (input, key) pair folded into one canonical key name (commands/key-press.ts), the only
// place the view model's keys meet Ink's.
import type { Key } from 'ink';
import { ALT_PREFIX, type KeyName, type KeyPress } from '../commands/key-press.ts';

export function toKeyPress(input: string, key: Key): KeyPress {
  // Ctrl-Space arrives as NUL, which Ink reports as a ctrl'd space.
  if (key.ctrl && input === ' ' && !key.meta) return { name: 'ctrl+space', text: '' };
  const special = specialKeyName(key);
  const base = special ?? (key.ctrl ? `ctrl+${input.toLowerCase()}` : input);
  // A lone Esc is the escape key itself (Ink may flag it as meta); anything else with meta is
  // Alt+key, or Esc and a key that arrived in one chunk, which a terminal cannot tell apart.
  if (key.meta && special !== 'escape') return { name: ALT_PREFIX + base, text: '' };
  return { name: base, text: special === null && !key.ctrl ? input : '' };
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

