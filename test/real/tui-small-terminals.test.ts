// Issue 14, "Must show": the built TUI (dist/cli.js) in real terminals (tmux) at 80×24 and
// 60×20: the key bar keeps `? help` and `q quit`, the help pages with PgDn and reaches the TTL
// legend with G; keys typed while it starts never echo into its frame (the header stays on the
// first line); a --server target is named by its URL in the header, never `cli`.
// The demo (the reference server in-process) and an in-process reference server: no cluster.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { removeScratch } from '../support/at-rest.ts';
import { startTestRestServer, type TestRestServer } from '../support/rest-server.ts';
import { startTmux, type TmuxSession } from '../support/tmux.ts';
import { nodeBin, repoRoot, requireBuiltCli } from '../support/tui-app.ts';

const home = mkdtempSync(join(tmpdir(), 'tokentui-small-'));
const env = { HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_CONFIG_HOME: join(home, 'config'), KUBECONFIG: join(home, 'none') };
let tui: TmuxSession | undefined;
let server: TestRestServer | undefined;

afterEach(async () => {
  await tui?.kill();
  tui = undefined;
});
afterAll(async () => {
  await server?.close();
  removeScratch(home);
});

const lines = (screen: string) => screen.split('\n');
const footer = (screen: string, rows: number) => lines(screen)[rows - 1] ?? '';

async function demoTui(columns: number, rows: number): Promise<TmuxSession> {
  tui = await startTmux({ command: [nodeBin, requireBuiltCli(), '--demo'], columns, rows, cwd: repoRoot, env });
  await tui.waitForScreen((screen) => /^tokentui · demo · rest · embedded demo/.test(screen) && lines(screen)[1]?.startsWith('● live') === true, 20_000);
  return tui;
}

describe.each([
  [80, 24],
  [60, 20],
])('at %i×%i', (columns, rows) => {
  it('the key bar shows ? help and q quit, on the list and in the help', async () => {
    const session = await demoTui(columns, rows);
    const list = await session.capture();
    expect(footer(list, rows)).toMatch(/\? help {2}q quit\s*\S*$/);
    await session.sendKeys('?');
    const help = await session.waitForScreen(/Token list/, 5_000);
    expect(footer(help, rows)).toMatch(/q quit/);
    expect(footer(help, rows)).toMatch(/lines 1-\d+ of \d+/);
  }, 60_000);

  it('help pages with PgDn and PgUp, and G reaches the TTL legend', async () => {
    const session = await demoTui(columns, rows);
    await session.sendKeys('?');
    const first = await session.waitForScreen(/lines 1-(\d+) of (\d+)/, 5_000);
    const [, shown, total] = /lines 1-(\d+) of (\d+)/.exec(first)!;
    await session.sendKeys('PageDown');
    const next = await session.waitForScreen(new RegExp(`lines ${Number(shown) + 1}-\\d+ of ${total}`), 5_000);
    expect(lines(next)[2]).not.toBe(lines(first)[2]);
    await session.sendKeys('PageUp');
    await session.waitForScreen(new RegExp(`lines 1-${shown} of ${total}`), 5_000);
    await session.sendKeys('G');
    const end = await session.waitForScreen(new RegExp(`lines \\d+-${total} of ${total}`), 5_000);
    expect(end).toContain('○  used up');
  }, 60_000);
});

describe('keys typed while the TUI starts', () => {
  it('never echo into its frame: the header stays on the first line for the whole session', async () => {
    tui = await startTmux({ command: [nodeBin, requireBuiltCli(), '--demo'], columns: 80, rows: 24, cwd: repoRoot, env });
    const session = tui;
    // Type the whole time it starts, as an impatient operator does (keys no screen binds, so the
    // ones that arrive once it is drawn do nothing either).
    let started = false;
    const typing = (async () => {
      while (!started) {
        await session.sendText('x#%').catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    await session.waitForScreen((screen) => lines(screen)[0]?.startsWith('tokentui') === true, 20_000).finally(() => {
      started = true;
    });
    await typing;
    await session.waitForScreen((screen) => lines(screen)[1]?.startsWith('● live') === true, 20_000);
    // A few ticks later the frame is still where it belongs: nothing typed is on screen.
    await session.waitForScreen(/\d\d:\d\d$/m, 5_000);
    const screen = await session.capture();
    expect(lines(screen)[0]).toMatch(/^tokentui · demo · rest · embedded demo/);
    expect(lines(screen)[1]).toMatch(/^● live/);
    expect(screen).not.toContain('x#%');
    expect(screen).not.toContain('#%x');
    expect(await session.exitStatus()).toBeNull();
  }, 60_000);
});

describe('a --server target', () => {
  it('is named by its URL in the header, never "cli"', async () => {
    server = await startTestRestServer();
    tui = await startTmux({
      command: [nodeBin, requireBuiltCli(), '--server', server.url],
      columns: 100,
      rows: 24,
      cwd: repoRoot,
      env: { ...env, TOKENTUI_API_KEY: server.apiKey },
    });
    const screen = await tui.waitForScreen((text) => lines(text)[1]?.startsWith('● live') === true, 20_000);
    expect(lines(screen)[0]).toBe(`tokentui · ${server.url} · rest`);
    expect(lines(screen)[0]).not.toMatch(/\bcli\b/);
  }, 60_000);
});
