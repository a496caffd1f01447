// Issue 14, "Must show": REST fields end to end in the built TUI (dist/cli.js) in a real terminal
// (tmux) against the reference server over loopback, every outcome read back through the
// server's API: a rotation of a scoped, 5-use token creates a scoped, 5-use replacement (the
// wizard used to drop both); the create wizard sends scope and single-use; m makes a token the
// default after its preview. Every screen is awaited by polling, never by sleeping.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WireToken, WireTokenList } from '../../src/rest-contract/wire.ts';
import { removeScratch } from '../support/at-rest.ts';
import { startTestRestServer, type TestRestServer } from '../support/rest-server.ts';
import { startTmux, type TmuxSession } from '../support/tmux.ts';
import { FULL_TOKEN, redactScreen, waitForScreen } from '../support/tui-flows.ts';
import { nodeBin, repoRoot, requireBuiltCli } from '../support/tui-app.ts';

let rest: TestRestServer;
let tui: TmuxSession | undefined;
const scratch = mkdtempSync(join(tmpdir(), 'tokentui-rest-fields-'));

beforeAll(async () => {
  requireBuiltCli();
  rest = await startTestRestServer();
});
afterEach(async () => {
  await tui?.kill();
  tui = undefined;
});
afterAll(async () => {
  await rest?.close();
  removeScratch(scratch);
});

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${rest.url}/api/v1/${path}`, {
    method,
    headers: { authorization: `Bearer ${rest.apiKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.ok, `${method} ${path}`).toBe(true);
  return (await response.json()) as T;
}

const tokens = async (): Promise<readonly WireToken[]> => (await api<WireTokenList>('GET', 'tokens')).items;
const mint = async (body: Record<string, unknown>): Promise<WireToken> => (await api<{ token: WireToken }>('POST', 'tokens', body)).token;

async function restTui(): Promise<TmuxSession> {
  // Its own state: a rotation left unfinished by another test must not greet this one.
  const state = mkdtempSync(join(scratch, 'session-'));
  tui = await startTmux({
    command: [nodeBin, requireBuiltCli(), '--server', rest.url],
    columns: 120,
    rows: 36,
    cwd: repoRoot,
    env: { XDG_CONFIG_HOME: join(state, 'config'), XDG_STATE_HOME: join(state, 'state'), TOKENTUI_API_KEY: rest.apiKey },
  });
  await waitForScreen(tui, (screen) => screen.split('\n')[1]?.startsWith('● live') === true, 20_000);
  return tui;
}

/** Moves the cursor to the row of `id`. */
async function select(session: TmuxSession, id: string): Promise<void> {
  for (let moves = 0; moves < 20; moves++) {
    const screen = await session.capture();
    if (screen.split('\n').some((line) => line.startsWith('›') && line.includes(id))) return;
    await session.sendKeys('Down');
    await session.waitForScreen((next) => next !== screen, 2_000).catch(() => undefined);
  }
  throw new Error(`row ${id} never selected`);
}

describe('REST fields in the TUI, on the reference server', () => {
  it('a rotation of a scoped, 5-use token creates a scoped, 5-use replacement', async () => {
    const old = await mint({ description: 'rack 31 re-image', ttlSeconds: 3600, scope: 'workers', maxUses: 5 });
    const session = await restTui();
    await select(session, old.id);
    await session.sendKeys('r');
    const plan = await waitForScreen(session, /Replacement · step 2 of 5: time to live/);
    expect(plan).toContain(`Rotate ${old.id}`);
    await session.sendKeys('Enter');
    expect(await waitForScreen(session, /step 3 of 5: scope/)).toContain('› workers▏');
    await session.sendKeys('Enter');
    expect(await waitForScreen(session, /step 4 of 5: max uses/)).toContain('› 5▏');
    await session.sendKeys('Enter');
    const review = await waitForScreen(session, /step 5 of 5: review/);
    expect(review).toMatch(/Scope\s+workers/);
    expect(review).toMatch(/Max uses\s+5/);
    await session.sendKeys('Enter');
    const created = await waitForScreen(session, (screen) => /✓ replacement [a-z0-9]{6} created/.test(screen) && FULL_TOKEN.test(screen), 15_000);
    const newId = /✓ replacement ([a-z0-9]{6}) created/.exec(created)![1]!;
    expect((await tokens()).find((token) => token.id === newId), redactScreen(created)).toMatchObject({ description: 'rack 31 re-image', scope: 'workers', maxUses: 5, uses: 0 });
  }, 60_000);

  it('the create wizard sends the scope typed and single-use (Tab)', async () => {
    const session = await restTui();
    await session.sendKeys('c');
    await waitForScreen(session, /step 1 of 5: description/);
    await session.sendText('gpu rack 4');
    await session.sendKeys('Enter', 'Enter');
    await waitForScreen(session, /step 3 of 5: scope/);
    await session.sendText('pool:gpu');
    await session.sendKeys('Enter');
    await waitForScreen(session, /step 4 of 5: max uses/);
    await session.sendKeys('Tab');
    await waitForScreen(session, /= 1 \(single-use\)/);
    await session.sendKeys('Enter');
    await waitForScreen(session, /Max uses\s+1 \(single-use\)/);
    await session.sendKeys('Enter');
    const created = await waitForScreen(session, /✓ token [a-z0-9]{6} created/, 15_000);
    const id = /✓ token ([a-z0-9]{6}) created/.exec(created)![1]!;
    expect((await tokens()).find((token) => token.id === id)).toMatchObject({ description: 'gpu rack 4', scope: 'pool:gpu', maxUses: 1 });
  }, 60_000);

  it('m makes the selected token the default after its preview; Esc before that changes nothing', async () => {
    const current = await mint({ description: 'fleet default', ttlSeconds: 7200, scope: 'workers' });
    await api('POST', `tokens/${current.id}/make-default`);
    const next = await mint({ description: 'wave 5', ttlSeconds: 7200, scope: 'edge', maxUses: 20 });
    const session = await restTui();
    await select(session, next.id);
    await session.sendKeys('m');
    const preview = await waitForScreen(session, new RegExp(`y/Enter: make ${next.id} the default`));
    expect(preview).toContain(`current default: ${current.id}`);
    expect(preview).toContain('scope "edge" instead of "workers"');
    await session.sendKeys('Escape');
    await waitForScreen(session, /the default was not changed/);
    expect((await tokens()).find((token) => token.isDefault)?.id).toBe(current.id);
    await session.sendKeys('m');
    await waitForScreen(session, new RegExp(`y/Enter: make ${next.id} the default`));
    await session.sendKeys('y');
    await waitForScreen(session, new RegExp(`✓ ${next.id} is now the default token \\(read back\\)`), 15_000);
    expect((await tokens()).find((token) => token.isDefault)?.id).toBe(next.id);
  }, 60_000);
});
