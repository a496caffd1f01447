// Ink hands keys that arrive together (a paste, fast typing over SSH, `tmux send-keys`) to useInput
// as one string: "/prod" is one "key". A screen whose key handler reads React state must see each
// key after the render of the one before: "/" opens the filter, and only the next render's handler
// knows that "p" is text for it. This splits such a chunk (splitTypedKeys) and hands the keys to the
// handler one render at a time, a lone key too: handled at once, a key arriving before the last
// one's render would see the state from before it. The list screen's reducer splits chunks itself
// (view-model/app-reducer.ts); fleet mode's handler reads hooks' state, hence this.
import { useInput } from 'ink';
import { useEffect, useReducer, useRef } from 'react';
import { splitTypedKeys, type KeyPress } from '../commands/key-press.ts';
import { toKeyPress } from '../app/ink-keys.ts';

export function useKeysOneAtATime(handle: (press: KeyPress) => void): void {
  const queued = useRef<KeyPress[]>([]);
  const [, nextTurn] = useReducer((turn: number) => turn + 1, 0);
  // After every render, the next waiting key, to this render's handler: it sees every earlier key's effect.
  useEffect(() => {
    const press = queued.current.shift();
    if (press === undefined) return;
    handle(press);
    // A render for the key after it, whether or not this one changed anything.
    if (queued.current.length > 0) nextTurn();
  });
  useInput((input, key) => {
    const press = toKeyPress(input, key);
    queued.current.push(...([...press.text].length > 1 ? splitTypedKeys(press.text) : [press]));
    nextTurn();
  });
}
