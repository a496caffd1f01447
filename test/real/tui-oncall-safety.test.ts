// Issue 14, "Must show", in a real terminal (tmux, the built dist/cli.js), against the reference
// REST server over loopback (its own request log proves what was NOT sent) and the real control
// plane (the real kubeadm token list and the apiserver prove it):
// - a typed id entered while the footer says lines of the preview remain unread revokes nothing;
// - in a batch, a second y within the dwell of the next preview revokes nothing, and n skips one
//   token and the batch goes on;
// - the preview headline is whole (wrapped, never cut with …) at 80×24 and at 60×20;
// - Esc at a rotation's confirmation, then r on the same token, resumes it: one replacement.
// Every screen is awaited by polling, never by sleeping.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeScratch } from '../support/at-rest.ts';
import { adminFetch, bearerStatus, clusterInfoSigned, kubeadm, realCluster, waitFor } from '../support/real-cluster.ts';
import { startTestRestServer, type TestRestServer } from '../support/rest-server.ts';
import { startTmux, type TmuxSession } from '../support/tmux.ts';
import { listedIds, waitForScreen } from '../support/tui-flows.ts';
import { copyBuiltCli, nodeBin, repoRoot, tokenIdFrom } from '../support/tui-app.ts';

const RUN = randomBytes(3).toString('hex');
const scratch = mkdtempSync(join(tmpdir(), 'tokentui-oncall-safety-'));
let cli = '';
let rest: TestRestServer;
const restLog: string[] = [];
const sessions: TmuxSession[] = [];

const deletes = () => restLog.filter((line) => line.startsWith('DELETE ')).map((line) => line.split(' ')[1]!.split('/').at(-1)!);

async function restApi<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${rest.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${rest.apiKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

async function restToken(description: string, ttlSeconds = 3600): Promise<{ id: string; secret: string }> {
  const created = await restApi<{ token: { id: string }; secret: string }>('POST', '/api/v1/tokens', { ttlSeconds, description });
  return { id: created.token.id, secret: created.secret };
}

/** A machine that joined with the token and holds no credential of its own: it loses access with it. */
async function dependentMachine(secret: string, machine: string, pending = false): Promise<void> {
  const response = await fetch(`${rest.url}/api/v1/bootstrap`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: secret, machine, canHoldCredential: false, pending }),
  });
  expect(response.status).toBe(201);
}

