// Three `tokentui serve` replicas (the built CLI, each its own process) on one PostgreSQL
// database of the scripts/pg cluster: one truth for redemptions, revocations and events.
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WireCreatedToken, WireImpact } from '../../src/rest-contract/wire.ts';
import { SCHEMA_VERSION } from '../../src/server/store/migrations.ts';
import { randomApiKey } from '../support/rest-server.ts';
import { runCli } from '../support/run-cli.ts';
import { followEvents, percentile, spawnServe, type ServeProcess } from '../support/serve-process.ts';
import { adminQuery, createPostgresDatabase, postgresAdminUrl, type TestDatabase } from '../support/test-database.ts';

const keys = { apiKey: randomApiKey(), readerKey: randomApiKey() };
let database: TestDatabase;
let replicas: ServeProcess[] = [];
const databaseUrl = () => (database.options as { databaseUrl: string }).databaseUrl;

beforeAll(async () => {
  database = await createPostgresDatabase();
  // Started at the same time on the fresh database: they race to migrate it.
  replicas = await Promise.all(
    ['a', 'b', 'c'].map(() => spawnServe({ args: ['--quiet', '--redeem-rate', '1000000/1000000'], env: database.env, keys })),
  );
});
afterAll(async () => {
  for (const replica of replicas) await replica.stop();
  await database?.remove();
});

const json = (key: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });

async function mint(replica: ServeProcess, body: object = {}): Promise<WireCreatedToken> {
  const response = await fetch(`${replica.url}/api/v1/tokens`, { method: 'POST', headers: json(keys.apiKey), body: JSON.stringify(body) });
  expect(response.status).toBe(201);
  return (await response.json()) as WireCreatedToken;
}

const stream = (replica: ServeProcess, headers: Record<string, string> = {}) => followEvents(replica.url, keys.readerKey, headers);
const tokenEvents = (followed: Awaited<ReturnType<typeof stream>>) =>
  followed.messages.filter((message) => message.id !== null).map((message) => ({ ...message, id: message.id as number, tokenId: (JSON.parse(message.data) as { tokenId: string }).tokenId }));

