import { describe, expect, it } from 'vitest';
import { startFakeLxd, type FakeLxdOptions } from '../../../test/support/fake-lxd.ts';
import { ManualClock } from '../../core/clock.ts';
import { fingerprintToRevision } from '../../core/fingerprint.ts';
import { impactSeverity, type KnownImpact } from '../../core/impact.ts';
import { createLxdAdapter } from './index.ts';

async function setup(options: FakeLxdOptions = {}) {
  const fake = startFakeLxd(options);
  const clock = new ManualClock(Date.now());
  const adapter = await createLxdAdapter({ adapter: 'lxd', context: 'fake', endpoint: { kind: 'unix', socketPath: '/fake.socket' } }, { clock, request: fake.request });
  return { fake, adapter, clock };
}

describe('LXD impact previews', () => {
  it('names the member that cannot join, the cluster census, and what LXD cannot tell', async () => {
    const { adapter } = await setup();
    const created = await adapter.create!({ description: 'lxd-4', ttlSeconds: 7200 });
    const preview = (await adapter.impact!(created.token.id)) as KnownImpact;
    expect(preview.state).toBe('known');
    expect(preview.items).toEqual([
      { kind: 'join-in-progress', subject: 'lxd-4', detail: 'member lxd-4 has not joined yet: a join with this token will fail' },
      { kind: 'informational', subject: 'cluster', detail: expect.stringMatching(/^the cluster has 1 member, 1 of them database voters \(cluster.max_voters 3\): lxd-4 would have become one/) },
    ]);
    expect(preview.unknowns).toEqual([expect.stringMatching(/whether a machine is joining as lxd-4 right now/)]);
    expect(impactSeverity(preview)).toBe('high');
    expect(fingerprintToRevision(preview.fingerprint)).toEqual(created.token.revision);
  });

  it('says when a member of that name already exists (a token made outside tokentui)', async () => {
    const { fake, adapter } = await setup();
    const operation = fake.addJoinToken('lxd-1');
    const preview = (await adapter.impact!(operation.id)) as KnownImpact;
    expect(preview.items).toEqual([{ kind: 'joined-keeps-working', subject: 'lxd-1', detail: expect.stringMatching(/member lxd-1 is already in the cluster \(Online\) and keeps working/) }]);
    expect(impactSeverity(preview)).toBe('low');
  });

  it('names another pending token for the same member, and a full voter set', async () => {
    const members = ['a', 'b', 'c'].map((name) => ({ server_name: name, roles: ['database'], status: 'Online' }));
    const { fake, adapter } = await setup({ members });
    const first = fake.addJoinToken('d');
    const second = fake.addJoinToken('d');
    const preview = (await adapter.impact!(first.id)) as KnownImpact;
    expect(preview.items[0]!.detail).toContain(`another join token for d stays valid (${second.id})`);
    expect(preview.items[1]).toMatchObject({ kind: 'informational', subject: 'cluster', detail: expect.stringMatching(/3 of them database voters.*quorum does not depend on d/) });
  });

  it('for a trust token: the client that cannot enroll, and a trusted client of that name', async () => {
    const certificates = [{ name: 'ci', type: 'client', fingerprint: 'f00dfeed'.repeat(8), restricted: true, projects: ['web'] }];
    const { adapter } = await setup({ certificates });
    const created = await adapter.create!({ description: 'ci', ttlSeconds: 7200, fields: { kind: 'trust' } });
    const preview = (await adapter.impact!(created.token.id)) as KnownImpact;
    expect(preview.items.map((item) => item.kind)).toEqual(['join-in-progress', 'joined-keeps-working']);
    expect(preview.items[1]!.detail).toBe('a client named ci is already trusted (fingerprint f00dfeedf00d, restricted to web) and keeps working');
  });

  it('turns a read that fails into an unknown with its reason, not a failed preview', async () => {
    const { fake, adapter } = await setup();
    const created = await adapter.create!({ description: 'lxd-4', ttlSeconds: 7200 });
    fake.failNext('/1.0/cluster/members', { status: 403, message: 'not authorized' });
    const preview = (await adapter.impact!(created.token.id)) as KnownImpact;
    expect(preview.items.map((item) => item.kind)).toEqual(['join-in-progress']);
    expect(preview.unknowns[0]).toMatch(/^cluster members could not be read: .*not authorized/);
  });

  it('finds nothing affected by an expired token', async () => {
    const { fake, adapter, clock } = await setup();
    const operation = fake.addJoinToken('lxd-9');
    clock.advance(3 * 3600 * 1000);
    expect(await adapter.impact!(operation.id)).toMatchObject({ state: 'known', items: [], unknowns: [] });
  });
});
