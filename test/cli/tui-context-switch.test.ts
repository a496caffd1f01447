// main() hands the TUI a `:ctx NAME` port; a switch that fails leaves the launch adapter
// main's to close (the demo's temporary database is gone afterwards).
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo, TuiLaunchOptions } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { removeScratch } from '../support/at-rest.ts';

let privateTmp: string;
let savedTmpdir: string | undefined;

beforeAll(() => {
  savedTmpdir = process.env.TMPDIR;
  privateTmp = mkdtempSync(join(tmpdir(), 'tokentui-ctx-cli-'));
  process.env.TMPDIR = privateTmp;
});

afterAll(() => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  removeScratch(privateTmp);
});

const demoDirsLeft = () => readdirSync(privateTmp).filter((name) => name.startsWith('tokentui-demo-'));

describe('the TUI launch', () => {
  it('passes a context switcher; a failed switch keeps the launch adapter, which main closes', async () => {
    const home = mkdtempSync(join(privateTmp, 'home-'));
    let failure: unknown = null;
    let demoDirsDuringTui: string[] = [];
    const io: CliIo = {
      stdout: { write: () => true },
      stderr: { write: () => true },
      env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
      cwd: process.cwd(),
      stdinIsTTY: true,
      stdoutIsTTY: true,
      clock: new ManualClock(Date.parse('2026-11-23T12:00:00Z')),
      launchTui: async (launch: TuiLaunchOptions) => {
        demoDirsDuringTui = demoDirsLeft();
        expect(launch.switchContext).toBeTypeOf('function');
        await launch.switchContext?.('no-such-context').catch((error: unknown) => (failure = error));
        return 0;
      },
    };
    expect(await main(['--demo'], io)).toBe(0);
    // No saved contexts and no kubeconfig in this HOME: the switch cannot open anything.
    expect(String(failure)).toContain('no kubeconfig found');
    expect(demoDirsDuringTui).toHaveLength(1);
    expect(demoDirsLeft()).toEqual([]);
  });
});
