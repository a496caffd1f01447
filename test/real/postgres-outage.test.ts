// PostgreSQL taken away for 10 s in the middle of a burst of mints on three replicas: every
// acknowledged mint is there afterwards, the replicas answer 503 (with the reason) meanwhile
// and come back by themselves, event streams included. The test runs its own PostgreSQL (the
// scripts/pg scripts in a private state dir), so stopping it disturbs no other test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WireCreatedToken, WireTokenList } from '../../src/rest-contract/wire.ts';
import { randomApiKey } from '../support/rest-server.ts';
import { followEvents, spawnServe, type ServeProcess } from '../support/serve-process.ts';
import { adminQuery } from '../support/test-database.ts';

const scripts = join(import.meta.dirname, '../../scripts/pg');
const state = mkdtempSync(join(tmpdir(), 'tokentui-pg-outage.'));
const pgEnv = { ...process.env, TOKENTUI_PG_STATE: state };
const keys = { apiKey: randomApiKey(), readerKey: randomApiKey() };
let replicas: ServeProcess[] = [];

function ctl(action: 'stop' | 'start'): void {
  execFileSync('bash', [join(scripts, 'ctl.sh'), action], { env: pgEnv, stdio: 'inherit' });
}

beforeAll(async () => {
  execFileSync('bash', [join(scripts, 'up.sh')], { env: pgEnv, stdio: 'inherit' });
  const adminUrl = /TOKENTUI_PG_URL='([^']+)'/.exec(readFileSync(join(state, 'env'), 'utf8'))?.[1] ?? '';
  await adminQuery('CREATE DATABASE outage', adminUrl);
  const url = new URL(adminUrl);
  url.pathname = '/outage';
  replicas = await Promise.all(
    [1, 2, 3].map(() => spawnServe({ args: ['--redeem-rate', '1000000/1000000'], env: { TOKENTUI_DATABASE_URL: url.toString() }, keys })),
  );
}, 60_000);
afterAll(async () => {
  for (const replica of replicas) await replica.stop();
  execFileSync('bash', [join(scripts, 'down.sh')], { env: pgEnv });
  rmSync(state, { recursive: true, force: true });
});

const headers = { authorization: `Bearer ${keys.apiKey}`, 'content-type': 'application/json' };

describe('PostgreSQL stopped for 10 s during a burst of mints', () => {
  it('keeps every acknowledged mint, answers 503 with the reason meanwhile, and recovers without a restart', async () => {
    const acknowledged: string[] = [];
    const statuses = new Map<string, number>();
    const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
    let running = true;
    const worker = async (index: number) => {
      for (let attempt = 0; running; attempt++) {
        const replica = replicas[(index + attempt) % 3]!;
        try {
          const response = await fetch(`${replica.url}/api/v1/tokens`, { method: 'POST', headers, body: '{"description":"burst"}' });
          const body = (await response.json()) as WireCreatedToken & { details?: { reason?: string } };
          count(response.status === 503 ? `503 ${body.details?.reason}` : String(response.status));
          if (response.status === 201) acknowledged.push(body.token.id);
          else await new Promise((resolve) => setTimeout(resolve, 50));
        } catch (error) {
          count(`transport ${(error as Error).message}`);
        }
      }
    };
    const events = await followEvents(replicas[2]!.url, keys.readerKey);
    const workers = Array.from({ length: 6 }, (_, index) => worker(index));
    await vi.waitFor(() => expect(acknowledged.length).toBeGreaterThan(100), { timeout: 20_000 });

    ctl('stop');
    const stoppedAt = performance.now();
    // /ready probes at most once a second: within the outage every replica must say why it is not ready.
    const readyDuringOutage = await Promise.all(
      replicas.map(async (replica) => {
        let body: unknown;
        await vi.waitFor(async () => {
          const response = await fetch(`${replica.url}/api/v1/ready`);
          body = await response.json();
          expect(response.status).toBe(503);
        }, { timeout: 5000, interval: 200 });
        return body;
      }),
    );
    const acknowledgedBeforeStart = acknowledged.length;
    // The outage itself: ten seconds without a database (not a wait for a result).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 10_000 - (performance.now() - stoppedAt))));
    ctl('start');

    // Every replica mints again by itself.
    for (const replica of replicas) {
      await vi.waitFor(async () => {
        const response = await fetch(`${replica.url}/api/v1/tokens`, { method: 'POST', headers, body: '{}' });
        expect(response.status).toBe(201);
        acknowledged.push(((await response.json()) as WireCreatedToken).token.id);
      }, { timeout: 30_000, interval: 250 });
      expect((await fetch(`${replica.url}/api/v1/ready`)).status).toBe(200);
    }
    running = false;
    await Promise.all(workers);

    console.log(`outage burst: ${acknowledged.length} acknowledged; answers ${JSON.stringify(Object.fromEntries(statuses))}`);
    for (const body of readyDuringOutage) expect(body).toMatchObject({ error: 'unavailable', details: { reason: 'database-unreachable' } });
    expect(statuses.get('503 database-unreachable') ?? 0).toBeGreaterThan(0);
    expect([...statuses.keys()].filter((key) => key !== '201' && !key.startsWith('503 database-'))).toEqual([]);
    expect(acknowledgedBeforeStart).toBeGreaterThan(100);

    const list = (await (await fetch(`${replicas[1]!.url}/api/v1/tokens`, { headers })).json()) as WireTokenList;
    const present = new Set(list.items.map((token) => token.id));
    expect(acknowledged.filter((id) => !present.has(id))).toEqual([]);

    // The event stream on C survived the outage and follows a mint on A again.
    const { token } = (await (await fetch(`${replicas[0]!.url}/api/v1/tokens`, { method: 'POST', headers, body: '{}' })).json()) as WireCreatedToken;
    await vi.waitFor(() => expect(events.tokenIds()).toContain(token.id), { timeout: 10_000 });
    events.stop();
  }, 120_000);
});
