// The lxd watch against the in-process fake: event order as LXD really delivers it (the real
// daemon is in test/real/lxd-watch.test.ts), buffering during the list, and the fallbacks.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeLxd, type FakeLxd } from '../../../test/support/fake-lxd.ts';
import { systemClock } from '../../core/clock.ts';
import type { WatchEvent } from '../contract.ts';
import { createLxdApi } from './api.ts';
import type { LxdOperation } from './wire.ts';
import { watchLxdTokens, type LxdWatchSource } from './watch.ts';

const WAIT = { timeout: 5_000, interval: 5 };
const controllers: AbortController[] = [];
afterEach(() => {
  for (const controller of controllers.splice(0)) controller.abort();
});

/** A sleep the test releases by hand. */
function manualSleep() {
  const waiting: (() => void)[] = [];
  return {
    sleep: (_ms: number) => new Promise<void>((resolve) => waiting.push(resolve)),
    pending: () => waiting.length,
    release: () => waiting.shift()?.(),
  };
}

function start(fake: FakeLxd, overrides: Partial<LxdWatchSource> = {}, sleep = manualSleep()) {
  const api = createLxdApi('fake', fake.request);
  const events: WatchEvent[] = [];
  const controller = new AbortController();
  controllers.push(controller);
  watchLxdTokens({ server: 'fake', list: (signal) => api.listTokenOperations(signal), openEvents: fake.openEvents, ...overrides }, (event) => events.push(event), controller.signal, { clock: systemClock, sleep: sleep.sleep, random: () => 0.5 });
  return { events, sleep, api };
}

const states = (events: WatchEvent[]) => events.flatMap((event) => (event.type === 'state' ? [event.state] : []));
const changes = (events: WatchEvent[]) => events.flatMap((event) => (event.type === 'upsert' ? [`upsert ${event.token.description}`] : event.type === 'delete' ? [`delete ${event.id}`] : []));

describe('lxd watch', () => {
  it('goes live with a snapshot, then one upsert per new token and one delete per revoke, without secrets', async () => {
    const fake = startFakeLxd();
    const existing = fake.addJoinToken('lxd-2');
    const { events, api } = start(fake);
    await vi.waitFor(() => expect(states(events)).toEqual(['connecting', 'live']), WAIT);
    expect(events[1]).toMatchObject({ type: 'snapshot', tokens: [{ id: existing.id, description: 'lxd-2' }] });
    const added = fake.addJoinToken('lxd-3'); // Pending, then Running: one upsert
    await api.cancelOperation(added.id); // Cancelled, then Cancelling (LXD's order): one delete
    await vi.waitFor(() => expect(changes(events)).toEqual(['upsert lxd-3', `delete ${added.id}`]), WAIT);
    for (const secret of fake.secrets()) expect(JSON.stringify(events)).not.toContain(secret);
    const listsAfterLive = fake.log.filter((request) => request.path.startsWith('/1.0/operations?')).length;
    expect(listsAfterLive).toBe(1);
  });

  it('never brings back an operation seen ending, whatever order its events arrive in', async () => {
    const fake = startFakeLxd();
    const { events } = start(fake);
    await vi.waitFor(() => expect(states(events)).toContain('live'), WAIT);
    const operation = fake.addJoinToken('lxd-5');
    fake.emitOperation({ ...operation, status: 'Cancelled' });
    fake.emitOperation({ ...operation, status: 'Running' });
    await vi.waitFor(() => expect(changes(events)).toEqual(['upsert lxd-5', `delete ${operation.id}`]), WAIT);
  });

  it('applies events that arrive while the first list is in flight, after the snapshot', async () => {
    const fake = startFakeLxd();
    let releaseList!: () => void;
    const gate = new Promise<void>((resolve) => (releaseList = resolve));
    const api = createLxdApi('fake', fake.request);
    let racing: LxdOperation | undefined;
    const { events } = start(fake, {
      list: async (signal) => {
        const listed = await api.listTokenOperations(signal);
        racing = fake.addJoinToken('raced'); // created after the list was taken, before it arrives
        await gate;
        return listed;
      },
    });
    await vi.waitFor(() => expect(racing).toBeDefined(), WAIT);
    expect(events.filter((event) => event.type !== 'state')).toEqual([]);
    releaseList();
    await vi.waitFor(() => expect(changes(events)).toEqual(['upsert raced']), WAIT);
    expect(events.findIndex((event) => event.type === 'snapshot')).toBeLessThan(events.findIndex((event) => event.type === 'upsert'));
  });

  it('falls back to polling when the server refuses the event websocket', async () => {
    const fake = startFakeLxd();
    fake.refuseEvents = true;
    const { events, sleep } = start(fake);
    // 'polling', never 'live': the data is fresh only as of the last list, and the header says why.
    await vi.waitFor(() => expect(states(events)).toEqual(['connecting', 'polling']), WAIT);
    expect(events.find((event) => event.type === 'state' && event.state === 'polling')).toMatchObject({ error: { kind: 'forbidden' } });
    fake.addJoinToken('polled');
    await vi.waitFor(() => expect(sleep.pending()).toBe(1), WAIT);
    sleep.release();
    await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ type: 'snapshot', tokens: [{ description: 'polled' }] }), WAIT);
    // A failed poll is a connection problem; the next good one says 'polling' (and why) again.
    fake.failNext('/1.0/operations', { status: 500, message: 'database is locked' });
    await vi.waitFor(() => expect(sleep.pending()).toBe(1), WAIT);
    sleep.release();
    await vi.waitFor(() => expect(states(events).at(-1)).toBe('reconnecting'), WAIT);
    await vi.waitFor(() => expect(sleep.pending()).toBe(1), WAIT);
    sleep.release();
    await vi.waitFor(() => expect(states(events)).toEqual(['connecting', 'polling', 'reconnecting', 'polling']), WAIT);
    expect(events.filter((event) => event.type === 'state').at(-1)).toMatchObject({ state: 'polling', error: { kind: 'forbidden' } });
  });

  it('reconnects after the stream drops, keeping the list fresh meanwhile, and goes live again', async () => {
    const fake = startFakeLxd();
    const { events, sleep } = start(fake);
    await vi.waitFor(() => expect(states(events)).toEqual(['connecting', 'live']), WAIT);
    fake.addJoinToken('while-down-1');
    fake.dropEventSockets();
    await vi.waitFor(() => expect(sleep.pending()).toBe(1), WAIT);
    expect(events.at(-2)).toMatchObject({ type: 'state', state: 'reconnecting', error: { kind: 'transport' } });
    expect(events.at(-1)).toMatchObject({ type: 'snapshot', tokens: [{ description: 'while-down-1' }] });
    sleep.release();
    await vi.waitFor(() => expect(states(events)).toEqual(['connecting', 'live', 'reconnecting', 'live']), WAIT);
  });

  it('reports a failing list as a connection problem and retries', async () => {
    const fake = startFakeLxd();
    fake.failNext('/1.0/operations', { status: 500, message: 'database is locked' });
    fake.failNext('/1.0/operations', { status: 500, message: 'database is locked' });
    const { events, sleep } = start(fake);
    await vi.waitFor(() => expect(sleep.pending()).toBe(1), WAIT);
    expect(events.at(-1)).toMatchObject({ type: 'state', state: 'reconnecting', error: { kind: 'server', message: expect.stringMatching(/database is locked/) } });
    sleep.release();
    await vi.waitFor(() => expect(states(events).at(-1)).toBe('live'), WAIT);
  });
});
