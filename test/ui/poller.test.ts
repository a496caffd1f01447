import { afterEach, describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../src/adapters/contract.ts';
import { pollTokens, STALE_AFTER_FAILURES } from '../../src/ui/feed/poller.ts';
import { createMemoryBackend } from '../support/memory-adapter.ts';
import { token } from './fixtures.ts';

const controllers: AbortController[] = [];
afterEach(() => controllers.splice(0).forEach((controller) => controller.abort()));

function startPolling(backend = createMemoryBackend({ tokens: [token('abcdef')] }), requestTimeoutMs?: number) {
  const events: WatchEvent[] = [];
  const controller = new AbortController();
  controllers.push(controller);
  pollTokens(backend.adapter, (event) => events.push(event), controller.signal, { intervalMs: 5, requestTimeoutMs });
  return { backend, events, controller };
}

const until = async (condition: () => boolean): Promise<void> => {
  const deadline = Date.now() + 2_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

describe('polling feed', () => {
  it('sends a snapshot per poll and one live state', async () => {
    const { events } = startPolling();
    await until(() => events.filter((event) => event.type === 'snapshot').length >= 3);
    expect(events[0]).toEqual({ type: 'snapshot', tokens: [token('abcdef')] });
    expect(events.filter((event) => event.type === 'state')).toEqual([{ type: 'state', state: 'live' }]);
  });

  it('reports reconnecting, then stale, then resyncs with a snapshot', async () => {
    const { backend, events } = startPolling();
    await until(() => events.length >= 2);
    backend.setFailure('connect ECONNREFUSED 10.0.0.1:6443');
    await until(() => events.some((event) => event.type === 'state' && event.state === 'stale'));
    const states = events.filter((event) => event.type === 'state').map((event) => (event.type === 'state' ? event.state : ''));
    expect(states.slice(0, 1 + STALE_AFTER_FAILURES)).toEqual(['live', 'reconnecting', 'reconnecting', 'stale']);
    const failure = events.find((event) => event.type === 'state' && event.state === 'reconnecting');
    expect(failure?.type === 'state' && failure.error?.message).toBe('kubeadm: connect ECONNREFUSED 10.0.0.1:6443');
    backend.setFailure(null);
    backend.setTokens([token('ghijkl')]);
    const seen = events.length;
    await until(() => events.slice(seen).some((event) => event.type === 'state' && event.state === 'live'));
    expect(events.slice(seen).find((event) => event.type === 'snapshot')).toEqual({ type: 'snapshot', tokens: [token('ghijkl')] });
  });

  it('gives up on a list that never answers', async () => {
    const backend = createMemoryBackend();
    backend.adapter.list = () => new Promise(() => {});
    const { events } = startPolling(backend, 20);
    await until(() => events.length > 0);
    expect(events[0]).toMatchObject({ type: 'state', state: 'reconnecting' });
    expect(events[0]?.type === 'state' && events[0].error?.kind).toBe('timeout');
  });

  it('stops polling when aborted', async () => {
    const { backend, controller } = startPolling();
    await until(() => backend.requests.length >= 2);
    controller.abort();
    const count = backend.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(backend.requests.length).toBe(count);
  });
});
