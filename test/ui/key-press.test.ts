import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { toKeyPress } from '../../src/ui/app/ink-keys.ts';
import { splitAltKey, splitTypedKeys } from '../../src/ui/commands/key-press.ts';

const noKey: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

describe('key names', () => {
  it('names special keys, control chords and plain characters', () => {
    expect(toKeyPress('', { ...noKey, downArrow: true })).toEqual({ name: 'down', text: '' });
    expect(toKeyPress('\r', { ...noKey, return: true })).toEqual({ name: 'enter', text: '' });
    expect(toKeyPress('c', { ...noKey, ctrl: true })).toEqual({ name: 'ctrl+c', text: '' });
    expect(toKeyPress('G', { ...noKey, shift: true })).toEqual({ name: 'G', text: 'G' });
    expect(toKeyPress('', { ...noKey, escape: true, meta: true })).toEqual({ name: 'escape', text: '' });
  });

  it('reads Esc followed by a key in the same chunk as Alt+key and splits it back', () => {
    const altSlash = toKeyPress('/', { ...noKey, meta: true });
    expect(altSlash).toEqual({ name: 'alt+/', text: '' });
    expect(splitAltKey(altSlash)).toEqual([{ name: 'escape', text: '' }, { name: '/', text: '/' }]);
    expect(splitAltKey(toKeyPress('', { ...noKey, return: true, meta: true }))).toEqual([{ name: 'escape', text: '' }, { name: 'enter', text: '' }]);
    expect(splitAltKey({ name: 'j', text: 'j' })).toBeNull();
  });

  it('splits plain text chunks into keys', () => {
    expect(splitTypedKeys('jj\r').map((key) => key.name)).toEqual(['j', 'j', 'enter']);
    expect(splitTypedKeys('a\u0001b').map((key) => key.name)).toEqual(['a', 'b']);
    expect(splitTypedKeys('ab\u007f\u007fc\r').map((key) => key.name)).toEqual(['a', 'b', 'backspace', 'backspace', 'c', 'enter']);
    // Enter and Ctrl-Space read in one chunk (fast keys over SSH): both keys, in order.
    expect(splitTypedKeys('\r\u0000').map((key) => key.name)).toEqual(['enter', 'ctrl+space']);
  });
});