describe('three replicas on one PostgreSQL database', () => {
  it('migrated the fresh database once although all three started at once', async () => {
    const rows = await adminQuery('SELECT version FROM schema_migrations ORDER BY version', databaseUrl());
    expect(rows.rows.map((row: { version: number }) => row.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, index) => index + 1));
  });

  it('200 parallel redemptions of one single-use token spread across the replicas: exactly one success, 20 rounds', async () => {
    const pools = replicas.map((replica) => new Pool(replica.url, { connections: 70 }));
    try {
      for (let round = 0; round < 20; round++) {
        const { secret } = await mint(replicas[round % 3]!, { maxUses: 1 });
        const statuses = await Promise.all(
          Array.from({ length: 200 }, async (_, index) => {
            const response = await pools[index % 3]!.request({
              method: 'POST',
              path: '/api/v1/bootstrap',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ token: secret, machine: `r${round}-m${index}` }),
            });
            await response.body.dump();
            return response.statusCode;
          }),
        );
        expect(statuses.filter((status) => status === 201), `round ${round}`).toHaveLength(1);
        expect(statuses.filter((status) => status === 410), `round ${round}`).toHaveLength(199);
      }
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
    }
  }, 180_000);

  it('a token minted on replica A is on replica C’s event stream within 1 s, with the same id everywhere', async () => {
    const onC = await stream(replicas[2]!);
    const onB = await stream(replicas[1]!);
    try {
      const latencies: number[] = [];
      for (let attempt = 0; attempt < 10; attempt++) {
        // From before the mint request: an upper bound on how long the event took to reach C.
        const minted = performance.now();
        const { token } = await mint(replicas[0]!);
        await vi.waitFor(() => expect(onC.tokenIds()).toContain(token.id), { timeout: 1000, interval: 5 });
        latencies.push((tokenEvents(onC).find((event) => event.tokenId === token.id)?.at ?? Infinity) - minted);
      }
      console.log(`replica A mint request -> event on replica C: median ${percentile(latencies, 0.5).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);
      expect(Math.max(...latencies)).toBeLessThan(1000);
      await vi.waitFor(() => expect(tokenEvents(onB).length).toBe(tokenEvents(onC).length));
      expect(tokenEvents(onB).map((event) => [event.id, event.tokenId])).toEqual(tokenEvents(onC).map((event) => [event.id, event.tokenId]));
    } finally {
      onC.stop();
      onB.stop();
    }
  });

  it('resumes a stream on another replica with Last-Event-ID', async () => {
    const onA = await stream(replicas[0]!);
    const minted = [await mint(replicas[1]!), await mint(replicas[1]!), await mint(replicas[1]!)];
    await vi.waitFor(() => expect(onA.tokenIds()).toEqual(minted.map((created) => created.token.id)));
    onA.stop();
    const seen = tokenEvents(onA);
    const onC = await stream(replicas[2]!, { 'last-event-id': String(seen[0]!.id) });
    try {
      await vi.waitFor(() => expect(tokenEvents(onC).map((event) => event.id)).toEqual(seen.slice(1).map((event) => event.id)));
    } finally {
      onC.stop();
    }
  });

  it('revokes on A with the ETag of a preview on B; a stale one gets 412', async () => {
    const [a, b, c] = replicas as [ServeProcess, ServeProcess, ServeProcess];
    const { token, secret } = await mint(a);
    const preview = async () => (await (await fetch(`${b.url}/api/v1/tokens/${token.id}/impact`, { headers: json(keys.readerKey) })).json()) as WireImpact;
    const revoke = (etag: string) => fetch(`${a.url}/api/v1/tokens/${token.id}`, { method: 'DELETE', headers: { ...json(keys.apiKey), 'if-match': etag } });
    const stale = await preview();
    const joined = await fetch(`${c.url}/api/v1/bootstrap`, { method: 'POST', headers: json(''), body: JSON.stringify({ token: secret, machine: 'late', canHoldCredential: false }) });
    expect(joined.status).toBe(201);
    expect((await revoke(stale.etag)).status).toBe(412);
    const fresh = await preview();
    expect(fresh.affectedMachines.map((machine) => machine.name)).toEqual(['late']);
    expect((await revoke(fresh.etag)).status).toBe(204);
    expect((await fetch(`${c.url}/api/v1/tokens/${token.id}`, { headers: json(keys.readerKey) })).status).toBe(404);
  });
});

describe('the PostgreSQL password', () => {
  const password = decodeURIComponent(new URL(postgresAdminUrl()).password);

  it('never appears in a replica’s command line or start-up line', () => {
    for (const replica of replicas) {
      expect(readFileSync(`/proc/${replica.child.pid}/cmdline`, 'utf8')).not.toContain(password);
      const started = replica.stderrLines.join('\n');
      expect(started).toMatch(/database postgres:\/\/tokentui_admin:\*\*\*@127\.0\.0\.1:\d+\/tt_/);
      expect(started).not.toContain(password);
    }
  });

  it('is refused in --database (exit 2, not repeated), taken from PGPASSWORD, and absent from a failure', async () => {
    const withPassword = await runCli(['serve', '--database', databaseUrl(), '--migrate-only']);
    expect(withPassword.code).toBe(2);
    expect(withPassword.stderr).toMatch(/must not carry the password/);
    expect(withPassword.stderr + withPassword.stdout).not.toContain(password);

    const bare = new URL(databaseUrl());
    bare.password = '';
    const fromEnv = await runCli(['serve', '--database', bare.toString(), '--migrate-only'], { PGPASSWORD: password });
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    expect(fromEnv.stderr).toMatch(/schema version \d+ \(nothing to apply\)/);

    const wrong = await runCli(['serve', '--database', bare.toString(), '--migrate-only'], { PGPASSWORD: `${password}-wrong` });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/cannot be reached.*password authentication failed/s);
    expect(wrong.stderr).not.toContain(password);
  });

  it('--migrate-only migrates a fresh database from TOKENTUI_DATABASE_URL and exits; a second run has nothing to do', async () => {
    const fresh = await createPostgresDatabase();
    try {
      const first = await runCli(['serve', '--migrate-only'], fresh.env);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toMatch(new RegExp(`schema version ${SCHEMA_VERSION} \\(applied ${Array.from({ length: SCHEMA_VERSION }, (_, index) => index + 1).join(', ')}\\)`));
      const second = await runCli(['serve', '--migrate-only'], fresh.env);
      expect(second.stderr).toMatch(/nothing to apply/);
    } finally {
      await fresh.remove();
    }
  });
});
