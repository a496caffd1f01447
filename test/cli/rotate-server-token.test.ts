// `tokentui rotate --server-token` against the emulated k3s supervisor (test/support/k3s-supervisor.ts)
// and a stub Kubernetes API, with the k3s adapter injected through the command harness. The
// negatives (nothing sent) are read off the supervisor's own request log.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenAdapter } from '../../src/adapters/contract.ts';
import { createK3sAdapter, type K3sAdapter } from '../../src/adapters/k3s/index.ts';
import { runRotate } from '../../src/cli/commands/rotate.ts';
import type { AuditRecord } from '../../src/core/audit.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { snapshotTokenHash } from '../../src/core/k3s-token.ts';
import { createStubKubeClient, list, nodeObject, snapshotObject, STUB_CONNECTION } from '../support/k3s-kube-stub.ts';
import { startK3sSupervisor, type K3sSupervisor } from '../support/k3s-supervisor.ts';
import { createMemoryBackend } from '../support/memory-adapter.ts';
import { runCommandWith, tempStateHome } from './command-harness.ts';

const OLD = 'old-server-password-0123456789ab';
let supervisor: K3sSupervisor;
let state: ReturnType<typeof tempStateHome>;
const clock = new ManualClock(Date.parse('2026-11-23T12:00:00Z'));
const kube = createStubKubeClient({
  '/api/v1/nodes': list([nodeObject('server-1', ['control-plane', 'etcd']), nodeObject('agent-1', [])]),
  '/apis/k3s.cattle.io/v1/etcdsnapshotfiles': list([
    snapshotObject('before-rotation', { node: 'server-1', tokenHash: snapshotTokenHash(OLD), createdAt: '2026-03-01T00:00:00Z', location: 'file:///snap/a' }),
    snapshotObject('ancient', { node: 'server-1', tokenHash: snapshotTokenHash('even-older-password'), createdAt: '2025-01-01T00:00:00Z' }),
  ]),
});

/** The k3s adapter over the stubs; the token file is reported unreadable so the env path is exercised. */
function k3sAdapter(): K3sAdapter {
  const adapter = createK3sAdapter({ adapter: 'k3s', kube: STUB_CONNECTION, supervisor: supervisor.url }, { clock, kubeClient: kube });
  return { ...adapter, serverToken: { ...adapter.serverToken, readTokenFile: async () => ({ found: false, path: '/var/lib/rancher/k3s/server/token', reason: 'no such file' }) } };
}

const oldToken = () => supervisor.tokenFile.trim();
const env = (token: string | undefined) => ({ XDG_STATE_HOME: state.path, HOME: state.path, TOKENTUI_K3S_OLD_TOKEN: token });
interface RotateOptions {
  token?: string;
  adapter?: () => Promise<TokenAdapter>;
  tty?: boolean;
  readHidden?: (prompt: string) => Promise<string | null>;
}
const rotate = (argv: string[], options: RotateOptions = {}) =>
  runCommandWith(['rotate', '--server-token', ...argv], runRotate, options.adapter ?? (async () => k3sAdapter()), {
    env: env('token' in options ? options.token : oldToken()),
    clock,
    ...(options.tty === undefined ? {} : { tty: options.tty }),
    ...(options.readHidden === undefined ? {} : { readHidden: options.readHidden }),
  });
const checklistFiles = () => (existsSync(rotationsDir()) ? readdirSync(rotationsDir()).filter((name) => name.endsWith('.checklist.json')) : []);
const rotationsDir = () => join(state.path, 'tokentui', 'rotations');
const puts = () => supervisor.requests.filter((request) => request.method === 'PUT');
const audit = (): AuditRecord[] =>
  readFileSync(state.journal, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as AuditRecord);
const host = () => new URL(supervisor.url).host;

beforeEach(async () => {
  supervisor = await startK3sSupervisor({ serverPassword: OLD });
  state = tempStateHome();
});
afterEach(async () => {
  await supervisor.close();
  state.remove();
});

