import { describe, expect, it } from 'vitest';
import { exitOnceSettled, onlyStandardStreamsLeft, type SettlingProcess } from './settled-exit.ts';

function fakeProcess(resources: string[], pending: { stdout?: number; stderr?: number } = {}) {
  const exits: number[] = [];
  const process: SettlingProcess = {
    getActiveResourcesInfo: () => resources,
    stdout: { writableLength: pending.stdout ?? 0 },
    stderr: { writableLength: pending.stderr ?? 0 },
    exit: () => void exits.push(1),
  };
  return { process, exits };
}

const now = (run: () => void) => run();

describe('exitOnceSettled', () => {
  it('exits when only the standard streams are left, all written', () => {
    for (const resources of [[], ['PipeWrap'], ['TTYWrap', 'TTYWrap'], ['PipeWrap', 'TTYWrap', 'PipeWrap']]) {
      const { process, exits } = fakeProcess(resources);
      exitOnceSettled(process, now);
      expect(exits, resources.join()).toEqual([1]);
    }
  });

  it('leaves the exit to Node while anything else runs, or a stream still has bytes to write', () => {
    const busy = [['FSReqCallback'], ['PipeWrap', 'TCPSocketWrap'], ['Timeout'], ['ProcessWrap', 'PipeWrap'], ['PipeWrap', 'PipeWrap', 'PipeWrap', 'PipeWrap']];
    for (const resources of busy) {
      const { process, exits } = fakeProcess(resources);
      exitOnceSettled(process, now);
      expect(exits, resources.join()).toEqual([]);
    }
    for (const pending of [{ stdout: 1 }, { stderr: 10 }]) {
      const { process, exits } = fakeProcess(['PipeWrap'], pending);
      exitOnceSettled(process, now);
      expect(exits).toEqual([]);
    }
  });

  it('looks only after a turn of the event loop', async () => {
    const { process, exits } = fakeProcess([]);
    exitOnceSettled(process);
    expect(exits).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([1]);
    expect(onlyStandardStreamsLeft(['PipeWrap', 'Immediate'])).toBe(false);
  });
});
