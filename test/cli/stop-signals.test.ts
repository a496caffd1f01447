// The stop-signal binding against an emitter standing in for the process: who listens when,
// what the cleanups receive, and the exit code the process ends with.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { bindStopSignals, exitCodeForSignal, STOP_SIGNALS } from '../../src/cli/stop-signals.ts';

function fakeProcess() {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  const onStop = bindStopSignals(emitter, (code) => exits.push(code));
  const listening = () => STOP_SIGNALS.map((signal) => emitter.listenerCount(signal));
  return { emitter, exits, onStop, listening };
}

describe('bindStopSignals', () => {
  it('listens only while something is subscribed, so the default (die) applies otherwise', () => {
    const { onStop, listening } = fakeProcess();
    expect(listening()).toEqual([0, 0, 0]);
    const first = onStop(async () => 0);
    const second = onStop(async () => 0);
    expect(listening()).toEqual([1, 1, 1]);
    first();
    expect(listening()).toEqual([1, 1, 1]);
    second();
    expect(listening()).toEqual([0, 0, 0]);
  });

  it('runs the cleanup with the signal, then exits with the code it chose', async () => {
    const { emitter, exits, onStop } = fakeProcess();
    const seen: string[] = [];
    onStop(async (signal) => {
      seen.push(signal);
      return exitCodeForSignal(signal);
    });
    emitter.emit('SIGHUP', 'SIGHUP');
    await expect.poll(() => exits).toEqual([129]);
    expect(seen).toEqual(['SIGHUP']);
  });

  it('a second signal during a slow cleanup ends the process at once', async () => {
    const { emitter, exits, onStop } = fakeProcess();
    onStop(() => new Promise<number>(() => {}));
    emitter.emit('SIGTERM', 'SIGTERM');
    expect(exits).toEqual([]);
    emitter.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([130]);
  });

  it('a failing cleanup still ends the process, with the signal code', async () => {
    const { emitter, exits, onStop } = fakeProcess();
    onStop(async () => {
      throw new Error('disk gone');
    });
    onStop(() => {
      throw new Error('failed before its first await');
    });
    emitter.emit('SIGTERM', 'SIGTERM');
    await expect.poll(() => exits).toEqual([143]);
  });
});
