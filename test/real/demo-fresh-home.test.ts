// Issue 6, "Must show": on a fresh HOME with no kubeconfig, the README's start command opens the
// DEMO TUI in a real terminal (tmux, 120×36) with live countdowns, `q` quits with exit 0, and the
// demo's state stays under $XDG_STATE_HOME for the next run, no longer in use by any process,
// also when the terminal is closed under it. Nothing is left in the temporary directory.
// Needs no cluster: the demo is the reference server, in-process on loopback.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { shellQuote, startTmux, type TmuxSession } from '../support/tmux.ts';
import { nodeBin, repoRoot, ttlOf } from '../support/tui-app.ts';
import { removeScratch } from '../support/at-rest.ts';

const DEMO_HEADER = /^tokentui\b.*\bdemo\b.*\[DEMO\]/;
const MM_SS = /^[●◐!] \d\d:\d\d$/;

interface FreshHome {
  readonly dir: string;
  readonly tmp: string;
  readonly statusFile: string;
  /** `env` argv prefix: KUBECONFIG removed (the tmux server may have inherited one), all XDG dirs inside. */
  readonly envPrefix: readonly string[];
}

function freshHome(): FreshHome {
  const dir = mkdtempSync(join(tmpdir(), 'tokentui-fresh-home-'));
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  const vars = {
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, '.config'),
    XDG_STATE_HOME: join(dir, '.local/state'),
    XDG_DATA_HOME: join(dir, '.local/share'),
    XDG_CACHE_HOME: join(dir, '.cache'),
    // The demo's database goes under os.tmpdir(): here, so a test can see what is left behind.
    TMPDIR: tmp,
  };
  const envPrefix = ['env', '-u', 'KUBECONFIG', ...Object.entries(vars).map(([name, value]) => `${name}=${value}`)];
  return { dir, tmp, envPrefix, statusFile: join(dir, 'exit-status') };
}

const demoDirsIn = (home: FreshHome) => readdirSync(home.tmp).filter((name) => name.startsWith('tokentui-demo-'));
const demoRoot = (home: FreshHome) => join(home.dir, '.local/state/tokentui/demo');
/** The demo's generations, each with the processes using it. */
function demoState(home: FreshHome): { readonly name: string; readonly owners: readonly string[]; readonly db: boolean }[] {
  if (!existsSync(demoRoot(home))) return [];
  return readdirSync(demoRoot(home))
    .filter((name) => name.startsWith('g-'))
    .map((name) => ({ name, owners: readdirSync(join(demoRoot(home), name, 'owners')), db: existsSync(join(demoRoot(home), name, 'demo.db')) }));
}

/** The id of the row whose description is `description`. */
function idOf(screen: string, description: string): string {
  const id = new RegExp(`^.{2} ([a-z0-9]{6})\\s+${description}\\b`, 'm').exec(screen)?.[1];
  if (id === undefined) throw new Error(`no row "${description}" on screen:\n${screen}`);
  return id;
}

/**
 * argv that runs `command` and writes its exit status to `statusFile`. tmux 3.3 sometimes leaves
 * a pane's exited process unreaped (a zombie, #{pane_dead_status} empty), so the status is taken
 * from a shell that waits for the program itself.
 */
function recordingExitStatus(command: readonly string[], statusFile: string): string[] {
  return ['sh', '-c', `"$@"; echo $? > ${shellQuote(statusFile)}`, 'sh', ...command];
}

async function waitForExit(session: TmuxSession, statusFile: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = existsSync(statusFile) ? readFileSync(statusFile, 'utf8').trim() : '';
    if (status !== '') return Number(status);
    if (Date.now() > deadline) throw new Error(`no exit within ${timeoutMs} ms; screen:\n${await session.capture()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function runBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(nodeBin, ['scripts/build.mjs'], { cwd: repoRoot }, (error, _stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve()));
  });
}

/** Opens, checks the DEMO screen and its ticking countdown, quits with q, checks what is left. */
async function demoSessionQuits(session: TmuxSession, home: FreshHome, startTimeoutMs: number): Promise<void> {
  const opened = await session.waitForScreen((screen) => DEMO_HEADER.test(screen) && / \d\d:\d\d$/m.test(screen), startTimeoutMs);
  expect(demoState(home)).toEqual([expect.objectContaining({ db: true, owners: [expect.stringMatching(/^\d+$/)] })]);
  // Seeded to expire about an hour after start: an mm:ss countdown for the whole test.
  const id = idOf(opened, 'lab bench re-flash');
  // The first frame comes at an arbitrary moment and the ticks at whole seconds, so the first
  // value may last up to two seconds; from the first tick on, every second shows a new one.
  const initial = ttlOf(opened, id);
  await session.waitForScreen((screen) => ttlOf(screen, id) !== initial, 3_000);
  const first = ttlOf(await session.capture(), id);
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  const second = ttlOf(await session.capture(), id);
  expect(first).toMatch(MM_SS);
  expect(second).toMatch(MM_SS);
  expect(second).not.toBe(first);

  await session.sendKeys('q');
  expect(await waitForExit(session, home.statusFile, 10_000)).toBe(0);
  expect(demoDirsIn(home)).toEqual([]);
  expect(demoState(home)).toEqual([expect.objectContaining({ db: true, owners: [] })]);
}

describe('a fresh machine: no kubeconfig, no saved context', () => {
  let home: FreshHome | undefined;
  let session: TmuxSession | undefined;

  beforeAll(async () => {
    await runBuild();
  });

  afterEach(async () => {
    await session?.kill();
    session = undefined;
    if (home !== undefined) removeScratch(home.dir);
    home = undefined;
  });

  it('`node dist/cli.js` opens the DEMO TUI with live countdowns; q exits 0 and keeps the demo state for the next run', async () => {
    home = freshHome();
    const command = recordingExitStatus([...home.envPrefix, nodeBin, 'dist/cli.js'], home.statusFile);
    session = await startTmux({ command, columns: 120, rows: 36, cwd: repoRoot });
    await demoSessionQuits(session, home, 15_000);
    expect(readdirSync(home.dir)).not.toContain('.kube');
  });

  it('`npm start`, exactly as the README says, does the same', async () => {
    home = freshHome();
    const command = recordingExitStatus([...home.envPrefix, 'npm', 'start'], home.statusFile);
    session = await startTmux({ command, columns: 120, rows: 36, cwd: repoRoot });
    await demoSessionQuits(session, home, 30_000);
  });

  it('closing the terminal (SIGHUP) stops the demo and releases its state, which stays', async () => {
    home = freshHome();
    session = await startTmux({ command: [...home.envPrefix, nodeBin, 'dist/cli.js'], columns: 120, rows: 36, cwd: repoRoot });
    await session.waitForScreen(DEMO_HEADER, 15_000);
    const pid = await session.pid();
    expect(pid).not.toBeNull();
    expect(demoState(home)).toEqual([expect.objectContaining({ owners: [expect.stringMatching(/^\d+$/)] })]);
    await session.kill(); // the tmux server hangs up on the pane's process
    const alive = () => {
      try {
        process.kill(pid ?? 0, 0);
        return true;
      } catch {
        return false;
      }
    };
    await expect.poll(alive, { timeout: 5_000 }).toBe(false);
    const left = home;
    await expect.poll(() => demoState(left), { timeout: 5_000 }).toEqual([expect.objectContaining({ db: true, owners: [] })]);
    expect(demoDirsIn(left)).toEqual([]);
  });
});
