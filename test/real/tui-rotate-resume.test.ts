// Issue 5, "Must show": (A) the OSC 52 sequence the built TUI writes for `y` on the create
// result screen decodes to exactly the join command on screen (bytes captured with tmux
// pipe-pane); (B) a rotation killed with SIGHUP right after its replacement was created resumes
// on the next start and finishes without creating a second replacement. Backend: the reference
// REST server in-process; every screen is awaited by polling, never by sleeping.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRestServer, type TestRestServer } from '../support/rest-server.ts';
import { startTmux, type TmuxSession } from '../support/tmux.ts';
import { joinCommandOnScreen } from '../support/tui-flows.ts';
import { nodeBin, repoRoot, requireBuiltCli } from '../support/tui-app.ts';
import { removeScratch } from '../support/at-rest.ts';

const FULL_TOKEN = /\b([a-z0-9]{6})\.([a-z0-9]{16})\b/;

interface WireToken {
  readonly id: string;
  readonly description?: string | null;
}

let rest: TestRestServer;
const sessions: TmuxSession[] = [];
const scratchDirs: string[] = [];

beforeAll(async () => {
  requireBuiltCli();
  rest = await startTestRestServer();
});

afterAll(async () => {
  for (const session of sessions) await session.kill();
  await rest?.close();
  // The pane recording holds a secret in the clear: it must not outlive the test.
  for (const dir of scratchDirs) removeScratch(dir);
});

