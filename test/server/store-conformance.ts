// The store conformance suite: what every TokenStore (SQLite, PostgreSQL) must do, each case
// on a fresh database, with several stores open on it at once standing for replicas.
// Called by test/server/store.conformance.test.ts for the store under test.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServerMode } from '../../src/rest-contract/wire.ts';
import { systemClock, type Clock } from '../../src/core/clock.ts';
import type { ApiError } from '../../src/server/api-error.ts';
import { MIGRATIONS, MIGRATIONS_TABLE, SCHEMA_VERSION } from '../../src/server/store/migrations.ts';
import type { Dialect } from '../../src/server/store/sql.ts';
import type { RedeemInput, TokenStore } from '../../src/server/store/token-store.ts';

export interface HarnessDatabase {
  open(options?: { clock?: Clock; mode?: ServerMode }): Promise<TokenStore>;
  /** Runs SQL on the database directly (as an operator or an attacker with its credentials would). */
  exec(sql: string): Promise<void>;
  remove(): Promise<void>;
}

export interface StoreHarness {
  /** PostgreSQL announces appends to other replicas (NOTIFY); SQLite's other processes poll. */
  readonly announcesAcrossReplicas: boolean;
  readonly dialect: Dialect;
  fresh(): Promise<HarnessDatabase>;
}

const operator = { actor: 'alice', client: '127.0.0.1' };
const mintInput = { ttlSeconds: 600, maxUses: null, description: 'conformance', scope: 'test', ...operator };

function redeemInput(token: string, machine: string): RedeemInput {
  return { token, machine, canHoldCredential: true, pending: false, client: '127.0.0.1' };
}

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as ApiError).status ?? 500;
  }
}

