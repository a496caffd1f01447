// The assembled adapter over the real transport against the fake apiserver: declared
// capabilities, and the watch loop surviving expired histories, ERROR events and outages.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../core/clock.ts';
import type { TokenAdapter, WatchEvent } from '../contract.ts';
import { startFakeApiserver, type FakeApiserver } from '../../../test/support/fake-apiserver.ts';
import { createKubeadmAdapter, kubeadmCapabilities } from './index.ts';
import { SECRETS_PATH } from './tokens-api.ts';

let fake: FakeApiserver;
let adapter: TokenAdapter;
const controllers: AbortController[] = [];
const WAIT = { timeout: 3000, interval: 10 };
// Short real sleeps keep the backoff sequence intact while the tests stay fast.
const quickSleep = (_ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, 5);
    signal.addEventListener('abort', () => resolve(), { once: true });
  });

// A fresh apiserver per test, so no aborted watch of an earlier test can answer for this one.
beforeEach(async () => {
  fake = await startFakeApiserver();
  adapter = createKubeadmAdapter({ adapter: 'kubeadm', kube: fake.connection }, { clock: systemClock, backoffSleep: quickSleep });
});
afterEach(async () => {
  for (const controller of controllers.splice(0)) controller.abort();
  await adapter.close?.();
  await fake.close();
});

function watch() {
  const events: WatchEvent[] = [];
  const controller = new AbortController();
  controllers.push(controller);
  adapter.watch!((event) => events.push(event), controller.signal);
  const count = (type: WatchEvent['type']) => events.filter((event) => event.type === type).length;
  const states = () => events.flatMap((event) => (event.type === 'state' ? [event.state] : []));
  return { events, count, states };
}

const watchRequests = () => fake.requests.filter((request) => request.path === SECRETS_PATH && request.query['watch'] === '1');
const listRequests = () => fake.requests.filter((request) => request.method === 'GET' && request.path === SECRETS_PATH && request.query['watch'] === undefined);

async function watchUntilOpen() {
  const watcher = watch();
  await vi.waitFor(() => expect(fake.openWatches).toBe(1), WAIT);
  return watcher;
}

describe('createKubeadmAdapter', () => {
  it('declares the kubeadm capabilities and offers exactly those methods', () => {
    expect(adapter.id).toBe('kubeadm');
    expect(adapter.target).toEqual({ context: 'fake', server: fake.url });
    expect(kubeadmCapabilities).toMatchObject({
      create: true, revoke: true, rotate: 'emulated', impactPreview: true, watch: true, makeDefault: false, joinCommand: true,
      usages: ['authentication', 'signing'], defaultUsages: ['authentication', 'signing'],
      groups: true, defaultGroups: ['system:bootstrappers:kubeadm:default-node-token'], createFields: [],
      ttl: { defaultSeconds: 86_400, minSeconds: 1, maxSeconds: null, allowNever: true },
    });
    expect(typeof adapter.impact).toBe('function');
    expect(adapter.makeDefault).toBeUndefined();
    expect(adapter.serverToken).toBeUndefined();
  });

  it("shows a token's join shape for its details, the secret masked, without a request", () => {
    const endpoint = fake.url.replace(/^[a-z]+:\/\//, '');
    const before = fake.requests.length;
    expect(adapter.joinCommandShape?.('abcdef')).toBe(`kubeadm join ${endpoint} --token abcdef.**************** --discovery-token-ca-cert-hash sha256:<ca-cert-hash>`);
    expect(fake.requests.length).toBe(before);
  });

  it('watches with bookmarks from the list version, relisting when the history expired', async () => {
    const watcher = watch();
    await vi.waitFor(() => expect(watchRequests()).toHaveLength(1), WAIT);
    const listVersion = watchRequests()[0]!.query['resourceVersion'];
    expect(watchRequests()[0]!.query).toEqual({
      watch: '1', allowWatchBookmarks: 'true', fieldSelector: 'type=bootstrap.kubernetes.io/token', resourceVersion: listVersion, timeoutSeconds: '300',
    });
    const created = await adapter.create!({ description: 'watched', ttlSeconds: 60 });
    await vi.waitFor(() => expect(watcher.events).toContainEqual({ type: 'upsert', token: created.token }), WAIT);

    // A bookmark moves the resume point past writes the field selector hides.
    const hidden = fake.put('configmaps', { metadata: { name: 'unrelated', namespace: 'kube-system' }, data: {} });
    fake.sendBookmark();
    fake.endWatches(); // the server's timeoutSeconds: re-watch from the bookmark, no relist
    await vi.waitFor(() => expect(watchRequests()).toHaveLength(2), WAIT);
    expect(watchRequests()[1]!.query['resourceVersion']).toBe(hidden.metadata.resourceVersion);
    await vi.waitFor(() => expect(fake.openWatches).toBe(1), WAIT);
    fake.sendBookmark(); // a live stream: ending it now is routine, not a failure
    expect(listRequests()).toHaveLength(1);

    fake.expireHistory();
    fake.endWatches(); // the re-watch from the old version now meets 410 Gone
    await vi.waitFor(() => expect(watcher.count('snapshot')).toBe(2), WAIT);
    expect(listRequests()).toHaveLength(2);
    expect(watcher.states()).toEqual(['connecting', 'live']);
    await adapter.revoke!(created.token.id);
    await vi.waitFor(() => expect(watcher.events).toContainEqual({ type: 'delete', id: created.token.id }), WAIT);
  });

  it('relists after an ERROR event on the stream', async () => {
    const watcher = await watchUntilOpen();
    fake.sendWatchError({ code: 410, reason: 'Expired', message: 'too old resource version: 1 (2)' });
    await vi.waitFor(() => expect(watcher.count('snapshot')).toBe(2), WAIT);
  });

  it('reports reconnecting, then stale, while the apiserver is unreachable, and live once it is back', async () => {
    const watcher = await watchUntilOpen();
    fake.setRefuseConnections(true);
    await vi.waitFor(() => expect(watcher.states()).toContain('stale'), WAIT);
    const trouble = watcher.events.filter((event) => event.type === 'state' && event.error !== undefined);
    expect(trouble[0]).toMatchObject({ state: 'reconnecting', error: { source: 'kubeadm' } });
    fake.setRefuseConnections(false);
    await vi.waitFor(() => expect(watcher.states().at(-1)).toBe('live'), WAIT);
    expect(watcher.states().slice(0, 4)).toEqual(['connecting', 'live', 'reconnecting', 'reconnecting']);
    expect(watcher.count('snapshot')).toBe(2);
  });

  it('builds the join command from kube-public/cluster-info, failing loudly when no CA can be pinned', async () => {
    const created = { token: { id: 'abcdef', description: '', expiresAt: null, usages: [], groups: [], invalidReason: null }, secret: 'abcdef.0123456789abcdef' };
    // The fake has no cluster-info and its connection no CA: nothing to pin.
    const error = await adapter.joinCommand!(created).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'not-found', source: 'kubeadm' });
    expect(String(error)).not.toContain('0123456789abcdef');
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /api/v1/namespaces/kube-public/configmaps/cluster-info']);
  });
});
