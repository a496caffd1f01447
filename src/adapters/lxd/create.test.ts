import { describe, expect, it } from 'vitest';
import { startFakeLxd, type FakeLxdOptions } from '../../../test/support/fake-lxd.ts';
import { ManualClock } from '../../core/clock.ts';
import { TokenTuiError } from '../../core/errors.ts';
import type { CreateTokenRequest } from '../../core/token.ts';
import { createLxdAdapter } from './index.ts';

async function setup(options: FakeLxdOptions = {}) {
  const fake = startFakeLxd(options);
  const clock = new ManualClock(Date.now());
  const adapter = await createLxdAdapter({ adapter: 'lxd', context: 'fake', endpoint: { kind: 'unix', socketPath: '/fake.socket' } }, { clock, request: fake.request, openEvents: fake.openEvents });
  return { fake, adapter };
}

async function refusal(promise: Promise<unknown>): Promise<TokenTuiError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(TokenTuiError);
  return error as TokenTuiError;
}

const TWO_HOURS = 7200;
const join = (description: string, overrides: Partial<CreateTokenRequest> = {}): CreateTokenRequest => ({ description, ttlSeconds: TWO_HOURS, ...overrides });

describe('creating LXD tokens', () => {
  it('creates a join token for a new member, named by the description, with the server expiry', async () => {
    const { fake, adapter } = await setup();
    const created = await adapter.create!(join('lxd-4'));
    expect(created.token).toMatchObject({ description: 'lxd-4', scope: 'join' });
    expect(fake.log.at(-1)).toMatchObject({ method: 'POST', path: '/1.0/cluster/members', body: { server_name: 'lxd-4' } });
    const secret = [...fake.operations.values()].find((operation) => operation.id === created.token.id)!.metadata!['secret'] as string;
    expect(Buffer.from(created.secret, 'base64').toString()).toContain(secret);
    expect(JSON.stringify(created.token)).not.toContain(secret);
  });

  it('creates restricted trust tokens and checks their projects exist', async () => {
    const { fake, adapter } = await setup({ projects: ['default', 'web'] });
    const created = await adapter.create!(join('ci-runner', { fields: { kind: 'trust', projects: ['web'] } }));
    expect(created.token).toMatchObject({ description: 'ci-runner', scope: 'trust projects=web', fields: { kind: 'trust', projects: ['web'] }, expiresAt: null });
    expect(fake.log.at(-1)).toMatchObject({ path: '/1.0/certificates', body: { name: 'ci-runner', type: 'client', token: true, restricted: true, projects: ['web'] } });
    const error = await refusal(adapter.create!(join('ci-2', { fields: { kind: 'trust', projects: ['web', 'nope'] } })));
    expect(error).toMatchObject({ kind: 'validation', field: 'projects' });
    expect(error.message).toMatch(/no project named "nope"/);
  });

  it('creates an unrestricted trust token without projects, and one restricted to none with an empty list', async () => {
    const { fake, adapter } = await setup({ projects: ['default', 'web'] });
    const open = await adapter.create!(join('ci-open', { fields: { kind: 'trust' } }));
    expect(open.token).toMatchObject({ scope: 'trust', fields: { kind: 'trust', projects: null } });
    expect(fake.log.at(-1)).toMatchObject({ path: '/1.0/certificates', body: { name: 'ci-open', restricted: false, projects: [] } });
    expect((await adapter.create!(join('ci-open-2', { fields: { kind: 'trust', projects: null } }))).token.fields).toEqual({ kind: 'trust', projects: null });
    const none = await adapter.create!(join('ci-none', { fields: { kind: 'trust', projects: [] } }));
    expect(none.token).toMatchObject({ scope: 'trust projects=', fields: { kind: 'trust', projects: [] } });
    expect(fake.log.at(-1)).toMatchObject({ path: '/1.0/certificates', body: { name: 'ci-none', restricted: true, projects: [] } });
  });

  it('refuses a join token for an existing member name, which LXD itself would mint', async () => {
    const { fake, adapter } = await setup();
    const before = fake.operations.size;
    const error = await refusal(adapter.create!(join('lxd-1')));
    expect(error).toMatchObject({ kind: 'already-exists', field: 'description' });
    expect(fake.operations.size).toBe(before);
    expect(fake.log.some((request) => request.method === 'POST')).toBe(false);
  });

  it('refuses names LXD cannot use and fields LXD tokens do not have, before any write', async () => {
    const { fake, adapter } = await setup();
    const cases: [CreateTokenRequest, string][] = [
      [join(''), 'description'],
      [join(' lxd-4'), 'description'],
      [join('a/b'), 'description'],
      [join('lxd-\u0007'), 'description'],
      [join('lxd-4', { usages: ['signing'] }), 'usages'],
      [join('lxd-4', { groups: ['g'] }), 'groups'],
      [join('lxd-4', { fields: { maxUses: 3 } }), 'maxUses'],
      [join('lxd-4', { fields: { scope: 'trust' } }), 'scope'],
      [join('lxd-4', { fields: { kind: 'admin' } }), 'kind'],
      [join('lxd-4', { fields: { kind: 'Join' } }), 'kind'],
      [join('lxd-4', { fields: { kind: 'join', projects: ['default'] } }), 'projects'],
      [join('lxd-4', { fields: { projects: ['default'] } }), 'projects'],
      [join('lxd-4', { fields: { kind: 'trust', projects: ['a', ''] } }), 'projects'],
      [join('lxd-4', { fields: { kind: 'trust', projects: ['a b'] } }), 'projects'],
      [join('lxd-4', { fields: { kind: 'trust', projects: ['a,b'] } }), 'projects'],
      [join('lxd-4', { fields: { kind: 'trust', projects: 'default' } }), 'projects'],
    ];
    for (const [request, field] of cases) expect((await refusal(adapter.create!(request))).field, JSON.stringify(request)).toBe(field);
    expect(fake.log.some((request) => request.method === 'POST')).toBe(false);
  });

  it('accepts only the server TTL for join tokens, and says which setting fixes it', async () => {
    const { adapter } = await setup();
    expect(adapter.capabilities.ttl).toEqual({
      defaultSeconds: TWO_HOURS,
      minSeconds: TWO_HOURS,
      maxSeconds: TWO_HOURS,
      allowNever: false,
      serverSetting: { name: 'cluster.join_token_expiry', value: '2H', covers: expect.stringMatching(/^every join token created from now \(trust tokens never expire: core\.remote_token_expiry\)$/), changeable: true, confirmation: 'lxd-1' },
    });
    for (const ttlSeconds of [3600, null]) {
      const error = await refusal(adapter.create!(join('lxd-4', { ttlSeconds })));
      expect(error).toMatchObject({ kind: 'validation', field: 'ttl' });
      expect(error.message).toMatch(/cluster\.join_token_expiry = 2H/);
    }
  });

  it('accepts a trust token without TTL, the server trust TTL or the advertised default, and nothing else', async () => {
    const { fake, adapter } = await setup({ config: { 'core.remote_token_expiry': '1H' } });
    expect((await adapter.create!(join('c1', { fields: { kind: 'trust' }, ttlSeconds: 3600 }))).token.expiresAt).not.toBeNull();
    expect((await adapter.create!(join('c2', { fields: { kind: 'trust' }, ttlSeconds: TWO_HOURS }))).token.expiresAt).not.toBeNull();
    const error = await refusal(adapter.create!(join('c3', { fields: { kind: 'trust' }, ttlSeconds: null })));
    expect(error.message).toMatch(/core\.remote_token_expiry 1H/);
    delete fake.config['core.remote_token_expiry'];
    expect((await adapter.create!(join('c4', { fields: { kind: 'trust' }, ttlSeconds: null }))).token.expiresAt).toBeNull();
  });

  it('follows a changed server expiry on the next create, and can change it as its own action', async () => {
    const { fake, adapter } = await setup();
    fake.config['cluster.join_token_expiry'] = '3H';
    await adapter.create!(join('lxd-5', { ttlSeconds: 3 * 3600 }));
    expect(adapter.capabilities.ttl.defaultSeconds).toBe(3 * 3600);
    await adapter.setServerTtl(30 * 60);
    expect(fake.config['cluster.join_token_expiry']).toBe('30M');
    expect(adapter.capabilities.ttl.defaultSeconds).toBe(1800);
    expect((await refusal(adapter.setServerTtl(0))).field).toBe('ttl');
  });

  it('explains that a server without clustering has no join tokens', async () => {
    const { adapter } = await setup({ clustered: false });
    const error = await refusal(adapter.create!(join('lxd-2')));
    expect(error).toMatchObject({ kind: 'validation', field: 'kind', hint: expect.stringMatching(/lxc cluster enable/) });
  });
});
