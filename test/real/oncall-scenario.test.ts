// Issue 8, "Must show": the on-call scenario, as one session of the built app (dist/cli.js) in
// tmux on a fresh HOME with two contexts: the real control plane (its kubeconfig context,
// discovered from KUBECONFIG beside a broken file) and the reference REST server over loopback
// (a saved rest context in config.json, its API key referenced by an environment variable).
// On each: `/` filters to one token among several, `r` rotates it (the replacement is shown
// once and `y` sends its join command: the OSC 52 bytes decode to exactly that command), the
// old token's impact preview is confirmed and it is revoked; the backend then confirms the old
// token gone and the replacement working. `:ctx NAME` switches between them; `:audit` lists both
// rotations. Every screen is awaited by polling, never by sleeping.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminFetch, bearerStatus, kubeadm, realCluster, waitFor } from '../support/real-cluster.ts';
import { startTestRestServer, type TestRestServer } from '../support/rest-server.ts';
import { startTmux, type TmuxSession } from '../support/tmux.ts';
import { confirmRevoke, listedIds, waitForScreen } from '../support/tui-flows.ts';
import { connectionLine, copyBuiltCli, nodeBin, repoRoot } from '../support/tui-app.ts';
import { decodeOsc52 } from '../ui/osc52-decode.ts';
import { removeScratch } from '../support/at-rest.ts';

const RUN = randomBytes(3).toString('hex');
const ROLES = ['web', 'db', 'leaked'] as const;
const description = (role: string) => `oncall ${role}-${RUN}`;
const FILTER = `leaked-${RUN}`;
const REST_CONTEXT = 'lab-rest';
const API_KEY_VARIABLE = 'ONCALL_LAB_API_KEY';

interface Seeded {
  readonly ids: readonly string[];
  /** The token the scenario rotates: its id, and `<id>.<secret>` to prove it stops working. */
  readonly leakedId: string;
  readonly leakedToken: string;
}

interface Rotation {
  readonly newId: string;
  readonly newToken: string;
  /** Every OSC 52 payload written while `y` was pressed, decoded. */
  readonly copied: readonly string[];
  readonly preview: string;
  readonly confirmation: 'typed-id' | 'yes';
}

interface AuditLine {
  readonly action: string;
  readonly tokenId: string;
  readonly outcome: string;
  readonly context: string;
  readonly adapter: string;
}

/** `kubeadm join 127.0.0.1:6443 --token <id.secret> --discovery-token-ca-cert-hash sha256:…` */
let kubeJoinReference = '';

async function seedKubeTokens(): Promise<Seeded> {
  const tokens = new Map<string, string>();
  for (const role of ROLES) {
    // The real kubeadm's own join command: the reference for what `y` must copy.
    const created = await kubeadm(['token', 'create', '--ttl', '2h', '--description', description(role), '--print-join-command']);
    expect(created.code, created.stderr).toBe(0);
    const token = /--token ([a-z0-9]{6}\.[a-z0-9]{16})\b/.exec(created.stdout)?.[1] ?? '';
    expect(token, 'kubeadm printed no join command').not.toBe('');
    tokens.set(role, token);
    kubeJoinReference = created.stdout.trim().replace(/\s+/g, ' ');
  }
  const leakedToken = tokens.get('leaked') ?? '';
  return { ids: [...tokens.values()].map((token) => token.slice(0, 6)), leakedId: leakedToken.slice(0, 6), leakedToken };
}