interface Launch {
  readonly columns: number;
  readonly rows: number;
  readonly target: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

async function launch({ columns, rows, target, env = {} }: Launch): Promise<TmuxSession> {
  const home = mkdtempSync(join(scratch, 'home-'));
  const session = await startTmux({
    command: [nodeBin, cli, ...target],
    columns,
    rows,
    cwd: repoRoot,
    env: { HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_STATE_HOME: join(home, 'state'), TOKENTUI_API_KEY: rest.apiKey, ...env },
  });
  sessions.push(session);
  return session;
}

const onRest = (columns: number, rows: number, env?: Readonly<Record<string, string>>) => launch({ columns, rows, target: ['--server', rest.url], ...(env === undefined ? {} : { env }) });
const onCluster = (columns: number, rows: number) => launch({ columns, rows, target: ['--kubeconfig', realCluster().kubeconfig] });

/** Filters the list to `text` and waits until exactly `ids` are shown. */
async function filterTo(tui: TmuxSession, text: string, ids: readonly string[]): Promise<void> {
  await waitForScreen(tui, (screen) => screen.includes('● live'), 15_000);
  await tui.sendKeys('/');
  await tui.sendText(text);
  await tui.sendKeys('Enter');
  // Back in the list (the prompt gone), not still typing the filter: the next key is the list's.
  await waitForScreen(tui, (screen) => !screen.includes(`/${text}▏`) && [...listedIds(screen)].sort().join() === [...ids].sort().join(), 10_000);
}

/** Moves the selection (›) to the row of `id`. */
async function selectRow(tui: TmuxSession, id: string): Promise<void> {
  for (let moves = 0; moves < 20; moves++) {
    const rows = (await tui.capture()).split('\n');
    const selected = rows.findIndex((row) => row.startsWith('›'));
    const wanted = rows.findIndex((row) => listedIds(row).includes(id));
    if (selected >= 0 && selected === wanted) return;
    await tui.sendKeys(wanted < selected ? 'Up' : 'Down');
    await waitForScreen(tui, (screen) => screen.split('\n').findIndex((row) => row.startsWith('›')) !== selected);
  }
  throw new Error(`could not select ${id}`);
}

/** The screen's lines from the one holding `start`, joined: a wrapped line reads as one. */
function joinedFrom(screen: string, start: string, lines: number): string {
  const rows = screen.split('\n');
  const at = rows.findIndex((row) => row.includes(start));
  return rows.slice(at, at + lines).map((row) => row.trim()).join(' ');
}

beforeAll(async () => {
  cli = copyBuiltCli(mkdtempSync(join(scratch, 'app-')));
  rest = await startTestRestServer({ log: (line) => restLog.push(line) });
}, 60_000);

afterAll(async () => {
  for (const session of sessions) await session.kill().catch(() => undefined);
  await rest?.close();
  removeScratch(scratch);
});

describe('the reference server in tmux', () => {
  it('80×16: a typed id entered while the footer says lines remain unread revokes nothing; read to the end, it does', async () => {
    const tall = await restToken(`tall-${RUN}`);
    for (let index = 1; index <= 12; index++) await dependentMachine(tall.secret, `tall-${RUN}-node-${index}`);
    const tui = await onRest(80, 16);
    await filterTo(tui, `tall-${RUN}`, [tall.id]);
    await tui.sendKeys('d');
    const shut = await waitForScreen(tui, (screen) => screen.includes('⏸ read the whole preview first'), 15_000);
    expect(shut).toMatch(/lines 1-\d+ of \d+ · \d+ unread: read to the end to confirm/);
    expect(shut).not.toContain(`Type ${tall.id} to revoke it`);
    await tui.sendText(tall.id);
    await tui.sendKeys('Enter');
    await waitForScreen(tui, /Enter ignored: \d+ more lines? not yet on screen — nothing was confirmed/);
    expect(deletes()).toEqual([]);

    await tui.sendKeys('PageDown', 'PageDown', 'PageDown');
    await waitForScreen(tui, (screen) => screen.includes(`Type ${tall.id} to revoke it: ▏`));
    await tui.sendText(tall.id);
    await tui.sendKeys('Enter');
    await waitForScreen(tui, (screen) => screen.includes(`✓ ${tall.id} revoked`), 15_000);
    expect(deletes()).toEqual([tall.id]);
  }, 60_000);

  it('a batch: the combined preview first; a second y within the next preview\'s dwell revokes nothing; n skips one and the batch goes on', async () => {
    const [first, second, third] = [await restToken(`batch-${RUN} a`, 3600), await restToken(`batch-${RUN} b`, 7200), await restToken(`batch-${RUN} c`, 10800)];
    restLog.length = 0;
    // A longer dwell than the default 600 ms, so "within the dwell" holds on a loaded machine too.
    const tui = await onRest(120, 36, { TOKENTUI_CONFIRM_DWELL_MS: '4000' });
    await filterTo(tui, `batch-${RUN}`, [first!.id, second!.id, third!.id]);
    await tui.sendKeys('C-Space');
    await waitForScreen(tui, /· 3 marked/);
    await tui.sendKeys('d');
    const overview = await waitForScreen(tui, (screen) => screen.includes("Enter: each token's own preview"), 20_000);
    expect(overview).toContain('Combined impact: 3 tokens: 3 none');
    await tui.sendKeys('Enter');
    await waitForScreen(tui, (screen) => screen.includes(`Revoke ${first!.id}? y/Enter revokes · n skips it · Esc stops the rest`), 20_000);
    await tui.sendKeys('y');
    await waitForScreen(tui, (screen) => screen.includes(`token 2 of 3: ${second!.id}`) && screen.includes('⏸ confirming opens in'), 15_000);
    await tui.sendKeys('y');
    await waitForScreen(tui, /y ignored: preview shown under 4\.0 s ago — nothing was confirmed/);
    expect(deletes()).toEqual([first!.id]);

    await waitForScreen(tui, (screen) => screen.includes(`Revoke ${second!.id}? y/Enter revokes`), 20_000);
    await tui.sendKeys('n');
    await waitForScreen(tui, (screen) => screen.includes(`Revoke ${third!.id}? y/Enter revokes`), 20_000);
    await tui.sendKeys('y');
    const summary = await waitForScreen(tui, (screen) => screen.includes('Batch finished'), 20_000);
    expect(summary).toContain(`Revoked (2): ${first!.id}, ${third!.id}`);
    expect(summary).toContain(`Skipped (1): ${second!.id}`);
    expect(deletes()).toEqual([first!.id, third!.id]);
    const left = (await restApi<{ items: { id: string }[] }>('GET', '/api/v1/tokens')).items.map((token) => token.id);
    expect(left).toContain(second!.id);
  }, 120_000);

  it.each([
    [80, 24],
    [60, 20],
  ])('%i×%i: the preview headline is whole (wrapped, never cut)', async (columns, rows) => {
    const busy = await restToken(`headline-${RUN}-${columns}`);
    await restApi('POST', `/api/v1/tokens/${busy.id}/make-default`);
    await dependentMachine(busy.secret, `headline-${RUN}-${columns}-a`);
    await dependentMachine(busy.secret, `headline-${RUN}-${columns}-b`);
    await dependentMachine(busy.secret, `headline-${RUN}-${columns}-c`, true);
    const tui = await onRest(columns, rows);
    await filterTo(tui, `headline-${RUN}-${columns}`, [busy.id]);
    await tui.sendKeys('d');
    const preview = await waitForScreen(tui, (screen) => screen.includes('Impact: HIGH'), 15_000);
    const headline = 'Impact: HIGH — 1 cluster-wide consequence, 1 join in progress, 2 machines lose access';
    expect(joinedFrom(preview, 'Impact: HIGH', 3)).toContain(headline);
    expect(preview.split('\n').filter((line) => line.includes('Impact:') || line.includes('Revoke token'))).not.toContainEqual(expect.stringContaining('…'));
    await tui.sendKeys('Escape');
    await waitForScreen(tui, /revoke cancelled: nothing was revoked/);
  }, 60_000);

  it('Esc at a rotation\'s confirmation, then r on the same token: the same replacement, one in all (counted through GET /api/v1/tokens)', async () => {
    const old = await restToken(`rotate-${RUN}`);
    const before = (await restApi<{ items: unknown[] }>('GET', '/api/v1/tokens')).items.length;
    const tui = await onRest(120, 36);
    await filterTo(tui, `rotate-${RUN}`, [old.id]);
    await tui.sendKeys('r');
    await waitForScreen(tui, (screen) => /Replacement · step \d of \d: /.test(screen));
    for (let steps = 0; !/Replacement · step (\d) of \1: review/.test(await tui.capture()); steps++) {
      if (steps > 6) throw new Error('the replacement wizard never reached its review');
      const step = /Replacement · step (\d) of/.exec(await tui.capture())?.[1];
      await tui.sendKeys('Enter');
      await waitForScreen(tui, (next) => /Replacement · step (\d) of/.exec(next)?.[1] !== step);
    }
    await tui.sendKeys('Enter');
    const shown = await waitForScreen(tui, (screen) => /✓ replacement [a-z0-9]{6} created/.test(screen), 20_000);
    const newId = /✓ replacement ([a-z0-9]{6}) created/.exec(shown)?.[1] ?? '';
    await tui.sendKeys('Escape');
    await waitForScreen(tui, (screen) => screen.includes(`Revoke ${old.id}? y/Enter revokes`), 20_000);
    await tui.sendKeys('Escape');
    await waitForScreen(tui, /Stopped before the revoke/);
    await tui.sendKeys('Escape');
    await waitForScreen(tui, (screen) => screen.includes(`r on ${old.id} resumes it`));
    await selectRow(tui, old.id);
    await tui.sendKeys('r');
    await waitForScreen(tui, (screen) => screen.includes(`resuming the rotation of ${old.id}`) && screen.includes(`Rotate ${old.id} → ${newId}`), 20_000);
    await waitForScreen(tui, (screen) => screen.includes(`Revoke ${old.id}? y/Enter revokes`), 20_000);
    await tui.sendKeys('y');
    await waitForScreen(tui, (screen) => screen.includes(`✓ ${old.id} replaced by ${newId} and revoked`), 20_000);
    const after = (await restApi<{ items: { id: string; replaces: string | null }[] }>('GET', '/api/v1/tokens')).items;
    expect(after).toHaveLength(before);
    expect(after.find((token) => token.id === newId)).toMatchObject({ replaces: old.id });
    expect(restLog.filter((line) => line.startsWith('POST /api/v1/tokens ')).length).toBeGreaterThanOrEqual(1);
  }, 120_000);
});

describe('the real control plane in tmux', () => {
  const created: string[] = [];
  afterAll(async () => {
    for (const id of created) await kubeadm(['token', 'delete', id]).catch(() => undefined);
  });

  async function kubeadmListed(id: string): Promise<boolean> {
    const listed = await kubeadm(['token', 'list', '-o', 'json']);
    return listed.stdout.includes(`"${id}.`);
  }

  /** A kubeadm token with `dependents` ConfigMaps owned by its Secret: each a line of its preview. */
  async function tokenWithDependents(description: string, dependents: number): Promise<{ id: string; token: string }> {
    const made = await kubeadm(['token', 'create', '--ttl', '2h', '--description', description]);
    expect(made.code, made.stderr).toBe(0);
    const token = made.stdout.trim();
    const id = tokenIdFrom(made.stdout);
    created.push(id);
    const secret = (await (await adminFetch(`/api/v1/namespaces/kube-system/secrets/bootstrap-token-${id}`)).json()) as { metadata: { uid: string } };
    for (let index = 1; index <= dependents; index++) {
      const body = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `e2e-${id}-dep-${index}`, namespace: 'kube-system', ownerReferences: [{ apiVersion: 'v1', kind: 'Secret', name: `bootstrap-token-${id}`, uid: secret.metadata.uid }] },
        data: { note: 'issue 14 test' },
      };
      const response = await adminFetch('/api/v1/namespaces/kube-system/configmaps', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(201);
    }
    await waitFor(() => clusterInfoSigned(id), { timeoutMs: 15_000, description: `cluster-info signed for ${id}` });
    return { id, token };
  }

  it('80×16: a typed id entered while lines remain unread revokes nothing (the real kubeadm still lists it, it still authenticates)', async () => {
    const { id, token } = await tokenWithDependents(`gate-${RUN}`, 10);
    const tui = await onCluster(80, 16);
    await filterTo(tui, id, [id]);
    await tui.sendKeys('d');
    await waitForScreen(tui, (screen) => screen.includes('⏸ read the whole preview first'), 20_000);
    await tui.sendText(id);
    await tui.sendKeys('Enter');
    await waitForScreen(tui, /Enter ignored: \d+ more lines? not yet on screen — nothing was confirmed/);
    expect(await kubeadmListed(id)).toBe(true);
    expect(await bearerStatus(token)).toBe(200);
    await tui.sendKeys('Escape');
    await waitForScreen(tui, /revoke cancelled: nothing was revoked/);
  }, 60_000);

  it.each([
    [80, 24],
    [60, 20],
  ])('%i×%i: the preview headline is whole', async (columns, rows) => {
    const { id } = await tokenWithDependents(`headline-${RUN}`, 2);
    const tui = await onCluster(columns, rows);
    await filterTo(tui, id, [id]);
    await tui.sendKeys('d');
    const preview = await waitForScreen(tui, (screen) => /Impact: [A-Z]+ — /.test(screen), 20_000);
    // (the cluster-wide line appears only when no other token of the shared cluster can authenticate)
    expect(joinedFrom(preview, 'Impact:', 3)).toMatch(/Impact: HIGH — (1 cluster-wide consequence, )?2 dependent objects, 1 signature removed\b/);
    expect(preview.split('\n').filter((line) => line.includes('Impact:') || line.includes('Revoke token'))).not.toContainEqual(expect.stringContaining('…'));
    await tui.sendKeys('Escape');
    await waitForScreen(tui, /revoke cancelled/);
  }, 60_000);
});
