// Issue 22 against the real LXD daemon (scripts/lxd/with-lxd.sh): tokens made by the real lxc
// show in the adapter with their expiry; revokes through the adapter leave real lxc's lists;
// tokens made by the adapter are byte for byte what lxc lists, and a trust token enrolls a
// brand-new client with the real `lxc remote add`.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LxdTokenAdapter } from '../../src/adapters/lxd/index.ts';
import { lifetimeSeconds } from '../../src/adapters/lxd/expiry.ts';
import { tokenStatus } from '../../src/core/token.ts';
import { httpsSettings, lxc, lxcAddToken, lxcTokens, realLxd, realLxdAdapter, shell, unixSettings } from '../support/real-lxd.ts';

const lxd = realLxd();
const run = randomUUID().slice(0, 6);
let adapter: LxdTokenAdapter;
let overHttps: LxdTokenAdapter;

beforeAll(async () => {
  adapter = await realLxdAdapter(unixSettings(lxd));
  overHttps = await realLxdAdapter(httpsSettings(lxd));
});
afterAll(async () => {
  await adapter?.close?.();
  await overHttps?.close?.();
});

/** lxc prints expiry to the minute in UTC: "2026/12/06 16:09 UTC". */
function lxcMinute(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '/')} ${iso.slice(11, 16)} UTC`;
}

describe('lxd tokens against the real daemon', () => {
  it('shows a join token made by `lxc cluster add` with its expiry, over the socket and over HTTPS', async () => {
    const name = `lxc-made-${run}`;
    const before = Date.now();
    const text = await lxcAddToken(lxd, 'join', name);
    const after = Date.now();
    const row = (await lxcTokens(lxd, 'join')).find((candidate) => candidate.name === name)!;
    expect(row.token).toBe(text);
    for (const via of [adapter, overHttps]) {
      const token = (await via.list()).find((candidate) => candidate.description === name);
      expect(token, 'listed by the adapter').toBeDefined();
      expect(token!.scope).toBe('join');
      const lifetime = lifetimeSeconds(lxd.joinTokenExpiry, before)! * 1000;
      expect(token!.expiresAt).toBeGreaterThanOrEqual(before + lifetime - 1000);
      expect(token!.expiresAt).toBeLessThanOrEqual(after + lifetime + 1000);
      expect(lxcMinute(token!.expiresAt!)).toBe(row.expiresAt);
      // Listed, never shown: the token text lxc printed is nowhere in what the adapter returns.
      expect(JSON.stringify(await via.list())).not.toContain(text);
    }
    await lxc(lxd, ['cluster', 'revoke-token', name]);
  });

  it('revokes at the previewed revision: the token leaves `lxc cluster list-tokens`', async () => {
    const name = `revoke-me-${run}`;
    await lxcAddToken(lxd, 'join', name);
    const token = (await adapter.list()).find((candidate) => candidate.description === name)!;
    const preview = await adapter.impact!(token.id);
    expect(preview).toMatchObject({ state: 'known', items: expect.arrayContaining([{ kind: 'join-in-progress', subject: name, detail: expect.any(String) }]) });
    await expect(adapter.revoke!(token.id, { ...token.revision!, version: '2000-01-01T00:00:00Z' })).rejects.toMatchObject({ kind: 'conflict' });
    expect((await lxcTokens(lxd, 'join')).map((row) => row.name)).toContain(name);
    const report = await adapter.revoke!(token.id, token.revision);
    expect(report).toMatchObject({ warnings: [], verified: [expect.stringMatching(/Cancelled|gone/)] });
    expect((await lxcTokens(lxd, 'join')).map((row) => row.name)).not.toContain(name);
  });

  it('revokes a trust token made by `lxc config trust add` over HTTPS: it leaves `lxc config trust list-tokens`', async () => {
    const name = `trust-revoke-${run}`;
    await lxcAddToken(lxd, 'trust', name);
    const token = (await overHttps.list()).find((candidate) => candidate.description === name)!;
    expect(token).toMatchObject({ scope: 'trust', expiresAt: null });
    await overHttps.revoke!(token.id, token.revision);
    expect((await lxcTokens(lxd, 'trust')).map((row) => row.name)).not.toContain(name);
  });

  it('creates join tokens lxc lists byte for byte, and refuses one for an existing member', async () => {
    const name = `tokentui-made-${run}`;
    const created = await adapter.create!({ description: name, ttlSeconds: adapter.capabilities.ttl.defaultSeconds });
    const row = (await lxcTokens(lxd, 'join')).find((candidate) => candidate.name === name);
    expect(row?.token).toBe(created.secret);
    expect(row?.expiresAt).toBe(lxcMinute(created.token.expiresAt!));
    await expect(adapter.create!({ description: lxd.member, ttlSeconds: adapter.capabilities.ttl.defaultSeconds })).rejects.toMatchObject({ kind: 'already-exists', field: 'description' });
    expect((await lxcTokens(lxd, 'join')).map((candidate) => candidate.name)).not.toContain(lxd.member);
    await adapter.revoke!(created.token.id, created.token.revision);
  });

  it('creates a restricted trust token that a fresh client enrolls with through the real `lxc remote add`', async () => {
    const name = `client-${run}`;
    const created = await adapter.create!({ description: name, ttlSeconds: null, fields: { kind: 'trust', projects: ['default'] } });
    expect((await lxcTokens(lxd, 'trust')).find((row) => row.name === name)?.token).toBe(created.secret);
    const command = await adapter.joinCommand!(created);
    expect(command).toBe(`lxc remote add real-lxd '${created.secret}'`);
    const freshConf = mkdtempSync(join(tmpdir(), 'lxc-client-'));
    try {
      // The enroll command as tokentui prints it, run by a client that has never seen the server.
      await shell(lxd, command, freshConf);
      const listed = await lxc(lxd, ['cluster', 'list', 'real-lxd:', '-f', 'csv'], freshConf);
      expect(listed).toContain(lxd.member);
      const trusted = JSON.parse(await lxc(lxd, ['query', '/1.0/certificates?recursion=1'])) as { name: string; restricted: boolean; projects: string[] }[];
      expect(trusted.find((certificate) => certificate.name === name)).toMatchObject({ restricted: true, projects: ['default'] });
      // Spent by its one use: gone from both lists.
      expect((await adapter.list()).map((token) => token.id)).not.toContain(created.token.id);
      expect((await lxcTokens(lxd, 'trust')).map((row) => row.name)).not.toContain(name);
    } finally {
      rmSync(freshConf, { recursive: true, force: true });
    }
  });

  it('changes cluster.join_token_expiry as a separate action, and the next token follows it', async () => {
    const original = adapter.capabilities.ttl.defaultSeconds!;
    try {
      await adapter.setServerTtl(45 * 60);
      expect((await lxc(lxd, ['config', 'get', 'cluster.join_token_expiry'])).trim()).toBe('45M');
      expect(adapter.capabilities.ttl).toMatchObject({ defaultSeconds: 2700, minSeconds: 2700, maxSeconds: 2700 });
      const before = Date.now();
      const created = await adapter.create!({ description: `short-${run}`, ttlSeconds: 2700 });
      expect(created.token.expiresAt! - before).toBeGreaterThan(2700_000 - 2000);
      expect(created.token.expiresAt! - before).toBeLessThan(2700_000 + 2000);
      await adapter.revoke!(created.token.id);
    } finally {
      await adapter.setServerTtl(original);
    }
    expect((await lxc(lxd, ['config', 'get', 'cluster.join_token_expiry'])).trim()).toBe(lxd.joinTokenExpiry);
  });

  it('keeps showing an expired join token as LXD does, and previews its revoke as affecting nobody', async () => {
    const original = adapter.capabilities.ttl.defaultSeconds!;
    const name = `expired-${run}`;
    try {
      await adapter.setServerTtl(1);
      await lxcAddToken(lxd, 'join', name);
    } finally {
      await adapter.setServerTtl(original);
    }
    const token = (await adapter.list()).find((candidate) => candidate.description === name)!;
    await vi.waitFor(() => expect(tokenStatus(token, Date.now())).toBe('expired'), { timeout: 5_000, interval: 100 });
    expect((await lxcTokens(lxd, 'join')).map((row) => row.name)).toContain(name);
    expect((await adapter.list()).map((candidate) => candidate.id)).toContain(token.id);
    expect(await adapter.impact!(token.id)).toMatchObject({ state: 'known', items: [], unknowns: [] });
    await adapter.revoke!(token.id, token.revision);
    expect((await lxcTokens(lxd, 'join')).map((row) => row.name)).not.toContain(name);
  });
});
