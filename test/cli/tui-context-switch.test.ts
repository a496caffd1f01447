// main() hands the TUI a `:ctx NAME` port; a switch that fails leaves the launch adapter
// main's to close (the demo's state is released afterwards; it stays for the next run).
import { mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { runTokentui, usePrivateTmpdir } from './harness.ts';

const privateTmp = usePrivateTmpdir('tokentui-ctx-cli-');
const { demoDirsLeft } = privateTmp;

describe('the TUI launch', () => {
  it('passes a context switcher; a failed switch keeps the launch adapter, which main closes', async () => {
    const home = mkdtempSync(join(privateTmp.path, 'home-'));
    let failure: unknown = null;
    const demoRoot = join(home, '.local', 'state', 'tokentui', 'demo');
    const demoUsers = () => readdirSync(demoRoot).filter((name) => name.startsWith('g-')).flatMap((name) => readdirSync(join(demoRoot, name, 'owners')));
    let demoUsersDuringTui: string[] = [];
    const result = await runTokentui(['--demo'], {
      env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
      tty: true,
      clock: new ManualClock(Date.parse('2026-11-23T12:00:00Z')),
      duringTui: async (launch) => {
        demoUsersDuringTui = demoUsers();
        expect(launch.switchContext).toBeTypeOf('function');
        await launch.switchContext?.('no-such-context').catch((error: unknown) => (failure = error));
      },
    });
    expect(result.code).toBe(0);
    // No saved contexts and no kubeconfig in this HOME: the switch cannot open anything.
    expect(String(failure)).toContain('no kubeconfig found');
    expect(demoUsersDuringTui).toEqual([String(process.pid)]);
    expect(demoUsers()).toEqual([]);
    expect(demoDirsLeft()).toEqual([]);
  });
});

describe('keys typed while the TUI starts', () => {
  const holds = () => {
    const calls: string[] = [];
    return {
      calls,
      holdTypeAhead: () => (
        calls.push('hold'),
        { release: () => (calls.push('release'), 3), cancel: () => void calls.push('cancel'), suspend: () => void calls.push('suspend'), resume: () => void calls.push('resume') }
      ),
    };
  };

  it('are held from the start and handed to the TUI, which releases them before its first frame', async () => {
    const home = mkdtempSync(join(privateTmp.path, 'home-'));
    const { calls, holdTypeAhead } = holds();
    const result = await runTokentui(['--demo'], { env: { HOME: home }, tty: true, holdTypeAhead, duringTui: async (launch) => void calls.push(`launched, released ${launch.typeAhead?.release()}`) });
    expect(result.code).toBe(0);
    expect(calls).toEqual(['hold', 'release', 'launched, released 3']);
  });

  it('are given back to the terminal (cooked again) when the TUI cannot start', async () => {
    const home = mkdtempSync(join(privateTmp.path, 'home-'));
    const { calls, holdTypeAhead } = holds();
    const result = await runTokentui(['--context', 'nowhere'], { env: { HOME: home }, tty: true, holdTypeAhead });
    expect(result.code).toBe(2);
    expect(result.tuiLaunches).toEqual([]);
    expect(calls).toEqual(['hold', 'cancel']);
  });
});

describe(':ctx ports from the command line', () => {
  it('lists the demo beside the contexts, opens it by that name, and reopens the start target for :ctx -', async () => {
    const home = mkdtempSync(join(privateTmp.path, 'home-'));
    let listed: readonly { name: string; kind: string }[] = [];
    let switched: { demo?: boolean; contextLabel: string; adapter: { target: { server: string }; close?: () => Promise<void> } } | undefined;
    let reopened: { contextLabel: string; demo?: boolean; adapter: { close?: () => Promise<void> } } | undefined;
    const result = await runTokentui(['--demo'], {
      env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
      tty: true,
      duringTui: async (launch) => {
        listed = (await launch.listContexts?.()) ?? [];
        switched = await launch.switchContext?.('demo');
        reopened = await launch.reopenLaunch?.();
        await switched?.adapter.close?.();
        await reopened?.adapter.close?.();
      },
    });
    expect(result.code).toBe(0);
    expect(listed).toEqual([expect.objectContaining({ name: 'demo', kind: 'demo', server: 'embedded demo' })]);
    expect(switched).toMatchObject({ demo: true, contextLabel: 'demo', adapter: { target: { server: 'embedded demo' } } });
    expect(reopened).toMatchObject({ demo: true, contextLabel: 'demo' });
  });
});
