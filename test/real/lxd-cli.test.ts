// Issue 22, "Must show", on the command line: the built tokentui (dist/cli.js) against the real
// LXD daemon (scripts/lxd/with-lxd.sh), checked with the real lxc. A join token made by
// `lxc cluster add` is listed with its expiry counting down; revoke without --confirm exits 3
// and leaves it in `lxc cluster list-tokens`, with --confirm removes it there; contexts come
// from lxc's client config; the server's join token lifetime changes only when confirmed; a
// trust token's kind and projects (--kind, --projects) reach the real LXD and survive a rotation.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeScratch } from '../support/at-rest.ts';
import { lxc, lxcAddToken, lxdTrustRequests, lxcTokens, realLxd } from '../support/real-lxd.ts';
import { runCli } from '../support/run-cli.ts';
import { requireBuiltCli } from '../support/tui-app.ts';

requireBuiltCli();
const lxd = realLxd();
const run = randomUUID().slice(0, 6);
const scratch = mkdtempSync(join(tmpdir(), 'tokentui-lxd-cli-'));
// A private HOME and XDG dirs (audit journal, config.json); no kubeconfig, no system sockets.
const env = {
  HOME: scratch,
  XDG_CONFIG_HOME: join(scratch, 'config'),
  XDG_STATE_HOME: join(scratch, 'state'),
  KUBECONFIG: join(scratch, 'none'),
  TOKENTUI_SYSTEM_KUBECONFIGS: '',
  TOKENTUI_SYSTEM_LXD_SOCKETS: '',
};
const socket = ['--adapter', 'lxd', '--server', `unix://${lxd.socket}`];

afterAll(() => removeScratch(scratch));


interface Listed {
  readonly id: string;
  readonly description: string;
  readonly ttlSeconds: number | null;
  readonly expiresAt: string | null;
  readonly status: string;
  readonly scope?: string;
  readonly restricted?: boolean;
  readonly kind?: string;
  readonly serverFingerprint?: string;
  readonly addresses?: string;
}

async function listed(args: readonly string[] = socket, extraEnv: Record<string, string> = {}): Promise<Listed[]> {
  const result = await runCli([...args, 'list', '-o', 'json'], { ...env, ...extraEnv });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Listed[];
}

