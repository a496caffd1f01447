import chalk from 'chalk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenTuiError } from '../../src/core/errors.ts';
import { ContextSwitchingApp, type SwitchContextPort } from '../../src/ui/app/ContextSwitchingApp.tsx';
import { createMemoryBackend, type MemoryBackend } from '../support/memory-adapter.ts';
import { frameLines, renderFixedSize, type FixedSizeRender } from '../support/render.tsx';
import { FakeTime, token } from './fixtures.ts';
import { keysFor } from './keys.ts';
import { createMemoryJournal } from './memory-journal.ts';

let ui: FixedSizeRender | undefined;
const originalChalkLevel = chalk.level;
beforeEach(() => {
  chalk.level = 0;
});
afterEach(() => {
  ui?.unmount();
  ui = undefined;
  chalk.level = originalChalkLevel;
});

interface Backends {
  readonly first: MemoryBackend;
  readonly second: MemoryBackend;
  /** 'close first', 'switch NAME' in call order. */
  readonly calls: string[];
}

function backends(time: FakeTime): Backends {
  const calls: string[] = [];
  const first = createMemoryBackend({ watch: true, clock: time.clock, tokens: [token('aaaaaa')] });
  const second = createMemoryBackend({ watch: true, clock: time.clock, context: 'second', tokens: [token('bbbbbb')] });
  Object.assign(first.adapter, { close: () => void calls.push('close first') });
  return { first, second, calls };
}

function open(time: FakeTime, { first, calls }: Backends, switchContext: SwitchContextPort, pollIntervalMs = 20): FixedSizeRender {
  const port: SwitchContextPort = (name) => {
    calls.push(`switch ${name}`);
    return switchContext(name);
  };
  ui = renderFixedSize(
    <ContextSwitchingApp
      adapter={first.adapter}
      readonly={false}
      demo={true}
      contextLabel="first-ctx"
      pollIntervalMs={pollIntervalMs}
      clock={time.clock}
      ticks={time.ticks}
      audit={createMemoryJournal()}
      operator={{ user: 'alice', host: 'workstation' }}
      env={{}}
      switchContext={port}
    />,
    { columns: 120, rows: 20 },
  );
  return ui;
}

const header = (render: FixedSizeRender): string => frameLines(render.lastFrame()).slice(0, 2).join('\n');

describe(':ctx NAME', () => {
  it('re-mounts on the new context: its label in the header, its tokens in the list, the old adapter closed', async () => {
    const time = new FakeTime();
    const setup = backends(time);
    const render = open(time, setup, async () => ({ adapter: setup.second.adapter, readonly: true, contextLabel: 'second-ctx' }));
    await render.waitForFrame((frame) => frame.includes('aaaaaa'));
    expect(header(render)).toContain('first-ctx');
    render.write(keysFor('command.line') + 'ctx second' + keysFor('command.run'));
    await render.waitForFrame((frame) => frame.includes('bbbbbb'));
    expect(header(render)).toContain('second-ctx');
    expect(header(render)).not.toContain('first-ctx');
    expect(render.lastFrame()).not.toContain('aaaaaa');
    await render.waitForFrame(() => setup.calls.includes('close first'));
    expect(setup.calls).toEqual(['switch second', 'close first']);
    expect(setup.second.requests).toContain('watch');
  });

  it('stays on the current context and shows why when the switch fails', async () => {
    const time = new FakeTime();
    const setup = backends(time);
    const render = open(time, setup, () => Promise.reject(new TokenTuiError('not-found', 'no context named "nope"', { source: 'cli' })));
    await render.waitForFrame((frame) => frame.includes('aaaaaa'));
    render.write(keysFor('command.line') + 'ctx nope' + keysFor('command.run'));
    await render.waitForFrame((frame) => frame.includes(':ctx nope: cli: no context named "nope"'));
    expect(header(render)).toContain('first-ctx');
    expect(render.lastFrame()).toContain('aaaaaa');
    expect(setup.calls).toEqual(['switch nope']);
    expect(setup.second.requests).toEqual([]);
  });

  it('asks for a name instead of switching to nothing', async () => {
    const time = new FakeTime();
    const setup = backends(time);
    const render = open(time, setup, () => Promise.reject(new Error('must not be called')));
    await render.waitForFrame((frame) => frame.includes('aaaaaa'));
    render.write(keysFor('command.line') + 'ctx' + keysFor('command.run'));
    await render.waitForFrame((frame) => frame.includes(':ctx: usage: :ctx NAME'));
    expect(setup.calls).toEqual([]);
  });

  describe('poll interval (adapters without watch)', () => {
    const lists = (backend: MemoryBackend): number => backend.requests.filter((request) => request === 'list').length;

    it("polls the new context at the interval it was saved with, not the launch context's", async () => {
      const time = new FakeTime();
      const setup = backends(time);
      const polled = createMemoryBackend({ watch: false, clock: time.clock, context: 'polled', tokens: [token('cccccc')] });
      const render = open(time, setup, async () => ({ adapter: polled.adapter, readonly: false, contextLabel: 'polled-ctx', pollIntervalMs: 10 }), 60_000);
      await render.waitForFrame((frame) => frame.includes('aaaaaa'));
      render.write(keysFor('command.line') + 'ctx polled' + keysFor('command.run'));
      await render.waitForFrame((frame) => frame.includes('cccccc'));
      // At the launch's 60 s there would be one list for the whole test.
      await render.waitForFrame(() => lists(polled) >= 3);
    });

    it("falls back to the default interval when the new context has none, not the launch context's", async () => {
      const time = new FakeTime();
      const setup = backends(time);
      const polled = createMemoryBackend({ watch: false, clock: time.clock, context: 'polled', tokens: [token('cccccc')] });
      const render = open(time, setup, async () => ({ adapter: polled.adapter, readonly: false, contextLabel: 'polled-ctx' }), 10);
      await render.waitForFrame((frame) => frame.includes('aaaaaa'));
      render.write(keysFor('command.line') + 'ctx polled' + keysFor('command.run'));
      await render.waitForFrame((frame) => frame.includes('cccccc'));
      // The launch's 10 ms would have listed about 30 times by now; the 5 s default, once.
      await render.settle(300);
      expect(lists(polled)).toBe(1);
    });
  });
});
