// Issue 4, "Must show": revoking from the built TUI (dist/cli.js) in a real terminal (tmux)
// against the real control plane. `d` shows the impact preview; Esc leaves the token untouched;
// a wrong typed id does nothing; the right id revokes, as the real `kubeadm token list` and
// the audit journal confirm. The token comes from the real `kubeadm token create`, so the
// cluster-info signature makes the impact non-empty and the id must be typed. Every screen is
// awaited by polling, never by sleeping.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterInfoSigned, kubeadm, realCluster, waitFor } from '../support/real-cluster.ts';
import type { TmuxSession } from '../support/tmux.ts';
import { connectionLine, requireBuiltCli, rowOf, startTui, tokenIdFrom } from '../support/tui-app.ts';

const DESCRIPTION = 'tmux-revoke';
const WRONG_ID = 'zzzzzz';

interface JournalLine {
  readonly action?: string;
  readonly tokenId?: string;
  readonly outcome?: string;
  readonly confirmation?: string;
}

async function tokenListed(id: string): Promise<boolean> {
  const result = await kubeadm(['token', 'list', '-o', 'json']);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.includes(`"${id}.`) || result.stdout.includes(`"${id}"`);
}

describe('revoke in tmux against the real control plane', () => {
  const stateHome = mkdtempSync(join(tmpdir(), 'tokentui-revoke-'));
  const journalFile = join(stateHome, 'state', 'tokentui', 'audit.jsonl');
  let tui: TmuxSession;
  let id: string;

  function revokeRecords(): JournalLine[] {
    if (!existsSync(journalFile)) return [];
    const lines = readFileSync(journalFile, 'utf8').split('\n').filter((line) => line.trim() !== '');
    return lines.map((line) => JSON.parse(line) as JournalLine).filter((record) => record.action === 'revoke' && record.tokenId === id);
  }

  beforeAll(async () => {
    const created = await kubeadm(['token', 'create', '--ttl', '2h', '--description', DESCRIPTION]);
    expect(created.code, created.stderr).toBe(0);
    id = tokenIdFrom(created.stdout);
    // bootstrapsigner signs cluster-info asynchronously; the preview must find the signature.
    await waitFor(() => clusterInfoSigned(id), { timeoutMs: 15_000, description: `cluster-info signed for ${id}` });
    tui = await startTui({
      cliPath: requireBuiltCli(),
      kubeconfig: realCluster().kubeconfig,
      rows: 40,
      env: { XDG_CONFIG_HOME: join(stateHome, 'config'), XDG_STATE_HOME: join(stateHome, 'state') },
    });
    await tui.waitForScreen((screen) => connectionLine(screen).startsWith('● live') && rowOf(screen, id) !== undefined, 15_000);
    // Filter to the token so `d` acts on it whatever else the shared cluster holds.
    await tui.sendKeys('/');
    await tui.sendText(id);
    await tui.sendKeys('Enter');
    await tui.waitForScreen((screen) => {
      const rows = screen.split('\n').filter((line) => /^.{2} [a-z0-9]{6}\b/.test(line));
      return rows.length === 1 && rowOf(screen, id) !== undefined;
    }, 5_000);
  }, 30_000);

  afterAll(async () => {
    await tui?.kill();
    // Leave the shared cluster as found (gone already when the test passed: ignore failures).
    if (id !== undefined) await kubeadm(['token', 'delete', id]);
  });

  const preview = (screen: string): boolean =>
    screen.includes(`Revoke token ${id}`) && screen.includes('Confirmation: type the token id') && screen.includes(`Type ${id} to revoke it:`);

  it('shows the preview on d, and Esc leaves the token untouched', async () => {
    await tui.sendKeys('d');
    const shown = await tui.waitForScreen(preview, 15_000);
    // The real cluster-info signature is what makes the impact non-empty.
    expect(shown).toMatch(/Signatures that disappear \(1\)/);
    expect(shown).not.toMatch(/Impact: UNKNOWN/);

    await tui.sendKeys('Escape');
    await tui.waitForScreen((screen) => !screen.includes(`Revoke token ${id}`) && rowOf(screen, id) !== undefined, 5_000);
    expect(await tokenListed(id)).toBe(true);
    expect(revokeRecords().filter((record) => record.outcome === 'success')).toEqual([]);
  }, 30_000);

  it('does nothing for a wrong typed id', async () => {
    await tui.sendKeys('d');
    await tui.waitForScreen(preview, 15_000);
    await tui.sendText(WRONG_ID);
    await tui.waitForScreen((screen) => screen.includes(`Type ${id} to revoke it: ${WRONG_ID}`), 5_000);
    await tui.sendKeys('Enter');
    const refused = await tui.waitForScreen((screen) => screen.includes(`"${WRONG_ID}" does not match the token id — nothing was revoked`), 5_000);
    expect(refused).toContain(`Revoke token ${id}`);
    expect(await tokenListed(id)).toBe(true);
    expect(revokeRecords().filter((record) => record.outcome === 'success')).toEqual([]);
  }, 30_000);

  it('revokes once the right id is typed: gone from kubeadm and journalled once as a success', async () => {
    await tui.sendKeys(...Array.from({ length: WRONG_ID.length }, () => 'BSpace'));
    await tui.waitForScreen((screen) => /Type [a-z0-9]{6} to revoke it: ▏/.test(screen) && !screen.includes('does not match'), 5_000);
    await tui.sendText(id);
    await tui.waitForScreen((screen) => screen.includes(`Type ${id} to revoke it: ${id}`), 5_000);
    await tui.sendKeys('Enter');
    // kubeadm's revoke waits for the cluster-info signature to go: allow the controller its time.
    const outcome = await tui.waitForScreen((screen) => screen.includes(`✓ ${id} revoked`), 60_000, { intervalMs: 200 });
    expect(outcome).toContain('verified: it no longer exists');
    await waitFor(async () => !(await tokenListed(id)), { timeoutMs: 10_000, description: `${id} gone from kubeadm token list` });

    const successes = revokeRecords().filter((record) => record.outcome === 'success');
    expect(successes).toHaveLength(1);
    expect(successes[0]).toMatchObject({ action: 'revoke', tokenId: id, outcome: 'success', confirmation: 'typed-id' });
  }, 90_000);
});
