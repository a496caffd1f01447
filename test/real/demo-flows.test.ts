// Issue 6, "Must show" (second half): on a fresh HOME with no kubeconfig, the DEMO TUI that the
// README's start command opens (node dist/cli.js, in tmux) runs the create, rotate and revoke
// flows end to end, in one session, and the audit journal under $XDG_STATE_HOME records each
// of them as a success. Opening the demo itself is demo-fresh-home.test.ts. Needs no cluster:
// the demo is the reference server, in-process on loopback. Screens are polled, never slept for.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDemoDir } from '../../src/demo/demo-store.ts';
import { startTmux, type TmuxSession } from '../support/tmux.ts';
import { confirmRevoke, FULL_TOKEN, listedIds, waitForScreen as waitFor } from '../support/tui-flows.ts';
import { nodeBin, repoRoot, rowOf } from '../support/tui-app.ts';
import { removeScratch } from '../support/at-rest.ts';

const DESCRIPTION = 'demo e2e';
const DEMO_HEADER = /^tokentui\b.*\bdemo\b.*\[DEMO\]/;
const RESULT_NOTICE = 'This is the only time the secret is shown';

interface JournalLine {
  readonly action?: string;
  readonly tokenId?: string;
  readonly outcome?: string;
}

function runBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(nodeBin, ['scripts/build.mjs'], { cwd: repoRoot }, (error, _stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve()));
  });
}

