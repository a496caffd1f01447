// The k3s adapter's own surface over the fake apiserver and the emulated supervisor: k3s defaults,
// the K10 format, the join command, k3s-labelled errors and its extra capability.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.ts';
import { TokenTuiError } from '../../core/errors.ts';
import { startFakeApiserver, type FakeApiserver } from '../../../test/support/fake-apiserver.ts';
import { startK3sSupervisor, type K3sSupervisor } from '../../../test/support/k3s-supervisor.ts';
import { createK3sAdapter, k3sCapabilities, type K3sAdapter } from './index.ts';

let apiserver: FakeApiserver;
let supervisor: K3sSupervisor;
let adapter: K3sAdapter;

beforeAll(async () => {
  [apiserver, supervisor] = await Promise.all([startFakeApiserver(), startK3sSupervisor()]);
  adapter = createK3sAdapter({ adapter: 'k3s', kube: apiserver.connection, supervisor: supervisor.url }, { clock: systemClock });
});

afterAll(async () => {
  await adapter.close?.();
  await Promise.all([apiserver.close(), supervisor.close()]);
});

beforeEach(() => {
  apiserver.requests.length = 0;
  supervisor.requests.length = 0;
});

const decode = (value: string | undefined) => Buffer.from(value ?? '', 'base64').toString('utf8');

describe('createK3sAdapter', () => {
  it("has k3s's defaults: group system:bootstrappers:k3s:default-node-token, 24h, both usages", () => {
    expect(adapter.capabilities).toMatchObject({
      defaultGroups: ['system:bootstrappers:k3s:default-node-token'],
      defaultUsages: ['authentication', 'signing'],
      ttl: { defaultSeconds: 86_400, allowNever: true },
      rotate: 'emulated',
      serverTokenRotation: true,
    });
  });

  it('creates the bootstrap-token Secret with k3s defaults and returns it in the K10 secure format', async () => {
    const created = await adapter.create!({ description: 'k3s agent', ttlSeconds: 86_400 });
    const [, hash, id, secret] = /^K10([0-9a-f]{64})::([a-z0-9]{6})\.([a-z0-9]{16})$/.exec(created.secret) ?? [];
    expect(hash).toBe(supervisor.caBundleSha256);
    expect(id).toBe(created.token.id);
    const stored = apiserver.secret('kube-system', `bootstrap-token-${id}`);
    expect(decode(stored?.data?.['token-secret'])).toBe(secret);
    expect(decode(stored?.data?.['auth-extra-groups'])).toBe('system:bootstrappers:k3s:default-node-token');
    expect(created.token).toMatchObject({ usages: ['authentication', 'signing'], groups: ['system:bootstrappers:k3s:default-node-token'], extras: { caHashSource: 'cacerts' } });
    // Nothing but /cacerts, without credentials: fetched unverified, then again verified by itself,
    // as a joining agent does when no trusted CA vouches for the server.
    expect(supervisor.requests.map(({ method, path, auth }) => `${method} ${path} ${auth}`)).toEqual(['GET /cacerts none', 'GET /cacerts none']);
  });

  it('prints both join forms; a loopback server it cannot replace is flagged', async () => {
    const created = await adapter.create!({ description: '', ttlSeconds: 3600 });
    const lines = (await adapter.joinCommand!(created)).split('\n');
    expect(lines[0]).toBe(`curl -sfL https://get.k3s.io | K3S_URL=${supervisor.url} K3S_TOKEN=${created.secret} sh -s - agent`);
    expect(lines[1]).toBe(`# where k3s is already installed: k3s agent --server ${supervisor.url} --token ${created.secret}`);
    expect(lines[2]).toMatch(/^# 127\.0\.0\.1:\d+ is loopback and the Nodes are not readable/);
  });

  it('creates nothing when the CA hash cannot be had', async () => {
    const unreachable = createK3sAdapter({ adapter: 'k3s', kube: apiserver.connection, supervisor: 'https://127.0.0.1:1' }, { clock: systemClock });
    const error = await unreachable.create!({ description: '', ttlSeconds: 3600 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'transport', source: 'k3s' });
    expect(apiserver.requests.filter((request) => request.method === 'POST')).toEqual([]);
    await unreachable.close?.();
  });

  it("labels kubeadm's shared errors as k3s's", async () => {
    const error = await adapter.get('zz9zz9').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenTuiError);
    expect(error).toMatchObject({ kind: 'not-found', source: 'k3s' });
    expect((error as TokenTuiError).message).toMatch(/^k3s: token zz9zz9 not found/);
  });

  it('has the server-token capability object, with every method, exactly when serverTokenRotation says so', () => {
    expect(adapter.serverToken !== undefined).toBe(k3sCapabilities.serverTokenRotation);
    for (const method of ['readTokenFile', 'plan', 'rotate', 'reveal'] as const) {
      expect(typeof adapter.serverToken[method] === 'function', method).toBe(k3sCapabilities.serverTokenRotation);
    }
  });
});