describe('rotate --server-token', () => {
  it('without --confirm: prints impact and checklist, exit 3, no PUT, refusal audited', async () => {
    const run = await rotate([]);
    expect(run.code).toBe(3);
    expect(puts()).toEqual([]);
    expect(supervisor.passwd.find((row) => row.name === 'server')?.password).toBe(OLD);
    expect(run.stdout).toContain('server-1: server (control-plane,etcd');
    expect(run.stdout).toContain('agent-1: agent');
    expect(run.stdout).toContain('snapshot before-rotation: on server-1 at file:///snap/a, taken 2026-03-01T00:00:00Z');
    expect(run.stdout).not.toContain('snapshot ancient');
    expect(run.stdout).toContain('1 other snapshot(s) were taken under even older tokens');
    expect(run.stdout).toMatch(/\[ \] server-1: set the new token/);
    expect(run.stderr).toContain(`--confirm ${host()}`);
    expect(audit()).toEqual([expect.objectContaining({ action: 'rotate', tokenId: 'server-token', outcome: 'refused', adapter: 'k3s' })]);
    expect(`${run.stdout}${run.stderr}${readFileSync(state.journal, 'utf8')}`).not.toContain(OLD);
  });

  it('a --confirm that is not the supervisor host:port: exit 3, no PUT', async () => {
    const run = await rotate(['--confirm', 'yes']);
    expect(run.code).toBe(3);
    expect(puts()).toEqual([]);
  });

  it('with the right --confirm: exactly one PUT (Basic server:<old>, body key newToken), new token printed once', async () => {
    const run = await rotate(['--confirm', host()]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(puts()).toEqual([expect.objectContaining({ path: '/v1-k3s/token', auth: 'basic', basicUser: 'server', bodyKeys: ['newToken'], status: 200 })]);
    const newPassword = supervisor.passwd.find((row) => row.name === 'server')?.password ?? '';
    expect(newPassword).toMatch(/^[0-9a-f]{32}$/);
    const newToken = supervisor.tokenFile.trim();
    expect(run.stdout.split(newToken)).toHaveLength(2);
    expect(run.stdout).not.toContain(OLD);
    const journal = readFileSync(state.journal, 'utf8');
    expect(journal).not.toContain(newPassword);
    expect(journal).not.toContain(OLD);
    expect(audit()).toEqual([expect.objectContaining({ action: 'rotate', tokenId: 'server-token', confirmation: 'flag', outcome: 'success' })]);
  });

  it('a wrong old token: exit 1 with the 403 explanation, nothing rotated', async () => {
    const run = await rotate(['--confirm', host()], { token: `K10${supervisor.caBundleSha256}::server:not-the-password` });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/refused the old server token \(403 forbidden\): nothing was rotated/);
    expect(run.stderr).not.toContain('not-the-password');
    expect(puts()).toEqual([expect.objectContaining({ status: 403 })]);
    expect(supervisor.passwd.find((row) => row.name === 'server')?.password).toBe(OLD);
    expect(audit()).toEqual([expect.objectContaining({ outcome: 'failure' })]);
  });

  it('no old token anywhere: exit 2 naming the file and the variable, nothing sent', async () => {
    const run = await rotate(['--confirm', host()], { token: undefined });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('/var/lib/rancher/k3s/server/token');
    expect(run.stderr).toContain('TOKENTUI_K3S_OLD_TOKEN');
    expect(supervisor.requests).toEqual([]);
  });

  it('a non-k3s adapter: exit 2, nothing sent', async () => {
    const run = await rotate(['--confirm', host()], { adapter: async () => createMemoryBackend({ clock }).adapter });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--server-token needs the k3s adapter (--adapter k3s)');
    expect(supervisor.requests).toEqual([]);
  });

  it('takes no token ID', async () => {
    const run = await rotate(['abcdef']);
    expect(run.code).toBe(2);
    expect(run.adapterOpens).toBe(0);
  });
});

describe('rotate --server-token: the masked prompt', () => {
  it('on a terminal without file or variable: asks once on the hidden prompt, then plans with what was typed', async () => {
    const prompts: string[] = [];
    const run = await rotate([], { token: undefined, tty: true, readHidden: async (prompt) => (prompts.push(prompt), oldToken()) });
    expect(prompts).toEqual(['Old k3s server token (input hidden): ']);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('snapshot before-rotation');
    expect(`${run.stdout}${run.stderr}`).not.toContain(OLD);
    expect(puts()).toEqual([]);
  });

  it('Ctrl-C at the prompt: exit 3, nothing sent at all', async () => {
    const run = await rotate(['--confirm', host()], { token: undefined, tty: true, readHidden: async () => null });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('aborted at the old server token prompt; nothing was sent');
    expect(supervisor.requests).toEqual([]);
  });

  it('not a terminal: the usage error, never a prompt', async () => {
    let asked = false;
    const run = await rotate([], { token: undefined, tty: false, readHidden: async () => ((asked = true), oldToken()) });
    expect(run.code).toBe(2);
    expect(asked).toBe(false);
  });
});

describe('rotate --server-token: the checklist kept until ticked off', () => {
  it('is kept after a rotation (never a token), printed by the next run, and ticked off with --done', async () => {
    const rotated = await rotate(['--confirm', host()]);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain('The checklist is kept in the rotation journal');
    const [file] = checklistFiles();
    const text = readFileSync(join(rotationsDir(), file ?? ''), 'utf8');
    expect(text).toContain(snapshotTokenHash(OLD));
    expect(text).not.toContain(OLD);
    expect(text).not.toContain(supervisor.passwd[0]?.password ?? 'missing');

    const listed = await rotate(['--checklist']);
    expect(listed.code).toBe(0);
    expect(listed.adapterOpens).toBe(0);
    expect(listed.stdout).toContain('3 of 3 checklist items open');
    expect(listed.stdout).toMatch(/1\. \[ \] server-1: set the new token/);
    expect(listed.stdout).toMatch(/3\. \[ \] 1 snapshot taken under it: store the OLD token/);

    const ticked = await rotate(['--done', '2']);
    expect(ticked.stdout).toContain('Ticked off item 2: agent-1.');
    expect(ticked.stdout).toMatch(/2\. \[x\] agent-1/);
    // A later rotation prints what is still open (the next old token is the new one).
    const next = await rotate([], { token: supervisor.tokenFile.trim() });
    expect(next.stdout).toContain('Open checklists from earlier server-token rotations');
    expect(next.stdout).toContain('2 of 3 checklist items open');

    await rotate(['--done', '1']);
    const done = await rotate(['--done', '3']);
    expect(done.stdout).toContain('no longer listed');
    expect(done.stdout).toContain('No open server-token checklist.');
    expect((await rotate(['--checklist'])).stdout).toBe('No open server-token checklist.\n');
    expect(checklistFiles()).toHaveLength(1);
  });

  it('--done with a number that is not listed: exit 2, nothing changed', async () => {
    await rotate(['--confirm', host()]);
    const run = await rotate(['--done', '9']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('give an item number from 1 to 3');
  });
});
