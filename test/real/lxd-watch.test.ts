// Issue 22: live updates from the real daemon's event websocket. Tokens made and revoked by the
// real lxc reach a running watch as upserts and deletes with no list in between (the request log
// proves it), over the unix socket and over HTTPS; a daemon restart shows as reconnecting, then
// live again with a fresh snapshot.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import type { WatchEvent } from '../../src/adapters/contract.ts';
import type { LxdRequest } from '../../src/adapters/lxd/transport.ts';
import { httpsSettings, lxc, lxcAddToken, realLxd, realLxdAdapter, unixSettings } from '../support/real-lxd.ts';

const lxd = realLxd();
const WAIT = { timeout: 20_000, interval: 25 };
const states = (events: WatchEvent[]) => events.flatMap((event) => (event.type === 'state' ? [event.state] : []));
const isList = (request: LxdRequest) => request.method === 'GET' && request.path.startsWith('/1.0/operations?');

describe('lxd watch against the real daemon', () => {
  for (const [transport, settings] of [['unix socket', unixSettings(lxd)], ['HTTPS', httpsSettings(lxd)]] as const) {
    it(`delivers lxc's own token changes as events, without polling (${transport})`, async () => {
      const requests: LxdRequest[] = [];
      const adapter = await realLxdAdapter(settings, { observeRequest: (request) => requests.push(request) });
      const events: WatchEvent[] = [];
      const controller = new AbortController();
      adapter.watch!((event) => events.push(event), controller.signal);
      try {
        await vi.waitFor(() => expect(states(events)).toEqual(['connecting', 'live']), WAIT);
        const listsAtLive = requests.filter(isList).length;
        expect(listsAtLive).toBe(1);
        const name = `watched-${transport === 'HTTPS' ? 'https' : 'unix'}-${process.pid}`;
        const text = await lxcAddToken(lxd, 'join', name);
        await vi.waitFor(() => expect(events.some((event) => event.type === 'upsert' && event.token.description === name)).toBe(true), WAIT);
        const upsert = events.find((event) => event.type === 'upsert' && event.token.description === name) as Extract<WatchEvent, { type: 'upsert' }>;
        expect(upsert.token.expiresAt).toBeGreaterThan(Date.now());
        await lxc(lxd, ['cluster', 'revoke-token', name]);
        await vi.waitFor(() => expect(events.some((event) => event.type === 'delete' && event.id === upsert.token.id)).toBe(true), WAIT);
        expect(requests.filter(isList).length).toBe(listsAtLive);
        expect(events.filter((event) => event.type === 'snapshot')).toHaveLength(1);
        expect(JSON.stringify(events)).not.toContain(text);
      } finally {
        controller.abort();
        await adapter.close?.();
      }
    });
  }

  it('reports the daemon going away, then goes live again with a fresh snapshot', async () => {
    const adapter = await realLxdAdapter(unixSettings(lxd));
    const events: WatchEvent[] = [];
    const controller = new AbortController();
    adapter.watch!((event) => events.push(event), controller.signal);
    try {
      await vi.waitFor(() => expect(states(events)).toEqual(['connecting', 'live']), WAIT);
      await lxcAddToken(lxd, 'join', `before-restart-${process.pid}`);
      await vi.waitFor(() => expect(events.some((event) => event.type === 'upsert')).toBe(true), WAIT);
      await promisify(execFile)('bash', [join(import.meta.dirname, '../../scripts/lxd/up.sh'), '--restart'], { env: process.env, timeout: 90_000 });
      await vi.waitFor(() => expect(states(events).slice(2)).toContain('reconnecting'), { ...WAIT, timeout: 60_000 });
      await vi.waitFor(() => expect(states(events).at(-1)).toBe('live'), { ...WAIT, timeout: 60_000 });
      const lost = events.find((event) => event.type === 'state' && event.state === 'reconnecting');
      expect(lost).toMatchObject({ error: { kind: expect.stringMatching(/transport|timeout/) } });
      // Pending tokens live in the daemon's memory: after a restart the real list is the truth.
      const last = events.findLast((event) => event.type === 'snapshot') as Extract<WatchEvent, { type: 'snapshot' }>;
      expect(last.tokens.map((token) => token.id).sort()).toEqual((await adapter.list()).map((token) => token.id).sort());
    } finally {
      controller.abort();
      await adapter.close?.();
    }
  }, 150_000);
});
