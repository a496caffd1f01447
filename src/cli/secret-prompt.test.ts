import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { applyHiddenInput, promptHidden, type HiddenInput } from './secret-prompt.ts';

const start = { value: '', done: null } as const;

class ScriptedTty extends EventEmitter implements HiddenInput {
  readonly rawModes: boolean[] = [];
  paused = false;
  setRawMode(raw: boolean) {
    this.rawModes.push(raw);
  }
  resume() {
    this.paused = false;
  }
  pause() {
    this.paused = true;
  }
  type(bytes: string) {
    this.emit('data', Buffer.from(bytes, 'utf8'));
  }
}

describe('applyHiddenInput', () => {
  it('types, deletes by code point, clears with Ctrl-U, submits on Enter', () => {
    expect(applyHiddenInput(start, 'abc\u007fd')).toEqual({ value: 'abd', done: null });
    expect(applyHiddenInput(start, 'x€\b')).toEqual({ value: 'x', done: null });
    expect(applyHiddenInput(start, 'abc\u0015K10')).toEqual({ value: 'K10', done: null });
    expect(applyHiddenInput({ value: 'K10', done: null }, '::server:pw\rtrailing')).toEqual({ value: 'K10::server:pw', done: 'submit' });
  });

  it('drops arrow keys and other escape sequences instead of typing them', () => {
    expect(applyHiddenInput(start, 'a\u001b[Db\u001bOHc\u001b[1;5C')).toEqual({ value: 'abc', done: null });
  });

  it('aborts on Ctrl-C or Ctrl-D and forgets what was typed', () => {
    expect(applyHiddenInput(start, 'secret\u0003')).toEqual({ value: '', done: 'abort' });
    expect(applyHiddenInput(start, '\u0004')).toEqual({ value: '', done: 'abort' });
  });
});

describe('promptHidden', () => {
  it('writes the prompt, echoes nothing typed, restores the terminal, resolves the trimmed value', async () => {
    const input = new ScriptedTty();
    let written = '';
    const answer = promptHidden('Old k3s server token (input hidden): ', input, { write: (chunk: string) => (written += chunk) });
    input.type('K10abc::server:');
    input.type('hunter2 \r');
    await expect(answer).resolves.toBe('K10abc::server:hunter2');
    expect(written).toBe('Old k3s server token (input hidden): \n');
    expect(input.rawModes).toEqual([true, false]);
    expect(input.paused).toBe(true);
    expect(input.listenerCount('data')).toBe(0);
  });

  it('resolves null on Ctrl-C', async () => {
    const input = new ScriptedTty();
    let written = '';
    const answer = promptHidden('token: ', input, { write: (chunk: string) => (written += chunk) });
    input.type('hunter2\u0003');
    await expect(answer).resolves.toBeNull();
    expect(written).not.toContain('hunter2');
    expect(input.rawModes).toEqual([true, false]);
  });
});
