// The Secrets calls on the wire, through the real transport against the in-process fake apiserver,
// asserted on its request log.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.ts';
import { TokenTuiError } from '../../core/errors.ts';
import { createKubeClient, type KubeClient } from '../../kube/client.ts';
import { startFakeApiserver, type FakeApiserver } from '../../../test/support/fake-apiserver.ts';
import { createTokensApi, LIST_PAGE_SIZE, SECRETS_PATH, type GeneratedCredentials } from './tokens-api.ts';

const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);
const b64 = (value: string) => Buffer.from(value).toString('base64');
let fake: FakeApiserver;
let client: KubeClient;

beforeAll(async () => {
  fake = await startFakeApiserver();
  client = createKubeClient(fake.connection, { source: 'kubeadm', retryDelayMs: () => 1 });
});
afterAll(async () => {
  await client.close();
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

function credentialsSequence(...ids: string[]): () => GeneratedCredentials {
  return () => ({ id: ids.shift() ?? 'zzzzzz', secret: '0123456789abcdef' });
}

function seedToken(id: string) {
  return fake.put('secrets', {
    metadata: { name: `bootstrap-token-${id}`, namespace: 'kube-system' },
    type: 'bootstrap.kubernetes.io/token',
    data: { 'token-id': b64(id), 'token-secret': b64('fedcba9876543210') },
  });
}

const errorOf = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a rejection'); }, (error: unknown) => error as TokenTuiError);

describe('tokens api', () => {
  it('lists with ONE field-selected GET and keeps malformed Secrets as invalid rows', async () => {
    seedToken('list01');
    fake.put('secrets', { metadata: { name: 'bootstrap-token-garbage', namespace: 'kube-system' }, type: 'bootstrap.kubernetes.io/token', data: { 'token-id': b64('NOT-VALID') } });
    fake.put('secrets', { metadata: { name: 'unrelated', namespace: 'kube-system' }, type: 'Opaque', data: {} });
    const listing = await createTokensApi(client, { clock: new ManualClock(NOW) }).list();
    expect(fake.requests).toEqual([{ method: 'GET', path: SECRETS_PATH, query: { fieldSelector: 'type=bootstrap.kubernetes.io/token', limit: String(LIST_PAGE_SIZE) }, body: undefined }]);
    const byId = new Map(listing.tokens.map((token) => [token.id, token]));
    expect(byId.get('list01')?.invalidReason).toBeNull();
    expect(byId.get('garbage')?.invalidReason).toMatch(/token id "NOT-VALID"/);
    expect(byId.has('unrelated')).toBe(false);
    expect(listing.resourceVersion).toMatch(/^\d+$/);
  });

  it('creates like kubeadm: GET to refuse an existing id, then POST', async () => {
    const api = createTokensApi(client, { clock: new ManualClock(NOW), generateCredentials: credentialsSequence('new001') });
    const created = await api.create({ description: 'node-7', ttlSeconds: 3600 });
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual([`GET ${SECRETS_PATH}/bootstrap-token-new001`, `POST ${SECRETS_PATH}`]);
    expect(created.secret).toBe('new001.0123456789abcdef');
    expect(created.token).toMatchObject({ id: 'new001', description: 'node-7', expiresAt: NOW + 3_600_000, usages: ['authentication', 'signing'], invalidReason: null });
    expect(JSON.stringify(created.token)).not.toContain('0123456789abcdef');
    const stored = fake.secret('kube-system', 'bootstrap-token-new001');
    expect(Buffer.from(stored?.data?.['expiration'] ?? '', 'base64').toString()).toBe('2026-11-01T13:00:00Z');
  });

  it('never overwrites: a taken id or a 409 race gets a fresh id', async () => {
    seedToken('taken1');
    fake.failNext({ code: 409, reason: 'AlreadyExists', message: 'secrets "bootstrap-token-race01" already exists' }, { match: (request) => request.method === 'POST' });
    const api = createTokensApi(client, { clock: new ManualClock(NOW), generateCredentials: credentialsSequence('taken1', 'race01', 'fresh1') });
    const created = await api.create({ description: '', ttlSeconds: 60 });
    expect(created.token.id).toBe('fresh1');
    expect(fake.requests.map((request) => `${request.method} ${request.path.replace(SECRETS_PATH, '')}`)).toEqual([
      'GET /bootstrap-token-taken1',
      'GET /bootstrap-token-race01',
      'POST ',
      'GET /bootstrap-token-fresh1',
      'POST ',
    ]);
  });

  it('gives up after three taken ids with already-exists, having POSTed nothing', async () => {
    for (const id of ['dup001', 'dup002', 'dup003']) seedToken(id);
    fake.requests.length = 0;
    const api = createTokensApi(client, { clock: new ManualClock(NOW), generateCredentials: credentialsSequence('dup001', 'dup002', 'dup003') });
    const error = await errorOf(api.create({ description: '', ttlSeconds: 60 }));
    expect(error.kind).toBe('already-exists');
    expect(fake.requests.filter((request) => request.method === 'POST')).toEqual([]);
  });

  it('validates before sending anything', async () => {
    const api = createTokensApi(client, { clock: new ManualClock(NOW) });
    const error = await errorOf(api.create({ description: 'x', ttlSeconds: 60, groups: ['system:masters'] }));
    expect(error).toMatchObject({ kind: 'validation', field: 'groups' });
    expect(fake.requests).toEqual([]);
  });

  it('revokes with uid and resourceVersion preconditions when the read revision is given', async () => {
    const stored = seedToken('rev001');
    const api = createTokensApi(client, { clock: new ManualClock(NOW) });
    const token = await api.get('rev001');
    await api.revoke('rev001', token.revision);
    expect(fake.requests.at(-1)).toEqual({
      method: 'DELETE',
      path: `${SECRETS_PATH}/bootstrap-token-rev001`,
      query: {},
      body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: stored.metadata.uid, resourceVersion: stored.metadata.resourceVersion } },
    });
    expect(fake.secret('kube-system', 'bootstrap-token-rev001')).toBeUndefined();
  });

  it('refuses to delete a token re-created since it was read, and deletes nothing', async () => {
    seedToken('rev002');
    const api = createTokensApi(client, { clock: new ManualClock(NOW) });
    const token = await api.get('rev002');
    await api.revoke('rev002');
    seedToken('rev002'); // same id, new uid
    const error = await errorOf(api.revoke('rev002', token.revision));
    expect(error.kind).toBe('conflict');
    expect(error.message).toBe('kubeadm: token rev002 changed since it was read (re-created or modified); nothing was deleted');
    expect(fake.secret('kube-system', 'bootstrap-token-rev002')).toBeDefined();
    expect(fake.requests.at(-2)?.body).toBeUndefined(); // the plain revoke sent no preconditions
  });

  it('reports a missing token as not-found on get and revoke', async () => {
    const api = createTokensApi(client, { clock: new ManualClock(NOW) });
    for (const attempt of [api.get('absent'), api.revoke('absent')]) {
      const error = await errorOf(attempt);
      expect(error.kind).toBe('not-found');
      expect(error.message).toContain('token absent not found');
    }
  });
});
