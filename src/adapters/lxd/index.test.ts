import { describe, expect, it } from 'vitest';
import { startFakeLxd } from '../../../test/support/fake-lxd.ts';
import { ManualClock, systemClock } from '../../core/clock.ts';
import { TokenTuiError } from '../../core/errors.ts';
import { createLxdAdapter } from './index.ts';

async function setup(options: Parameters<typeof startFakeLxd>[0] = {}) {
  const fake = startFakeLxd(options);
  const adapter = await createLxdAdapter({ adapter: 'lxd', context: 'fake', endpoint: { kind: 'unix', socketPath: '/fake.socket' } }, { clock: new ManualClock(Date.now()), request: fake.request });
  return { fake, adapter };
}

async function refusal(promise: Promise<unknown>): Promise<TokenTuiError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(TokenTuiError);
  return error as TokenTuiError;
}

describe('the lxd adapter', () => {
  it('lists join and trust tokens, and nothing of any secret', async () => {
    const { fake, adapter } = await setup();
    fake.addJoinToken('lxd-2');
    await adapter.create!({ description: 'ci', ttlSeconds: 7200, fields: { kind: 'trust' } });
    const tokens = await adapter.list();
    expect(tokens.map((token) => [token.description, token.scope])).toEqual([['lxd-2', 'join'], ['ci', 'trust']]);
    const listed = JSON.stringify(tokens);
    for (const secret of fake.secrets()) expect(listed).not.toContain(secret);
    expect(listed).not.toMatch(/"secret"/);
  });

  it('reports a used, revoked or unknown token as not-found, never echoing a non-id', async () => {
    const { fake, adapter } = await setup();
    const created = await adapter.create!({ description: 'lxd-2', ttlSeconds: 7200 });
    expect((await refusal(adapter.get(created.secret))).message).not.toContain(created.secret.slice(0, 12));
    expect(fake.log.some((request) => request.path.includes(created.secret.slice(0, 12)))).toBe(false);
    expect((await refusal(adapter.get('00000000-0000-0000-0000-000000000000'))).kind).toBe('not-found');
    fake.operations.get(created.token.id)!.status = 'Success';
    expect((await refusal(adapter.get(created.token.id))).kind).toBe('not-found');
  });

  it('revokes only at the previewed revision, then confirms the operation is cancelled', async () => {
    const { fake, adapter } = await setup();
    const created = await adapter.create!({ description: 'lxd-2', ttlSeconds: 7200 });
    const revision = created.token.revision!;
    const stale = await refusal(adapter.revoke!(created.token.id, { ...revision, version: '2020-01-01T00:00:00Z' }));
    expect(stale.kind).toBe('conflict');
    expect(fake.log.some((request) => request.method === 'DELETE')).toBe(false);
    expect(await adapter.revoke!(created.token.id, revision)).toEqual({ warnings: [], verified: [`operation ${created.token.id} is Cancelled: the token no longer works`] });
    expect(fake.operations.get(created.token.id)!.status).toBe('Cancelled');
    expect((await refusal(adapter.revoke!(created.token.id, revision))).kind).toBe('not-found');
  });

  it('refuses to start against a server that does not trust the client', async () => {
    const fake = startFakeLxd({ auth: 'untrusted' });
    const error = await refusal(createLxdAdapter({ adapter: 'lxd', context: 'x', endpoint: { kind: 'unix', socketPath: '/f' } }, { clock: systemClock, request: fake.request }));
    expect(error).toMatchObject({ kind: 'unauthorized', hint: expect.stringMatching(/trust token/) });
  });

  it('declares what LXD has: emulated rotation, impact, watch, join command; no usages, groups or use limits', async () => {
    const { adapter } = await setup();
    expect(adapter.capabilities).toMatchObject({ create: true, revoke: true, rotate: 'emulated', impactPreview: true, watch: true, makeDefault: false, joinCommand: true, usages: [], groups: false });
    // Its create fields: the kind and a trust token's projects; no use limit (a token is spent by its one use).
    expect(adapter.capabilities.createFields.map((field) => [field.key, field.kind, field.flag])).toEqual([
      ['kind', 'choice', 'kind'],
      ['projects', 'list', 'projects'],
    ]);
    expect(adapter.makeDefault).toBeUndefined();
    expect(adapter.target).toEqual({ context: 'fake', server: 'unix:///fake.socket' });
    expect(adapter.serverFacts()).toMatchObject({ daemon: 'lxd', clustered: true, joinTokenExpiry: '2H' });
  });
});
