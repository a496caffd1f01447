// Issue 22, "Must show", in a real terminal: the built TUI (dist/cli.js) in tmux on the real LXD
// daemon (scripts/lxd/with-lxd.sh) over its unix socket. No key is pressed: a join token made by
// the real `lxc cluster add` appears through LXD's event stream, its TTL counts down, and it
// leaves the screen when the real lxc revokes it. The create wizard's kind and projects steps
// (LXD's create fields) make a trust token that the real LXD holds restricted to that project.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeScratch } from '../support/at-rest.ts';
import { lxc, lxcAddToken, lxdTrustRequests, realLxd } from '../support/real-lxd.ts';
import { startTmux, type TmuxSession } from '../support/tmux.ts';
import { connectionLine, nodeBin, repoRoot, requireBuiltCli } from '../support/tui-app.ts';

const lxd = realLxd();
const run = randomUUID().slice(0, 6);
// Short enough that the TTL cell shows minutes and seconds (a 2H token shows 1h59m).
const EXPIRY = '30M';
const TTL_CELL = /[●◐] (\d\d:\d\d)$/;

/** The table row of the token for member `name`. */
function rowFor(screen: string, name: string): string | undefined {
  return screen.split('\n').find((line) => line.includes(` ${name} `));
}

function ttlFor(screen: string, name: string): string | undefined {
  return TTL_CELL.exec(rowFor(screen, name)?.trimEnd() ?? '')?.[1];
}


describe('the TUI in tmux on the real LXD daemon', () => {
  let tui: TmuxSession;
  let scratch: string;

  beforeAll(async () => {
    const cliPath = requireBuiltCli();
    await lxc(lxd, ['config', 'set', 'cluster.join_token_expiry', EXPIRY]);
    scratch = mkdtempSync(join(tmpdir(), 'tokentui-lxd-tui-'));
    tui = await startTmux({
      command: [nodeBin, cliPath, '--adapter', 'lxd', '--server', `unix://${lxd.socket}`],
      columns: 140,
      rows: 30,
      cwd: repoRoot,
      env: { HOME: scratch, XDG_CONFIG_HOME: join(scratch, 'config'), XDG_STATE_HOME: join(scratch, 'state') },
    });
    await tui.waitForScreen((screen) => connectionLine(screen).startsWith('● live'), 15_000);
  });

  afterAll(async () => {
    await tui?.kill();
    await lxc(lxd, ['config', 'set', 'cluster.join_token_expiry', lxd.joinTokenExpiry]);
    if (scratch !== undefined) removeScratch(scratch);
  });

  it('shows a join token made by the real `lxc cluster add` without a key press, its TTL counting down, and drops it when lxc revokes it', async () => {
    const name = `tui-${run}`;
    const startedAt = Date.now();
    await lxcAddToken(lxd, 'join', name);
    const shown = await tui.waitForScreen((screen) => ttlFor(screen, name) !== undefined, 5_000);
    const elapsed = Date.now() - startedAt;
    expect(shown).toMatch(/ID\s+NAME\s+KIND\s+LEFT\s+EXPIRES UTC\s+TTL/);
    expect(rowFor(shown, name)).toMatch(new RegExp(`${name}\\s+join\\s+1\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+[●◐] (29|30):\\d\\d$`));
    expect(connectionLine(shown)).toMatch(/^● live · 1 token/);
    // Through the event stream, not a poll (the fallback polls every 5 s).
    expect(elapsed).toBeLessThan(4_000);

    const first = ttlFor(await tui.capture(), name);
    const second = ttlFor(await tui.waitForScreen((screen) => ttlFor(screen, name) !== first, 3_000), name);
    expect(second).not.toBe(first);

    await lxc(lxd, ['cluster', 'revoke-token', name]);
    const gone = await tui.waitForScreen((screen) => rowFor(screen, name) === undefined, 5_000);
    expect(connectionLine(gone)).toMatch(/^● live · 0 tokens/);
  });

  it("creates a trust token restricted to a project through the wizard's kind and projects steps, as the real LXD then holds it", async () => {
    const name = `tui-client-${run}`;
    await tui.sendKeys('c');
    await tui.waitForScreen((screen) => screen.includes('step 1 of 4: name'), 5_000);
    await tui.sendText(name);
    await tui.sendKeys('Enter');
    await tui.waitForScreen((screen) => screen.includes('step 2 of 4: time to live'), 5_000);
    await tui.sendKeys('Enter');
    expect(await tui.waitForScreen((screen) => screen.includes('step 3 of 4: kind'), 5_000)).toContain('› (•) join');
    await tui.sendKeys('Down');
    expect(await tui.waitForScreen((screen) => screen.includes('step 3 of 5: kind'), 5_000)).toContain('› (•) trust');
    await tui.sendKeys('Enter');
    expect(await tui.waitForScreen((screen) => screen.includes('step 4 of 5: projects'), 5_000)).toContain('= all (not restricted)');
    await tui.sendText('default');
    await tui.waitForScreen((screen) => screen.includes('= default'), 5_000);
    await tui.sendKeys('Enter');
    const review = await tui.waitForScreen((screen) => screen.includes('step 5 of 5: review'), 5_000);
    expect(review).toMatch(/Kind\s+trust/);
    expect(review).toMatch(/Projects\s+default/);
    // Nothing exists on the server before the review's Enter.
    expect(await lxdTrustRequests(lxd, name)).toEqual([]);
    await tui.sendKeys('Enter');
    await tui.waitForScreen((screen) => /✓ token [0-9a-f-]{36} created/.test(screen), 15_000);
    expect(await lxdTrustRequests(lxd, name)).toEqual([{ restricted: true, projects: ['default'] }]);
    await tui.sendKeys('Escape');
    await tui.waitForScreen((screen) => rowFor(screen, name) !== undefined, 5_000);
    await lxc(lxd, ['config', 'trust', 'revoke-token', name]);
    await tui.waitForScreen((screen) => rowFor(screen, name) === undefined, 5_000);
  });
});
