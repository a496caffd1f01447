// Issue 5, "Must show": a token created through the create wizard of the built TUI
// (dist/cli.js) in a real terminal (tmux) against the real control plane authenticates (bearer
// GET /api is 200) and carries the chosen description, TTL, usages and groups as the real
// `kubeadm token list -o json` reports them. Its secret is on screen once, on the result
// screen, and gone after leaving it. Every screen is awaited by polling, never by sleeping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerStatus, kubeadm, realCluster } from '../support/real-cluster.ts';
import { parseJsonStream } from '../support/run-cli.ts';
import type { ScreenPredicate, TmuxSession } from '../support/tmux.ts';
import { connectionLine, requireBuiltCli, rowOf, startTui } from '../support/tui-app.ts';

const DESCRIPTION = 'tmux wizard';
const EXTRA_GROUP = 'system:bootstrappers:e2e:wizard';
const DEFAULT_GROUP = 'system:bootstrappers:kubeadm:default-node-token';
const TTL_MS = 3 * 60 * 60 * 1000;
const FULL_TOKEN = /\b([a-z0-9]{6})\.([a-z0-9]{16})\b/;

interface ListedToken {
  readonly token: string;
  readonly description?: string;
  readonly usages?: readonly string[];
  readonly groups?: readonly string[];
  readonly expires?: string;
}

/** Failure messages carry the last screen; a secret on it must not reach the test log. */
function redact(text: string): string {
  return text.replaceAll(new RegExp(FULL_TOKEN.source, 'g'), '$1.<secret>');
}

async function waitRedacted(tui: TmuxSession, predicate: ScreenPredicate, timeoutMs: number): Promise<string> {
  try {
    return await tui.waitForScreen(predicate, timeoutMs);
  } catch (error) {
    throw new Error(redact(error instanceof Error ? error.message : String(error)));
  }
}

async function listedToken(id: string): Promise<ListedToken | undefined> {
  const result = await kubeadm(['token', 'list', '-o', 'json']);
  expect(result.code, result.stderr).toBe(0);
  const tokens = parseJsonStream(result.stdout) as ListedToken[];
  return tokens.find((token) => token.token.startsWith(`${id}.`) || token.token === id);
}

describe('create wizard in tmux against the real control plane', () => {
  let tui: TmuxSession;
  let createdId: string | undefined;

  beforeAll(async () => {
    tui = await startTui({ cliPath: requireBuiltCli(), kubeconfig: realCluster().kubeconfig, rows: 40 });
    await tui.waitForScreen((screen) => connectionLine(screen).startsWith('● live'), 15_000);
  });

  afterAll(async () => {
    await tui?.kill();
    if (createdId !== undefined) await kubeadm(['token', 'delete', createdId]);
  });

  it('creates a token that authenticates and carries the chosen fields; its secret is shown once', async () => {
    await tui.sendKeys('c');
    await waitRedacted(tui, /step 1 of \d+/, 5_000);
    await tui.sendText(DESCRIPTION);
    await waitRedacted(tui, (screen) => screen.includes(`› ${DESCRIPTION}▏`), 5_000);
    await tui.sendKeys('Enter');

    // TTL: the field holds the default; erase it (BSpace past its length is harmless) and type 3h.
    await waitRedacted(tui, /step 2 of \d+/, 5_000);
    await tui.sendKeys(...Array<string>(12).fill('BSpace'));
    await tui.sendText('3h');
    await waitRedacted(tui, (screen) => screen.includes('› 3h▏') && /3h from now/.test(screen), 5_000);
    await tui.sendKeys('Enter');

    // Usages: the cursor starts on authentication (kept on); move down to signing, turn it off.
    await waitRedacted(tui, (screen) => /step 3 of \d+/.test(screen) && screen.includes('› [x] authentication'), 5_000);
    await tui.sendKeys('Down', 'Space');
    await waitRedacted(tui, (screen) => screen.includes('› [ ] signing') && screen.includes('[x] authentication'), 5_000);
    await tui.sendKeys('Enter');

    // Groups: a comma list, the default already in it; append one more.
    await waitRedacted(tui, (screen) => /step 4 of \d+/.test(screen) && screen.includes(`› ${DEFAULT_GROUP}▏`), 5_000);
    await tui.sendText(`, ${EXTRA_GROUP}`);
    await waitRedacted(tui, (screen) => screen.includes(`${EXTRA_GROUP}▏`), 5_000);
    await tui.sendKeys('Enter');

    // Review, then the one confirmation that creates.
    await waitRedacted(tui, (screen) => /step 5 of 5/.test(screen) && /Usages\s+authentication$/m.test(screen), 5_000);
    await tui.sendKeys('Enter');
    const startedAt = Date.now();
    const result = await waitRedacted(tui, FULL_TOKEN, 15_000);
    const match = FULL_TOKEN.exec(result);
    const [token, id] = [match?.[0] ?? '', match?.[1] ?? ''];
    createdId = id;
    const secretPart = token.slice(7);

    expect(await bearerStatus(token)).toBe(200);
    const listed = await listedToken(id);
    expect(listed?.description).toBe(DESCRIPTION);
    expect(listed?.usages).toEqual(['authentication']);
    expect([...(listed?.groups ?? [])].sort()).toEqual([DEFAULT_GROUP, EXTRA_GROUP].sort());
    const expiresAt = Date.parse(listed?.expires ?? '');
    expect(Math.abs(expiresAt - (startedAt + TTL_MS))).toBeLessThanOrEqual(2 * 60 * 1000);

    // Leave the result: the secret is forgotten, on screen and in the pane's history alike
    // (tmux.ts keeps no scrollback, so `-S -` mostly guards against that changing).
    await tui.sendKeys('Escape');
    const after = await waitRedacted(tui, (screen) => screen.includes(`token ${id} created; its secret is no longer shown`), 5_000);
    expect(rowOf(after, id)).toBeDefined();
    expect(after.includes(secretPart)).toBe(false);
    const history = await tui.tmux('capture-pane', '-p', '-S', '-', '-t', tui.target);
    expect(history.includes(secretPart)).toBe(false);
  }, 60_000);
});
