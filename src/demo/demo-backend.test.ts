import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRestAdapter } from '../adapters/rest/index.ts';
import type { WatchEvent } from '../adapters/contract.ts';
import type { WireMachineList } from '../rest-contract/wire.ts';
import { ManualClock } from '../core/clock.ts';
import { tokenStatus } from '../core/token.ts';
import { startDemoBackend, type DemoBackend } from './demo-backend.ts';

let demo: DemoBackend | undefined;
afterEach(async () => {
  await demo?.close();
  demo = undefined;
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

async function machines(backend: DemoBackend): Promise<WireMachineList['items']> {
  const response = await fetch(`${backend.settings.server}/api/v1/machines`, {
    headers: { authorization: `Bearer ${backend.settings.apiKey}` },
  });
  return ((await response.json()) as WireMachineList).items;
}

describe('startDemoBackend', () => {
  it('serves seeded tokens covering every TTL case, a default, and machines with and without credentials', async () => {
    const clock = new ManualClock(Date.parse('2026-11-23T12:00:00Z'));
    demo = await startDemoBackend({ clock, feed: { maxSteps: 0 } });
    expect(demo.settings).toMatchObject({ adapter: 'rest', context: 'demo', server: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    const adapter = await createRestAdapter(demo.settings, { clock });
    const tokens = await adapter.list();
    const remaining = tokens.map((token) => (token.expiresAt === null ? null : token.expiresAt - clock.now()));
    expect(remaining.some((ms) => ms !== null && ms > 0 && ms < MINUTE)).toBe(true);
    expect(remaining.some((ms) => ms !== null && ms > HOUR && ms < DAY)).toBe(true);
    expect(remaining.some((ms) => ms !== null && ms > 7 * DAY)).toBe(true);
    expect(remaining.filter((ms) => ms === null).length).toBeGreaterThanOrEqual(1);
    expect(tokens.filter((token) => tokenStatus(token, clock.now()) === 'expired')).toHaveLength(1);
    expect(tokens.filter((token) => tokenStatus(token, clock.now()) === 'used-up')).toHaveLength(1);
    expect(tokens.filter((token) => token.isDefault)).toHaveLength(1);
    const fleet = await machines(demo);
    expect(fleet.some((machine) => machine.hasOwnCredential)).toBe(true);
    expect(fleet.some((machine) => !machine.hasOwnCredential)).toBe(true);
    expect(fleet.some((machine) => machine.state === 'enrolling')).toBe(true);
    const defaultToken = tokens.find((token) => token.isDefault)!;
    const preview = await adapter.impact!(defaultToken.id);
    expect(preview.state === 'known' && preview.items.filter((item) => item.kind === 'machine-loses-access').length).toBeGreaterThan(0);
  });

  it('lets a bounded number of enrollments arrive while it runs, visible through the event stream', async () => {
    demo = await startDemoBackend({ feed: { firstDelayMs: 400, intervalMs: 10, maxSteps: 3 } });
    const adapter = await createRestAdapter(demo.settings, { clock: new ManualClock(Date.now()) });
    const events: WatchEvent[] = [];
    const controller = new AbortController();
    adapter.watch!((event) => events.push(event), controller.signal);
    try {
      // Live before the first scripted step (400 ms), so every step shows up as an upsert.
      await vi.waitFor(() => expect(events.some((event) => event.type === 'state' && event.state === 'live')).toBe(true));
      const names = async () => (await machines(demo!)).map((machine) => machine.name);
      await vi.waitFor(async () => expect(await names()).toContain('rack12-node-03'), { timeout: 5_000 });
      await vi.waitFor(() => expect(events.filter((event) => event.type === 'upsert').length).toBeGreaterThanOrEqual(3));
      expect(await names()).toContain('edge-w2-03');
      expect((await machines(demo)).find((machine) => machine.name === 'edge-w2-02')?.state).toBe('joined');
      await new Promise((resolve) => setTimeout(resolve, 100));
      // The script stops after 3 steps: the 5th step's machine never arrives.
      expect(await names()).not.toContain('worker-04');
    } finally {
      controller.abort();
    }
  });

  it('deletes its temporary database and stops listening on close', async () => {
    demo = await startDemoBackend({ feed: { maxSteps: 0 } });
    const { dataDir, settings } = demo;
    expect(existsSync(dataDir)).toBe(true);
    await demo.close();
    expect(existsSync(dataDir)).toBe(false);
    await expect(fetch(`${settings.server}/api/v1/health`)).rejects.toThrow();
  });
});