export function describeStoreConformance(name: string, harness: StoreHarness): void {
  describe(`store conformance: ${name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    async function database(): Promise<HarnessDatabase> {
      const fresh = await harness.fresh();
      cleanups.push(() => fresh.remove());
      return fresh;
    }
    async function replicas(db: HarnessDatabase, count: number, clock?: Clock): Promise<TokenStore[]> {
      const stores: TokenStore[] = [];
      for (let index = 0; index < count; index++) stores.push(await db.open({ clock }));
      for (const store of stores) cleanups.push(() => store.close());
      return stores;
    }

    it('migrates a fresh database once when replicas open it at the same time, and not again', async () => {
      const db = await database();
      const opened = await Promise.all(Array.from({ length: 4 }, () => db.open()));
      for (const store of opened) cleanups.push(() => store.close());
      expect(opened.map((store) => store.schema.version)).toEqual([SCHEMA_VERSION, SCHEMA_VERSION, SCHEMA_VERSION, SCHEMA_VERSION]);
      const appliers = opened.filter((store) => store.schema.applied.length > 0);
      expect(appliers).toHaveLength(1);
      expect(appliers[0]!.schema.applied).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, index) => index + 1));
      const again = await db.open();
      cleanups.push(() => again.close());
      expect(again.schema.applied).toEqual([]);
    });

    it('migrates a database an older release left at schema version 2, tokens and all: they replace nothing, a new one records what it replaces', async () => {
      const db = await database();
      // The database as the release before migration 3 (tokens.replaces) left it, with a token in it.
      await db.exec(MIGRATIONS_TABLE[harness.dialect]);
      for (const migration of MIGRATIONS.filter((candidate) => candidate.version <= 2)) {
        await db.exec(migration.sql[harness.dialect]);
        await db.exec(`INSERT INTO schema_migrations (version, description, applied_at) VALUES (${migration.version}, 'before 3', 0)`);
      }
      const hash = harness.dialect === 'postgres' ? "decode('00', 'hex')" : "X'00'";
      await db.exec(`INSERT INTO tokens (id, secret_hash, description, scope, created_at, created_by, expires_at, max_uses) VALUES ('old001', ${hash}, 'from v2', 'workers', 0, 'alice', NULL, 5)`);
      const [store] = await replicas(db, 1);
      expect(store!.schema).toEqual({ applied: MIGRATIONS.filter((migration) => migration.version > 2).map((migration) => migration.version), version: SCHEMA_VERSION });
      expect(await store!.getToken('old001')).toMatchObject({ id: 'old001', description: 'from v2', scope: 'workers', maxUses: 5, replaces: null });
      const { token } = await store!.mintToken({ ...mintInput, replaces: 'old001' });
      expect(await store!.getToken(token.id)).toMatchObject({ replaces: 'old001' });
    });

    it('mints a token whose secret appears in the mint answer only', async () => {
      const [store] = await replicas(await database(), 1);
      const { token, secret } = await store!.mintToken(mintInput);
      expect(secret).toMatch(new RegExp(`^${token.id}\\.[a-z0-9]{16}$`));
      const list = await store!.listTokens();
      expect(list.items.map((item) => item.id)).toEqual([token.id]);
      expect(await store!.getToken(token.id)).toEqual(token);
      const everything = JSON.stringify([list, await store!.events.after(0, 100), await store!.auditPage(null, 100)]);
      expect(everything).not.toContain(secret.split('.')[1]);
    });

    it('redeems a single-use token exactly once across three replicas, and audits every refusal', async () => {
      const stores = await replicas(await database(), 3);
      const { token, secret } = await stores[0]!.mintToken({ ...mintInput, maxUses: 1 });
      const statuses = await Promise.all(
        Array.from({ length: 60 }, (_, index) => statusOf(stores[index % 3]!.redeem(redeemInput(secret, `racer-${index}`)))),
      );
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 410)).toHaveLength(59);
      expect((await stores[1]!.getToken(token.id)).uses).toBe(1);
      expect(await stores[2]!.listMachines()).toHaveLength(1);
      const redemptions = (await stores[0]!.auditPage(null, 1000)).items.filter((entry) => entry.action === 'bootstrap.redeem');
      expect(redemptions.filter((entry) => entry.outcome === 'success')).toHaveLength(1);
      expect(redemptions.filter((entry) => entry.reason === 'consumed')).toHaveLength(59);
    });

    it('counts every one of many concurrent redemptions of an unlimited token (no lost update)', async () => {
      const stores = await replicas(await database(), 3);
      const { token, secret } = await stores[0]!.mintToken(mintInput);
      await Promise.all(Array.from({ length: 45 }, (_, index) => stores[index % 3]!.redeem(redeemInput(secret, `node-${index}`))));
      expect((await stores[2]!.getToken(token.id)).uses).toBe(45);
    });

    it('refuses a wrong secret without counting a use', async () => {
      const [store] = await replicas(await database(), 1);
      const { token } = await store!.mintToken(mintInput);
      expect(await statusOf(store!.redeem(redeemInput(`${token.id}.aaaaaaaaaaaaaaaa`, 'intruder')))).toBe(401);
      expect((await store!.getToken(token.id)).uses).toBe(0);
      expect((await store!.auditPage(null, 10)).items[0]).toMatchObject({ outcome: 'refused', reason: 'wrong-secret' });
    });

    it('revokes with an ETag previewed on another replica, and refuses a stale or missing one', async () => {
      const [a, b, c] = await replicas(await database(), 3);
      const { token, secret } = await a!.mintToken(mintInput);
      const stale = await b!.computeImpact(token.id);
      await c!.redeem({ ...redeemInput(secret, 'late-joiner'), canHoldCredential: false });
      expect(await statusOf(a!.revokeToken(token.id, stale.etag, operator))).toBe(412);
      expect(await statusOf(a!.revokeToken(token.id, undefined, operator))).toBe(428);
      const fresh = await b!.computeImpact(token.id);
      expect(fresh.affectedMachines.map((machine) => machine.name)).toEqual(['late-joiner']);
      await a!.revokeToken(token.id, fresh.etag, operator);
      expect(await statusOf(c!.getToken(token.id))).toBe(404);
      expect(await statusOf(b!.redeem(redeemInput(secret, 'after')))).toBe(401);
    });

    it('leaves exactly one default when two replicas make different tokens the default at once', async () => {
      const [a, b] = await replicas(await database(), 2);
      for (let round = 0; round < 5; round++) {
        const [first, second] = [await a!.mintToken(mintInput), await a!.mintToken(mintInput)];
        await Promise.all([a!.makeDefault(first.token.id, operator), b!.makeDefault(second.token.id, operator)]);
        const defaults = (await b!.listTokens()).items.filter((item) => item.isDefault);
        expect(defaults.map((item) => item.id)).toHaveLength(1);
        expect([first.token.id, second.token.id]).toContain(defaults[0]!.id);
      }
    });

    it('enrolls one machine redeeming two tokens on two replicas at once, without an error', async () => {
      const [a, b] = await replicas(await database(), 2);
      const [one, two] = [await a!.mintToken(mintInput), await a!.mintToken(mintInput)];
      for (let round = 0; round < 10; round++) {
        await Promise.all([a!.redeem(redeemInput(one.secret, `twin-${round}`)), b!.redeem(redeemInput(two.secret, `twin-${round}`))]);
      }
      const machines = await a!.listMachines();
      expect(machines.map((machine) => machine.name).sort()).toEqual(Array.from({ length: 10 }, (_, round) => `twin-${round}`).sort());
    });

    it('numbers events without gaps in commit order, the same on every replica, and lists consistently with them', async () => {
      const [a, b, c] = await replicas(await database(), 3);
      const listings: Awaited<ReturnType<TokenStore['listTokens']>>[] = [];
      let writing = true;
      const lister = (async () => {
        while (writing) {
          listings.push(await c!.listTokens());
          // A SQLite store answers within microtasks: let the writers' timers run between lists.
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      await Promise.all(Array.from({ length: 30 }, (_, index) => (index % 2 === 0 ? a : b)!.mintToken(mintInput)));
      writing = false;
      await lister;
      listings.push(await c!.listTokens());
      const events = await c!.events.after(0, 1000);
      expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
      expect(await a!.events.lastSeq()).toBe(30);
      const createdAt = new Map(events.map((event) => [(JSON.parse(event.data) as { tokenId: string }).tokenId, event.seq]));
      // Every list holds exactly the tokens whose creation event is at or below its eventSeq.
      for (const listing of listings) {
        const expected = [...createdAt].filter(([, seq]) => seq <= listing.eventSeq).map(([id]) => id);
        expect(listing.items.map((item) => item.id).sort()).toEqual(expected.sort());
      }
    });

    it(`announces appended events to ${harness.announcesAcrossReplicas ? 'the other replicas' : 'its own listeners'}`, async () => {
      const [a, b] = await replicas(await database(), 2);
      const listening = harness.announcesAcrossReplicas ? b! : a!;
      let calls = 0;
      const stop = listening.events.onAppended(() => (calls += 1));
      try {
        await vi.waitFor(async () => {
          const before = calls;
          await a!.mintToken(mintInput);
          await vi.waitFor(() => expect(calls).toBeGreaterThan(before), { timeout: 1000 });
        }, { timeout: 5000 });
      } finally {
        stop();
      }
    });

    it('keeps the audit log append-only: UPDATE and DELETE are refused, even sent to the database directly', async () => {
      const db = await database();
      const [store] = await replicas(db, 1);
      await store!.mintToken(mintInput);
      await expect(db.exec("UPDATE audit SET actor = 'mallory'")).rejects.toThrow(/append-only/);
      await expect(db.exec('DELETE FROM audit')).rejects.toThrow(/append-only/);
      expect((await store!.auditPage(null, 10)).items).toMatchObject([{ actor: 'alice', action: 'token.mint' }]);
    });

    it('commits a readiness probe, and uses the clock it was given', async () => {
      const clock = { now: () => Date.parse('2030-01-01T00:00:00Z') };
      const [store] = await replicas(await database(), 1, clock);
      await expect(store!.probeWrite()).resolves.toBeUndefined();
      expect((await store!.mintToken(mintInput)).token.createdAt).toBe('2030-01-01T00:00:00.000Z');
      expect(systemClock.now()).toBeLessThan(clock.now());
    });
  });
}
