import chalk from 'chalk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenTuiError } from '../../src/core/errors.ts';
import { ContextSwitchingApp, type SwitchContextPort, type SwitchedContext } from '../../src/ui/app/ContextSwitchingApp.tsx';
import type { ContextChoice } from '../../src/core/context-choice.ts';
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

const CHOICES: readonly ContextChoice[] = [
  { name: 'prod-admin', kind: 'discovered', adapter: null, server: 'https://10.0.0.1:6443', current: true },
  { name: 'lab-rest', kind: 'saved', adapter: 'rest', server: 'https://tokens.lab.example', current: false },
  { name: 'lab-k3s', kind: 'saved', adapter: 'k3s', server: 'https://10.0.9.1:6443', current: false },
  { name: 'demo', kind: 'demo', adapter: 'rest', server: 'embedded demo', current: false },
];

interface Extras {
  readonly reopenLaunch?: () => Promise<SwitchedContext>;
  readonly listContexts?: () => Promise<readonly ContextChoice[]>;
}

function open(time: FakeTime, { first, calls }: Backends, switchContext: SwitchContextPort, pollIntervalMs = 20, extras: Extras = {}): FixedSizeRender {
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
      {...(extras.reopenLaunch === undefined ? {} : { reopenLaunch: extras.reopenLaunch })}
      listContexts={extras.listContexts ?? (async () => CHOICES)}
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

  it(':ctx alone opens a picker of the saved and discovered contexts and the demo; typing filters, Enter switches', async () => {
    const time = new FakeTime();
    const setup = backends(time);
    const render = open(time, setup, async () => ({ adapter: setup.second.adapter, readonly: false, contextLabel: 'lab-k3s' }));
    await render.waitForFrame((frame) => frame.includes('aaaaaa'));
    render.write(keysFor('command.line') + 'ctx' + keysFor('command.run'));
    const picker = await render.waitForFrame((frame) => frame.includes('Switch context') && frame.includes('lab-rest'));
    for (const name of ['prod-admin', 'lab-rest', 'lab-k3s', 'demo']) expect(picker).toContain(name);
    expect(picker).toMatch(/› +\* prod-admin +discovered/);
    expect(picker).toMatch(/demo +demo +rest +embedded demo/);
    expect(setup.calls).toEqual([]);
    render.write('k3s');
    await render.waitForFrame((frame) => frame.includes(':ctx k3s▏') && !frame.includes('lab-rest'));
    render.write(keysFor('picker.choose'));
    await render.waitForFrame((frame) => frame.includes('bbbbbb'));
    expect(setup.calls[0]).toBe('switch lab-k3s');
    expect(header(render)).toContain('lab-k3s');
  });

  it('Tab completes the context name in the : prompt (and lists the candidates when several fit)', async () => {
    const time = new FakeTime();
    const setup = backends(time);
    const render = open(time, setup, async () => ({ adapter: setup.second.adapter, readonly: false, contextLabel: 'prod-admin' }));
    await render.waitForFrame((frame) => frame.includes('aaaaaa'));
    render.write(keysFor('command.line') + 'ct' + keysFor('command.complete'));
    await render.waitForFrame((frame) => frame.includes(':ctx ▏'));
    render.write('la' + keysFor('command.complete'));
    await render.waitForFrame((frame) => frame.includes(':ctx lab-▏') && frame.includes('lab-rest  lab-k3s'));
    render.write('r' + keysFor('command.complete'));
    await render.waitForFrame((frame) => frame.includes(':ctx lab-rest▏'));
    render.write(keysFor('command.run'));
    await render.waitForFrame((frame) => frame.includes('bbbbbb'));
    expect(setup.calls[0]).toBe('switch lab-rest');
  });

  it(':ctx - goes back to the previous context (the start target reopened), and says so when there is none yet', async () => {
    const time = new FakeTime();
    const setup = backends(time);
    const third = createMemoryBackend({ watch: true, clock: time.clock, tokens: [token('cccccc')] });
    const render = open(time, setup, async () => ({ adapter: setup.second.adapter, readonly: false, contextLabel: 'lab-rest' }), 20, {
      reopenLaunch: async () => {
        setup.calls.push('reopen launch');
        return { adapter: third.adapter, readonly: false, contextLabel: 'first-ctx', demo: true };
      },
    });
    await render.waitForFrame((frame) => frame.includes('aaaaaa'));
    render.write(keysFor('command.line') + 'ctx -' + keysFor('command.run'));
    await render.waitForFrame((frame) => frame.includes(':ctx -: no previous context yet'));
    render.write(keysFor('command.line') + 'ctx lab-rest' + keysFor('command.run'));
    await render.waitForFrame((frame) => frame.includes('bbbbbb'));
    render.write(keysFor('command.line') + 'ctx -' + keysFor('command.run'));
    await render.waitForFrame((frame) => frame.includes('cccccc'));
    expect(setup.calls.filter((call) => call !== 'close first')).toEqual(['switch lab-rest', 'reopen launch']);
    expect(header(render)).toContain('first-ctx');
    expect(header(render)).toContain('[DEMO]');
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
