// Preview-gated revocation, impact by server mode, and make-default, over real HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { createRestAdapter } from '../../src/adapters/rest/index.ts';
import type { WireImpact, WireToken, WireTokenList } from '../../src/rest-contract/wire.ts';
import { ManualClock, systemClock } from '../../src/core/clock.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startServerFixture, type ServerFixture } from './fixtures.ts';

const fixtures: ServerFixture[] = [];
async function start(options: Parameters<typeof startServerFixture>[0] = {}): Promise<ServerFixture> {
  const fixture = await startServerFixture(options);
  fixtures.push(fixture);
  return fixture;
}
afterEach(async () => {
  for (const fixture of fixtures.splice(0).reverse()) await fixture.close();
});

describe('DELETE /api/v1/tokens/{id}', () => {
  it('needs If-Match (428), refuses a stale ETag (412), revokes with a fresh one (204)', async () => {
    const server = await start();
    const { token, secret } = await server.mint();
    const del = (headers: Record<string, string> = {}) =>
      server.request('DELETE', `/api/v1/tokens/${token.id}`, { key: server.apiKey, headers });

    expect((await del()).status).toBe(428);
    expect((await del({ 'if-match': '*' })).status).toBe(428);

    const stalePreview = await server.impact(token.id);
    expect(stalePreview.headers.get('etag')).toBe(stalePreview.body.etag);
    // A machine joins with the token after the preview was shown: the preview is stale.
    expect((await server.redeem(secret, 'late-joiner', { canHoldCredential: false })).status).toBe(201);
    const stale = await del({ 'if-match': stalePreview.body.etag });
    expect(stale.status).toBe(412);
    expect(stale.error.error).toBe('precondition_failed');
    expect((await server.request('GET', `/api/v1/tokens/${token.id}`, { key: server.apiKey })).status).toBe(200);

    const fresh = await server.impact(token.id);
    expect(fresh.body.affectedMachines.map((machine) => machine.name)).toEqual(['late-joiner']);
    expect((await del({ 'if-match': fresh.body.etag })).status).toBe(204);
    expect((await server.request('GET', `/api/v1/tokens/${token.id}`, { key: server.apiKey })).status).toBe(404);
    const list = await server.request<WireTokenList>('GET', '/api/v1/tokens', { key: server.apiKey });
    expect(list.body.items.map((item) => item.id)).not.toContain(token.id);
    expect((await server.redeem(secret, 'after-revoke')).status).toBe(401);

    const revocations = (await server.audit()).filter((entry) => entry.action === 'token.revoke');
    expect(revocations.map((entry) => [entry.outcome, entry.reason, entry.actor])).toEqual([
      ['refused', 'precondition-required', 'alice'],
      ['refused', 'precondition-required', 'alice'],
      ['refused', 'precondition-failed', 'alice'],
      ['success', null, 'alice'],
    ]);
  });

  it("accepts the token's own etag (same value as the preview's) and refuses a read-only key (403)", async () => {
    const server = await start();
    const { token } = await server.mint();
    const denied = await server.request('DELETE', `/api/v1/tokens/${token.id}`, {
      key: server.readerKey,
      headers: { 'if-match': token.etag },
    });
    expect(denied.status).toBe(403);
    expect((await server.impact(token.id)).body.etag).toBe(token.etag);
    const done = await server.request('DELETE', `/api/v1/tokens/${token.id}`, { key: server.apiKey, headers: { 'if-match': token.etag } });
    expect(done.status).toBe(204);
  });
});

describe('impact of revoking the default token, by server mode', () => {
  /** Three machines joined with the default token: two hold their own credential, one cannot. */
  async function seedFleet(database: TestDatabase): Promise<string> {
    const server = await start({ ...database.options, mode: 'unique' });
    const { token, secret } = await server.mint({ ttlSeconds: null, description: 'fleet default' });
    expect((await server.request('POST', `/api/v1/tokens/${token.id}/make-default`, { key: server.apiKey })).status).toBe(200);
    for (const name of ['node-a', 'node-b']) expect((await server.redeem(secret, name)).status).toBe(201);
    expect((await server.redeem(secret, 'node-old', { canHoldCredential: false })).status).toBe(201);
    await server.server.close();
    return token.id;
  }

  it('unique mode: only the machine without its own credential loses access; legacy mode: every machine', async () => {
    const database = await createTestDatabase();
    try {
      const id = await seedFleet(database);
      const impacts: Record<string, WireImpact> = {};
      for (const mode of ['unique', 'legacy'] as const) {
        const server = await start({ ...database.options, mode });
        impacts[mode] = (await server.impact(id)).body;
        const adapter = await createRestAdapter(
          { adapter: 'rest', context: mode, server: server.url, apiKey: server.apiKey },
          { clock: systemClock },
        );
        const preview = await adapter.impact!(id);
        const losing = preview.state === 'known' ? preview.items.filter((item) => item.kind === 'machine-loses-access') : [];
        const cluster = preview.state === 'known' ? preview.items.filter((item) => item.kind === 'cluster-wide') : [];
        expect(losing.map((item) => item.subject), mode).toEqual(mode === 'unique' ? ['node-old'] : ['node-a', 'node-b', 'node-old']);
        expect(cluster).toHaveLength(1);
        expect(preview.fingerprint).toBe(`${id}:${impacts[mode]!.etag}`);
        await server.server.close();
      }
      expect(impacts.unique!.isDefault && impacts.legacy!.isDefault).toBe(true);
      expect(impacts.unique!.unaffectedMachines.map((machine) => machine.name)).toEqual(['node-a', 'node-b']);
      expect(impacts.legacy!.unaffectedMachines).toEqual([]);
      // The mode decides who depends on the token, so a preview from one mode is stale in the other.
      expect(impacts.unique!.etag).not.toBe(impacts.legacy!.etag);
    } finally {
      await database.remove();
    }
  });
});

describe('POST /api/v1/tokens/{id}/make-default', () => {
  it('moves the default, changing both tokens’ etags, and refuses an expired token (409)', async () => {
    const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
    const server = await start({ clock });
    const first = await server.mint({ ttlSeconds: null });
    const second = await server.mint({ ttlSeconds: 60 });
    const makeDefault = (id: string) => server.request<WireToken>('POST', `/api/v1/tokens/${id}/make-default`, { key: server.apiKey });
    expect((await makeDefault(first.token.id)).body.isDefault).toBe(true);
    const before = (await server.request<WireTokenList>('GET', '/api/v1/tokens', { key: server.apiKey })).body.items;
    expect((await makeDefault(second.token.id)).status).toBe(200);
    const after = (await server.request<WireTokenList>('GET', '/api/v1/tokens', { key: server.apiKey })).body.items;
    expect(after.filter((token) => token.isDefault).map((token) => token.id)).toEqual([second.token.id]);
    for (const token of after) expect(token.etag).not.toBe(before.find((old) => old.id === token.id)?.etag);

    clock.advance(61_000);
    const refused = await makeDefault(second.token.id);
    expect(refused.status).toBe(409);
    expect(refused.error.details).toEqual({ status: 'expired' });
    expect((await makeDefault('zzzzzz')).status).toBe(404);
    expect((await server.request('POST', `/api/v1/tokens/${first.token.id}/make-default`, { key: server.readerKey })).status).toBe(403);
  });
});