/** The TUI in tmux against the REST server; its pid lands in `pidFile` (exec keeps the pid). */
async function startRestTui(stateHome: string, pidFile: string): Promise<TmuxSession> {
  const script = `echo $$ > '${pidFile}'; exec '${nodeBin}' '${requireBuiltCli()}' --server '${rest.url}'`;
  const session = await startTmux({
    command: ['sh', '-c', script],
    columns: 120,
    rows: 40,
    cwd: repoRoot,
    env: { XDG_CONFIG_HOME: join(stateHome, 'config'), XDG_STATE_HOME: join(stateHome, 'state'), TOKENTUI_API_KEY: rest.apiKey },
  });
  sessions.push(session);
  return session;
}

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${rest.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${rest.apiKey}`, 'content-type': 'application/json', ...init.headers },
  });
}

async function listTokens(): Promise<WireToken[]> {
  const response = await api('/api/v1/tokens');
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: WireToken[] }).items;
}

function scratch(): { dir: string; pidFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tokentui-rotate-resume-'));
  scratchDirs.push(dir);
  return { dir, pidFile: join(dir, 'pid') };
}

/** Polls until the pane's program has ended (a signal leaves no exit status, only a dead pane). */
async function waitUntilExited(session: TmuxSession): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await session.pid()) !== null) {
    if (Date.now() >= deadline) throw new Error('the TUI did not exit after SIGHUP');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}



/** Base64 payloads of every OSC 52 clipboard write (BEL or ST ended, passthrough-wrapped too). */
function osc52Payloads(bytes: string): string[] {
  return [...bytes.matchAll(/\x1b\]52;c;([A-Za-z0-9+/=]*)(?:\x07|\x1b\x1b?\\)/g)].map((match) => match[1] ?? '');
}

describe('real terminal against the reference REST server', () => {
  it('A: the OSC 52 sequence written for `y` decodes to exactly the join command', async () => {
    const { dir, pidFile } = scratch();
    const tui = await startRestTui(dir, pidFile);
    await tui.waitForScreen(/live/, 15_000);
    const recording = join(dir, 'pane.bytes');
    await tui.startRecording(recording);
    await tui.sendKeys('c');
    await tui.waitForScreen(/step 1 of \d+/, 5_000);
    await tui.sendText('osc52 probe');
    await tui.sendKeys('Enter');
    await tui.waitForScreen(/step 2 of 5/, 5_000);
    // TTL, then the REST service's scope and max uses (its own create fields).
    await tui.sendKeys('Enter', 'Enter', 'Enter');
    await tui.waitForScreen(/step 5 of 5: review/, 5_000);
    await tui.sendKeys('Enter');
    const result = await tui.waitForScreen((screen) => FULL_TOKEN.test(screen) && screen.includes('Join command'), 15_000);
    const token = FULL_TOKEN.exec(result)?.[0] ?? '';
    await tui.sendKeys('y');
    await tui.waitForScreen(/join command sent to the terminal clipboard/, 5_000);
    await tui.stopRecording();

    const onScreen = joinCommandOnScreen(result);
    const expected = `curl -fsS -X POST '${rest.url}/api/v1/bootstrap' -H 'content-type: application/json' -d "{\\"token\\":\\"${token}\\",\\"machine\\":\\"$(hostname)\\"}"`;
    // The screen wraps the command (and tmux trims the wrapped rows), so compare it without blanks.
    expect(onScreen.replace(/\s/g, '')).toBe(expected.replace(/\s/g, ''));
    const payloads = osc52Payloads(readFileSync(recording, 'latin1'));
    expect(payloads.length).toBeGreaterThan(0);
    for (const payload of payloads) expect(Buffer.from(payload, 'base64').toString('utf8')).toBe(expected);
  }, 60_000);

  it('B: a rotation killed with SIGHUP after the replacement was created resumes and finishes once', async () => {
    const description = `rotate-resume ${Date.now()}`;
    const seeded = await api('/api/v1/tokens', { method: 'POST', body: JSON.stringify({ ttlSeconds: 3600, description }) });
    expect(seeded.status).toBe(201);
    const oldId = ((await seeded.json()) as { token: WireToken }).token.id;
    const { dir, pidFile } = scratch();
    const first = await startRestTui(dir, pidFile);
    await first.waitForScreen((screen) => screen.includes(oldId), 15_000);
    // Test A's token may be listed too: move the cursor down until it rests on the seeded one.
    const selected = new RegExp(`^› +${oldId}`, 'm');
    for (let moves = 0; !selected.test(await first.capture()); moves++) {
      if (moves > 5) throw new Error(`the cursor never reached ${oldId}:\n${await first.capture()}`);
      const before = await first.capture();
      await first.sendKeys('Down');
      await first.waitForScreen((screen) => screen !== before, 5_000);
    }
    await first.sendKeys('r');
    await first.waitForScreen(/Replacement · step \d of \d: time to live/, 5_000);
    // TTL, scope, max uses: the old token's values, as they are.
    await first.sendKeys('Enter', 'Enter', 'Enter');
    await first.waitForScreen(/Replacement · step \d of \d: review/, 5_000);
    await first.sendKeys('Enter');
    const created = await first.waitForScreen(/✓ replacement [a-z0-9]{6} created/, 15_000);
    const newId = /✓ replacement ([a-z0-9]{6}) created/.exec(created)?.[1] ?? '';
    expect((await listTokens()).filter((token) => token.description === description).map((token) => token.id).sort()).toEqual([oldId, newId].sort());

    process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGHUP');
    await waitUntilExited(first);

    // Same state directory: the journal of the rotation is what the next start reads.
    const second = await startRestTui(dir, pidFile);
    await second.waitForScreen((screen) => screen.includes(`rotation of ${oldId} interrupted after step 1 of 6`) && screen.includes(`replacement ${newId} exists`), 15_000);
    await second.sendKeys('Enter');
    await second.waitForScreen((screen) => screen.includes(`Rotate ${oldId} → ${newId}`) && /Enter continue/.test(screen), 5_000);
    await second.sendKeys('Enter');
    await second.waitForScreen((screen) => screen.includes(`Revoke ${oldId}?`), 10_000);
    await second.sendKeys('y');
    await second.waitForScreen((screen) => screen.includes(`✓ ${oldId} replaced by ${newId} and revoked`), 10_000);

    const remaining = await listTokens();
    expect(remaining.filter((token) => token.description === description).map((token) => token.id)).toEqual([newId]);
    expect(remaining.some((token) => token.id === oldId)).toBe(false);
  }, 60_000);
});