const auditRecords = () =>
  readFileSync(join(scratch, 'state/tokentui/audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { action: string; tokenId: string; outcome: string; confirmation?: string; adapter: string });

describe('tokentui --adapter lxd on the command line, against the real daemon', () => {
  it('lists a join token made by the real `lxc cluster add`, its expiry counting down, never its secret', async () => {
    const name = `cli-lxc-${run}`;
    const text = await lxcAddToken(lxd, 'join', name);
    const first = (await listed()).find((token) => token.description === name);
    expect(first).toMatchObject({ status: 'active', scope: 'join', kind: 'join', serverFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/), addresses: expect.stringContaining('127.0.0.1:') });
    expect(first!.ttlSeconds).toBeGreaterThan(0);
    expect(first!.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const again = await runCli([...socket, 'list', '-o', 'json'], env);
    const second = (JSON.parse(again.stdout) as Listed[]).find((token) => token.id === first!.id)!;
    expect(second.expiresAt).toBe(first!.expiresAt);
    expect(second.ttlSeconds!).toBeLessThanOrEqual(first!.ttlSeconds! - 2);
    expect(again.stdout).not.toContain(text);
    await lxc(lxd, ['cluster', 'revoke-token', name]);
  });

  it('revoke without --confirm exits 3 and the token stays in `lxc cluster list-tokens`; with it, it is gone there', async () => {
    const name = `cli-revoke-${run}`;
    await lxcAddToken(lxd, 'join', name);
    const id = (await listed()).find((token) => token.description === name)!.id;
    const refused = await runCli([...socket, 'revoke', id], env);
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.stdout).toMatch(new RegExp(`Impact of revoking token ${id}: HIGH`));
    expect(refused.stdout).toMatch(new RegExp(`Joins in progress that will fail \\(1\\):\\n  ${name}\\n`));
    expect(refused.stdout).toMatch(/For context \(not changed by the revoke\) \(1\):\n  cluster\n    the cluster has 1 member, 1 of them database voters/);
    expect((await lxcTokens(lxd, 'join')).map((row) => row.name)).toContain(name);
    const revoked = await runCli([...socket, 'revoke', id, '--confirm', id], env);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect((await lxcTokens(lxd, 'join')).map((row) => row.name)).not.toContain(name);
    expect(auditRecords().filter((record) => record.tokenId === id).map(({ adapter, action, outcome }) => [adapter, action, outcome])).toEqual([
      ['lxd', 'revoke', 'refused'],
      ['lxd', 'revoke', 'success'],
    ]);
  });

  it('creates a trust token with --kind trust --projects and --description that the real lxc lists; flags that do not fit and --ttl other than the server\'s are refused', async () => {
    const name = `cli-client-${run}`;
    const created = await runCli([...socket, 'create', '--kind', 'trust', '--projects', 'default', '--description', name, '-o', 'json'], env);
    expect(created.code, created.stderr).toBe(0);
    const token = JSON.parse(created.stdout) as { id: string; token: string; scope: string; description: string; fields: unknown };
    expect(token).toMatchObject({ scope: 'trust projects=default', description: name, fields: { kind: 'trust', projects: ['default'] } });
    expect((await lxcTokens(lxd, 'trust')).find((row) => row.name === name)?.token).toBe(token.token);
    // The restriction as the real LXD holds it.
    expect((await lxdTrustRequests(lxd, name)).map((request) => [request.restricted, request.projects])).toEqual([[true, ['default']]]);
    for (const [flags, message] of [
      [['--projects', 'default'], /^tokentui: --projects: projects is only for kind trust\nhint: add --kind trust, or leave out --projects\n/],
      [['--kind', 'join', '--projects', 'default'], /^tokentui: --projects: projects is only for kind trust\n/],
      [['--kind', 'admin'], /^tokentui: --kind: kind must be one of join, trust\n/],
      [['--scope', 'trust'], /^tokentui: --scope: tokens of the lxd adapter have no such field \(rest only\)\n/],
    ] as const) {
      const refused = await runCli([...socket, 'create', ...flags, '--description', `cli-refused-${run}`], env);
      expect(refused.code, flags.join(' ')).toBe(2);
      expect(refused.stderr).toMatch(message);
    }
    const names = async (kind: 'join' | 'trust') => (await lxcTokens(lxd, kind)).map((row) => row.name);
    expect([...(await names('join')), ...(await names('trust'))]).not.toContain(`cli-refused-${run}`);
    const wrongTtl = await runCli([...socket, 'create', '--description', `cli-ttl-${run}`, '--ttl', '5m'], env);
    expect(wrongTtl.code).toBe(2);
    expect(wrongTtl.stderr).toMatch(/^tokentui: --ttl: the server sets every token's lifetime \(cluster\.join_token_expiry = 2H\)/);
    expect(wrongTtl.stderr).toMatch(/hint: leave out --ttl, or change the setting first: tokentui server-ttl 5m/);
    expect((await lxcTokens(lxd, 'join')).map((row) => row.name)).not.toContain(`cli-ttl-${run}`);
    expect((await runCli([...socket, 'revoke', token.id, '--confirm', token.id], env)).code).toBe(0);
  });

  it('rotates a restricted trust token into one of the same kind and projects, as the real LXD holds it; the old one is gone', async () => {
    const name = `cli-rotate-${run}`;
    const created = await runCli([...socket, 'create', '--kind', 'trust', '--projects', 'default', '--description', name, '-o', 'json'], env);
    expect(created.code, created.stderr).toBe(0);
    const old = (JSON.parse(created.stdout) as { id: string }).id;
    try {
      const rotated = await runCli([...socket, 'rotate', old, '--confirm', old], env);
      expect(rotated.code, rotated.stderr).toBe(0);
      const tokens = (await listed()).filter((token) => token.description === name);
      expect(tokens).toHaveLength(1);
      expect(tokens[0]).toMatchObject({ scope: 'trust projects=default', kind: 'trust', restricted: true });
      expect(tokens[0]!.id).not.toBe(old);
      expect((await lxdTrustRequests(lxd, name)).map((request) => [request.restricted, request.projects])).toEqual([[true, ['default']]]);
    } finally {
      for (const token of (await listed()).filter((candidate) => candidate.description === name)) {
        expect((await runCli([...socket, 'revoke', token.id, '--confirm', token.id], env)).code).toBe(0);
      }
    }
  });

  it('changes cluster.join_token_expiry only when the server name is confirmed, and records each attempt', async () => {
    const shown = await runCli([...socket, 'server-ttl'], env);
    expect(shown).toMatchObject({ code: 0, stdout: `cluster.join_token_expiry = ${lxd.joinTokenExpiry} on unix://${lxd.socket}: every join token created from now (trust tokens never expire: core.remote_token_expiry)\n` });
    const refused = await runCli([...socket, 'server-ttl', '45m'], env);
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.stdout).toContain(`cluster.join_token_expiry ${lxd.joinTokenExpiry} -> 45m: every join token created from now`);
    expect(refused.stderr).toMatch(new RegExp(`hint: rerun with --confirm ${lxd.member} `));
    expect((await lxc(lxd, ['config', 'get', 'cluster.join_token_expiry'])).trim()).toBe(lxd.joinTokenExpiry);
    try {
      const changed = await runCli([...socket, 'server-ttl', '45m', '--confirm', lxd.member, '-o', 'json'], env);
      expect(changed.code, changed.stderr).toBe(0);
      expect(JSON.parse(changed.stdout)).toMatchObject({ setting: 'cluster.join_token_expiry', value: '45M', seconds: 2700, before: lxd.joinTokenExpiry });
      expect((await lxc(lxd, ['config', 'get', 'cluster.join_token_expiry'])).trim()).toBe('45M');
      const name = `cli-45m-${run}`;
      const created = await runCli([...socket, 'create', '--description', name, '-o', 'json'], env);
      expect(created.code, created.stderr).toBe(0);
      const { id, ttlSeconds } = JSON.parse(created.stdout) as { id: string; ttlSeconds: number };
      expect(ttlSeconds).toBeGreaterThan(2700 - 60);
      expect(ttlSeconds).toBeLessThanOrEqual(2700);
      expect((await runCli([...socket, 'revoke', id, '--confirm', id], env)).code).toBe(0);
    } finally {
      await lxc(lxd, ['config', 'set', 'cluster.join_token_expiry', lxd.joinTokenExpiry]);
    }
    expect(auditRecords().filter((record) => record.action === 'server-ttl').map(({ tokenId, confirmation, outcome }) => [tokenId, confirmation, outcome])).toEqual([
      ['cluster.join_token_expiry', 'none', 'refused'],
      ['cluster.join_token_expiry', 'flag', 'success'],
    ]);
  });

  it('finds the HTTPS remote in lxc\'s client config as a context, and lists through it with the pinned certificate', async () => {
    const contexts = await runCli(['contexts', '-o', 'json'], { ...env, LXD_CONF: lxd.httpsConf });
    expect(contexts.code, contexts.stderr).toBe(0);
    const remote = (JSON.parse(contexts.stdout) as { name: string; adapter: string; server: string }[]).find((context) => context.name === `lxc:${lxd.httpsRemote}`);
    expect(remote).toMatchObject({ adapter: 'lxd', server: lxd.url });
    const name = `cli-https-${run}`;
    await lxcAddToken(lxd, 'join', name);
    try {
      expect((await listed(['--context', `lxc:${lxd.httpsRemote}`], { LXD_CONF: lxd.httpsConf })).map((token) => token.description)).toContain(name);
      // The same remote named by its URL: lxc's pinned server certificate is found by address.
      expect((await listed(['--adapter', 'lxd', '--server', lxd.url], { LXD_CONF: lxd.httpsConf })).map((token) => token.description)).toContain(name);
    } finally {
      await lxc(lxd, ['cluster', 'revoke-token', name]);
    }
  });
});