describe('the demo TUI on a fresh HOME: create, rotate and revoke end to end', () => {
  const home = mkdtempSync(join(tmpdir(), 'tokentui-demo-flows-'));
  const stateHome = join(home, '.local/state');
  // The demo keeps its own journal beside its database, apart from the real one.
  const demoJournal = () => join(currentDemoDir(join(stateHome, 'tokentui', 'demo')) ?? 'no-demo-state', 'audit.jsonl');
  let tui: TmuxSession | undefined;
  let createdId = '';
  let replacementId = '';

  const session = (): TmuxSession => {
    if (tui === undefined) throw new Error('the demo TUI did not start');
    return tui;
  };

  beforeAll(async () => {
    await runBuild();
    mkdirSync(join(home, 'tmp'));
    const vars = {
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_STATE_HOME: stateHome,
      XDG_DATA_HOME: join(home, '.local/share'),
      XDG_CACHE_HOME: join(home, '.cache'),
      TMPDIR: join(home, 'tmp'),
    };
    // KUBECONFIG removed: the tmux server may have inherited one, and a fresh machine has none.
    const envPrefix = ['env', '-u', 'KUBECONFIG', ...Object.entries(vars).map(([name, value]) => `${name}=${value}`)];
    tui = await startTmux({ command: [...envPrefix, nodeBin, 'dist/cli.js'], columns: 120, rows: 36, cwd: repoRoot });
    await waitFor(tui, (screen) => DEMO_HEADER.test(screen) && / \d\d:\d\d$/m.test(screen), 15_000);
  }, 120_000);

  afterAll(async () => {
    await tui?.kill();
    removeScratch(home);
  });

  it('c creates a token through the wizard; its secret is shown once and its row is listed', async () => {
    const tui = session();
    await tui.sendKeys('c');
    await waitFor(tui, /Create a token · step 1 of 5/);
    await tui.sendText(DESCRIPTION);
    await waitFor(tui, (screen) => screen.includes(`› ${DESCRIPTION}▏`));
    await tui.sendKeys('Enter');
    await waitFor(tui, /Create a token · step 2 of 5: time to live/);
    await tui.sendKeys('Enter');
    // The demo is a REST service: its tokens' scope and max uses have steps of their own.
    await waitFor(tui, /Create a token · step 3 of 5: scope/);
    await tui.sendKeys('Enter');
    await waitFor(tui, /Create a token · step 4 of 5: max uses/);
    await tui.sendKeys('Enter');
    await waitFor(tui, (screen) => /Create a token · step 5 of 5: review/.test(screen) && new RegExp(`Description\\s+${DESCRIPTION}$`, 'm').test(screen));
    await tui.sendKeys('Enter');

    const result = await waitFor(tui, (screen) => screen.includes(RESULT_NOTICE) && FULL_TOKEN.test(screen), 15_000);
    const [, id = '', secret = ''] = FULL_TOKEN.exec(result) ?? [];
    createdId = id;
    expect(secret).toHaveLength(16);

    await tui.sendKeys('Escape');
    const list = await waitFor(tui, (screen) => screen.includes(`token ${id} created; its secret is no longer shown`));
    expect(rowOf(list, id)).toMatch(new RegExp(`^.{2} ${id}\\s+${DESCRIPTION}\\b.* \\d\\d:\\d\\d$`));
    expect(list.includes(secret)).toBe(false);
  }, 60_000);

  it('r rotates it: a replacement is created and shown once, the old token is revoked and gone from the list', async () => {
    const tui = session();
    expect(createdId).not.toBe('');
    await tui.sendKeys('/');
    await tui.sendText(DESCRIPTION);
    await tui.sendKeys('Enter');
    await waitFor(tui, (screen) => screen.includes(`match "${DESCRIPTION}"`) && listedIds(screen).join() === createdId);

    await tui.sendKeys('r');
    // The wizard comes prefilled from the old token (description kept): on to the review.
    await waitFor(tui, (screen) => screen.includes(`Rotate ${createdId}`) && /Replacement · step 2 of 5: time to live/.test(screen));
    await tui.sendKeys('Enter', 'Enter', 'Enter');
    await waitFor(tui, (screen) => /Replacement · step 5 of 5: review/.test(screen) && new RegExp(`Description\\s+${DESCRIPTION}$`, 'm').test(screen));
    await tui.sendKeys('Enter');

    const shown = await waitFor(tui, (screen) => screen.includes(RESULT_NOTICE) && /✓ replacement [a-z0-9]{6} created/.test(screen), 15_000);
    replacementId = /✓ replacement ([a-z0-9]{6}) created/.exec(shown)?.[1] ?? '';
    expect(shown).toContain(`Rotate ${createdId} → ${replacementId}`);
    expect(replacementId).not.toBe(createdId);
    const secret = FULL_TOKEN.exec(shown)?.[2] ?? '';
    expect(FULL_TOKEN.exec(shown)?.[1]).toBe(replacementId);

    await tui.sendKeys('Escape');
    await confirmRevoke(tui, createdId);
    const summary = await waitFor(tui, (screen) => screen.includes(`✓ ${createdId} replaced by ${replacementId} and revoked`), 15_000);
    expect(summary).toContain(`✓ ${createdId} revoked — verified: it no longer exists`);
    expect(summary.includes(secret)).toBe(false);

    await tui.sendKeys('Escape');
    const list = await waitFor(tui, (screen) => screen.includes(`rotated ${createdId} → ${replacementId}: ${createdId} revoked`) && listedIds(screen).join() === replacementId);
    expect(listedIds(list)).toEqual([replacementId]);
    expect(rowOf(list, replacementId)).toMatch(new RegExp(`^.{2} ${replacementId}\\s+${DESCRIPTION}\\b`));
    expect(list.includes(secret)).toBe(false);
  }, 60_000);

  it('d revokes the replacement after its preview; the list then holds neither token', async () => {
    const tui = session();
    expect(replacementId).not.toBe('');
    await tui.sendKeys('d');
    await confirmRevoke(tui, replacementId);
    await waitFor(tui, (screen) => screen.includes(`✓ ${replacementId} revoked — verified: it no longer exists`), 15_000);

    await tui.sendKeys('Escape');
    const list = await waitFor(tui, (screen) => screen.includes(`match "${DESCRIPTION}"`) && listedIds(screen).length === 0);
    expect(listedIds(list)).toEqual([]);
  }, 60_000);

  it("the demo's own audit journal (beside its database under $XDG_STATE_HOME) holds every step as a success", () => {
    const journalFile = demoJournal();
    expect(existsSync(journalFile)).toBe(true);
    expect(existsSync(join(stateHome, 'tokentui', 'audit.jsonl'))).toBe(false);
    const text = readFileSync(journalFile, 'utf8');
    const records = text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as JournalLine);
    const steps = records.map(({ action, tokenId, outcome }) => ({ action, tokenId, outcome }));
    expect(steps).toEqual([
      { action: 'create', tokenId: createdId, outcome: 'success' },
      { action: 'create', tokenId: replacementId, outcome: 'success' },
      { action: 'rotate', tokenId: createdId, outcome: 'success' },
      { action: 'revoke', tokenId: replacementId, outcome: 'success' },
    ]);
    // Secrets never reach files: not even the token pattern.
    expect(text).not.toMatch(FULL_TOKEN);
  });
});
