// A masked prompt on the terminal (the k3s old server token, issue 7): the prompt goes to
// stderr, the terminal is put in raw mode so nothing typed is echoed, and nothing is drawn for
// the typed characters either (not even dots: their count is a hint too). Backspace and Ctrl-U
// edit, Enter submits, Ctrl-C or Ctrl-D aborts. The value lives only in this closure and the
// caller's variable: never written anywhere.
import type { TextSink } from './io.ts';

/** The subset of a tty.ReadStream the prompt needs (tests pass a scripted one). */
export interface HiddenInput {
  setRawMode(raw: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  removeListener(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export type HiddenEditState = { readonly value: string; readonly done: null | 'submit' | 'abort' };

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const CTRL_U = '\u0015';
// An escape sequence (arrow keys, Home, a focus report): CSI or SS3 and its final byte.
const ESCAPE_SEQUENCE = /^\u001b(?:\[[0-?]*[ -/]*[@-~]|O.|.)?/;

/** Folds one chunk of raw terminal input into the value; pure, so every key is unit-tested. */
export function applyHiddenInput(state: HiddenEditState, chunk: string): HiddenEditState {
  let value = state.value;
  let rest = chunk;
  while (rest !== '') {
    const escape = ESCAPE_SEQUENCE.exec(rest);
    if (escape !== null) {
      rest = rest.slice(escape[0].length);
      continue;
    }
    const [character = ''] = rest;
    rest = rest.slice(character.length);
    if (character === '\r' || character === '\n') return { value, done: 'submit' };
    if (character === CTRL_C || character === CTRL_D) return { value: '', done: 'abort' };
    if (character === '\u007f' || character === '\b') value = Array.from(value).slice(0, -1).join('');
    else if (character === CTRL_U) value = '';
    else if (!/\p{Cc}/u.test(character)) value += character;
  }
  return { value, done: null };
}

/** Asks once; resolves to what was typed (trimmed), or null when aborted. */
export function promptHidden(prompt: string, input: HiddenInput, output: TextSink): Promise<string | null> {
  output.write(prompt);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve) => {
    let state: HiddenEditState = { value: '', done: null };
    const onData = (chunk: Buffer | string): void => {
      state = applyHiddenInput(state, typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      if (state.done === null) return;
      input.removeListener('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write(state.done === 'abort' ? '^C\n' : '\n');
      resolve(state.done === 'abort' ? null : state.value.trim());
    };
    input.on('data', onData);
  });
}