async function restApi(rest: TestRestServer, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${rest.url}${path}`, { ...init, headers: { authorization: `Bearer ${rest.apiKey}`, 'content-type': 'application/json', ...init.headers } });
}

async function seedRestTokens(rest: TestRestServer): Promise<Seeded> {
  const tokens = new Map<string, string>();
  for (const role of ROLES) {
    const response = await restApi(rest, '/api/v1/tokens', { method: 'POST', body: JSON.stringify({ ttlSeconds: 3600, description: description(role) }) });
    expect(response.status).toBe(201);
    tokens.set(role, ((await response.json()) as { secret: string }).secret);
  }
  const leakedToken = tokens.get('leaked') ?? '';
  return { ids: [...tokens.values()].map((token) => token.slice(0, 6)), leakedId: leakedToken.slice(0, 6), leakedToken };
}

async function restTokenIds(rest: TestRestServer): Promise<string[]> {
  const response = await restApi(rest, '/api/v1/tokens');
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { id: string }[] }).items.map((token) => token.id);
}

/** A machine redeeming the token, as the copied curl command does: 201 when the token works. */
async function redeemStatus(rest: TestRestServer, token: string): Promise<number> {
  const response = await fetch(`${rest.url}/api/v1/bootstrap`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, machine: `oncall-${RUN}` }) });
  await response.arrayBuffer();
  return response.status;
}

async function runCommandLine(tui: TmuxSession, command: string): Promise<void> {
  await tui.sendKeys(':');
  await tui.sendText(command);
  const prompt = new RegExp(`^:${command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm');
  await waitForScreen(tui, prompt);
  await tui.sendKeys('Enter');
}

/** From the list: filter to `oldId`, rotate it through the plan, copy the join command, confirm, back to the list. */
async function rotateFiltered(tui: TmuxSession, oldId: string, recording: string): Promise<Rotation> {
  await tui.sendKeys('/');
  await tui.sendText(FILTER);
  await tui.sendKeys('Enter');
  await waitForScreen(tui, (screen) => new RegExp(`· 1 of \\d+ tokens match "${FILTER}"`).test(screen) && listedIds(screen).join() === oldId);

  await tui.sendKeys('r');
  await waitForScreen(tui, (screen) => screen.includes(`Rotate ${oldId}`) && /Replacement · step \d of \d: /.test(screen));
  // The wizard comes prefilled from the old token (kubeadm asks for usages and groups too): Enter to the review.
  for (let steps = 0; ; steps++) {
    const screen = await tui.capture();
    if (/Replacement · step (\d) of \1: review/.test(screen)) break;
    if (steps > 6) throw new Error(`the replacement wizard never reached its review:\n${screen}`);
    const step = /Replacement · step (\d) of/.exec(screen)?.[1];
    await tui.sendKeys('Enter');
    await waitForScreen(tui, (next) => /Replacement · step (\d) of/.exec(next)?.[1] !== step);
  }
  await tui.sendKeys('Enter');
  const shown = await waitForScreen(tui, (screen) => /✓ replacement [a-z0-9]{6} created/.test(screen) && /^Join command$/m.test(screen), 30_000);
  const newId = /✓ replacement ([a-z0-9]{6}) created/.exec(shown)?.[1] ?? '';
  const newToken = new RegExp(`^  (${newId}\\.[a-z0-9]{16})$`, 'm').exec(shown)?.[1] ?? '';
  expect(newToken, 'the result screen shows the replacement token').not.toBe('');

  await tui.startRecording(recording);
  await tui.sendKeys('y');
  await waitForScreen(tui, /join command sent to the terminal clipboard/);
  await waitFor(() => decodeOsc52(readFileSync(recording, 'latin1')).length > 0, { timeoutMs: 5_000, description: 'an OSC 52 sequence in the pane output' });
  await tui.stopRecording();
  const copied = decodeOsc52(readFileSync(recording, 'latin1'));

  await tui.sendKeys('Escape');
  const preview = await waitForScreen(tui, (screen) => screen.includes(`Revoke token ${oldId}`) && /Impact: /.test(screen), 30_000);
  const confirmation = await confirmRevoke(tui, oldId);
  // kubeadm's revoke waits for the controller to drop the cluster-info signature.
  await waitForScreen(tui, (screen) => screen.includes(`✓ ${oldId} replaced by ${newId} and revoked`) && screen.includes(`✓ ${oldId} revoked — verified`), 90_000);
  await tui.sendKeys('Escape');
  await waitForScreen(tui, (screen) => screen.includes(`rotated ${oldId} → ${newId}`) && listedIds(screen).join() === newId);
  return { newId, newToken, copied, preview, confirmation };
}

/** The copies equal `expected`; compared with the secret masked so a failure never prints it. */
function expectCopiedExactly(rotation: Rotation, expected: string): void {
  const mask = (text: string) => text.replaceAll(rotation.newToken, `${rotation.newId}.<secret>`);
  expect(rotation.copied.length).toBeGreaterThan(0);
  for (const payload of rotation.copied) {
    expect(payload.includes(rotation.newToken), 'the copied command carries the replacement token').toBe(true);
    expect(mask(payload)).toBe(mask(expected));
  }
}

describe('the on-call scenario in one real terminal: the real control plane, then the reference REST server', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'tokentui-oncall-'));
  const home = join(scratch, 'home');
  const kubeContext = /^current-context: (\S+)$/m.exec(readFileSync(realCluster().kubeconfig, 'utf8'))?.[1] ?? '';
  let rest: TestRestServer;
  let tui: TmuxSession | undefined;
  let kube: Seeded | undefined;
  // tmux can mark the pane dead before it has the exit status (tmux/tmux#4841): sh records it.
  const exitStatusFile = join(scratch, 'exit-status');
  const kubeTokensLeft: string[] = [];

  beforeAll(async () => {
    const cli = copyBuiltCli(mkdtempSync(join(scratch, 'app-')));
    rest = await startTestRestServer();
    kube = await seedKubeTokens();
    kubeTokensLeft.push(...kube.ids);
    // config.json as a user writes it by hand (README "Configuration"): the key only referenced.
    mkdirSync(join(home, '.config', 'tokentui'), { recursive: true });
    const saved = { contexts: [{ name: REST_CONTEXT, adapter: 'rest', server: rest.url, apiKey: { env: API_KEY_VARIABLE }, pollIntervalSeconds: 2 }] };
    writeFileSync(join(home, '.config', 'tokentui', 'config.json'), `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
    const broken = join(scratch, 'broken.yaml');
    writeFileSync(broken, 'apiVersion: v1\ncontexts:\n  - name: [unclosed\n');
    tui = await startTmux({
      command: ['sh', '-c', `"$@"; echo $? > '${exitStatusFile}'`, 'sh', nodeBin, cli, '--context', kubeContext],
      columns: 200,
      rows: 45,
      cwd: repoRoot,
      env: {
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        XDG_STATE_HOME: join(home, '.local', 'state'),
        XDG_CACHE_HOME: join(home, '.cache'),
        KUBECONFIG: [realCluster().kubeconfig, broken].join(delimiter),
        TOKENTUI_SYSTEM_KUBECONFIGS: '',
        [API_KEY_VARIABLE]: rest.apiKey,
      },
    });
  }, 120_000);

  afterAll(async () => {
    await tui?.kill();
    await rest?.close();
    // Leave the shared cluster as found; the revoked token is gone already.
    for (const id of kubeTokensLeft) await kubeadm(['token', 'delete', id]);
    // The pane recordings hold replacement secrets in the clear.
    removeScratch(scratch);
  });

  it('filter, copy, rotate and revoke on each backend, switching with :ctx, then :audit', async () => {
    if (tui === undefined || kube === undefined) throw new Error('the scenario did not start');
    const seededKube = kube;
    await waitForScreen(tui, (screen) => connectionLine(screen).startsWith('● live') && seededKube.ids.every((id) => listedIds(screen).includes(id)), 30_000);
    expect((await tui.capture()).split('\n')[0]).toBe(`tokentui · ${kubeContext} · kubeadm · ${realCluster().server}`);

    // The real control plane.
    const onCluster = await rotateFiltered(tui, kube.leakedId, join(scratch, 'kube.bytes'));
    kubeTokensLeft.push(onCluster.newId);
    expectCopiedExactly(onCluster, kubeJoinReference.replace(/--token \S+/, `--token ${onCluster.newToken}`));
    // The real cluster-info signature makes the impact non-empty, so the id had to be typed.
    expect(onCluster.preview).toContain(`jws-kubeconfig-${kube.leakedId}`);
    expect(onCluster.confirmation).toBe('typed-id');
    expect((await adminFetch(`/api/v1/namespaces/kube-system/secrets/bootstrap-token-${kube.leakedId}`)).status).toBe(404);
    await waitFor(async () => (await bearerStatus(onCluster.newToken)) === 200, { timeoutMs: 15_000, description: 'the replacement authenticates to the real apiserver' });
    await waitFor(async () => (await bearerStatus(kube?.leakedToken ?? '')) === 401, { timeoutMs: 15_000, description: 'the revoked token is refused by the real apiserver' });

    // The reference REST server, through the saved context.
    const restSeeded = await seedRestTokens(rest);
    await runCommandLine(tui, `ctx ${REST_CONTEXT}`);
    const restList = await waitForScreen(tui, (screen) => connectionLine(screen).startsWith('● live') && restSeeded.ids.every((id) => listedIds(screen).includes(id)), 30_000);
    expect(restList.split('\n')[0]).toBe(`tokentui · ${REST_CONTEXT} · rest · ${rest.url}`);
    expect(listedIds(restList)).not.toContain(onCluster.newId);
    const onRest = await rotateFiltered(tui, restSeeded.leakedId, join(scratch, 'rest.bytes'));
    const curl = `curl -fsS -X POST '${rest.url}/api/v1/bootstrap' -H 'content-type: application/json' -d "{\\"token\\":\\"${onRest.newToken}\\",\\"machine\\":\\"$(hostname)\\"}"`;
    expectCopiedExactly(onRest, curl);
    expect(onRest.preview).toContain('Impact: NONE');
    expect(onRest.confirmation).toBe('yes');
    const restIds = await restTokenIds(rest);
    expect(restIds).toContain(onRest.newId);
    expect(restIds).not.toContain(restSeeded.leakedId);
    expect(await redeemStatus(rest, restSeeded.leakedToken)).not.toBe(201);
    expect(await redeemStatus(rest, onRest.newToken)).toBe(201);

    // Both rotations in the audit view, each under its own context and adapter.
    await runCommandLine(tui, 'audit');
    const audit = await waitForScreen(tui, (screen) => /audit journal · \d+ records/.test(screen) && screen.includes(onRest.newId), 10_000);
    // Each record names the backend itself too (the cluster's server, the REST service's URL), and
    // the rotation it belongs to: which token replaced which (issue 14).
    const cluster = realCluster().server.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const service = rest.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(audit).toMatch(new RegExp(`rotate  ${kube.leakedId} \\(replaced by ${onCluster.newId}\\)  success  typed-id .* ${kubeContext} \\(kubeadm ${cluster}\\)  impact `));
    expect(audit).toMatch(new RegExp(`create  ${onCluster.newId} \\(replaces ${kube.leakedId}\\)  success .* ${kubeContext} \\(kubeadm ${cluster}\\)`));
    expect(audit).toMatch(new RegExp(`rotate  ${restSeeded.leakedId} \\(replaced by ${onRest.newId}\\)  success  yes .* ${REST_CONTEXT} \\(rest ${service}\\)  impact none`));
    expect(audit).toMatch(new RegExp(`create  ${onRest.newId} \\(replaces ${restSeeded.leakedId}\\)  success .* ${REST_CONTEXT} \\(rest ${service}\\)`));
    const journal = readFileSync(join(home, '.local', 'state', 'tokentui', 'audit.jsonl'), 'utf8');
    const records = journal.trim().split('\n').map((line) => JSON.parse(line) as AuditLine);
    expect(records.map(({ action, tokenId, outcome, context, adapter }) => ({ action, tokenId, outcome, context, adapter }))).toEqual([
      { action: 'create', tokenId: onCluster.newId, outcome: 'success', context: kubeContext, adapter: 'kubeadm' },
      { action: 'rotate', tokenId: kube.leakedId, outcome: 'success', context: kubeContext, adapter: 'kubeadm' },
      { action: 'create', tokenId: onRest.newId, outcome: 'success', context: REST_CONTEXT, adapter: 'rest' },
      { action: 'rotate', tokenId: restSeeded.leakedId, outcome: 'success', context: REST_CONTEXT, adapter: 'rest' },
    ]);
    expect(journal.includes(onCluster.newToken.slice(7)) || journal.includes(onRest.newToken.slice(7)), 'a secret in the audit journal').toBe(false);

    // And back: the cluster's tokens again, the choice remembered, a clean exit.
    await tui.sendKeys('Escape');
    await runCommandLine(tui, `ctx ${kubeContext}`);
    const back = await waitForScreen(tui, (screen) => screen.startsWith(`tokentui · ${kubeContext} · kubeadm`) && listedIds(screen).includes(onCluster.newId), 30_000);
    expect(listedIds(back)).not.toContain(kube.leakedId);
    const config = JSON.parse(readFileSync(join(home, '.config', 'tokentui', 'config.json'), 'utf8')) as { currentContext?: string };
    expect(config.currentContext).toBe(kubeContext);
    await tui.sendKeys('q');
    await waitFor(() => existsSync(exitStatusFile) && readFileSync(exitStatusFile, 'utf8').trim(), { timeoutMs: 15_000, description: 'the TUI exits on q' });
    expect(readFileSync(exitStatusFile, 'utf8').trim()).toBe('0');
  }, 300_000);
});
