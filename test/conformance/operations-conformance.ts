// The operations layer (src/adapters/operations/) on one adapter: what both front ends rely on.
// Run by describeAdapterConformance for every registered adapter, and on its own for the UI
// tests' in-memory adapter (test/operations/memory-adapter.conformance.test.ts), so the memory
// adapter cannot drift from what the real ones do.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenAdapter } from '../../src/adapters/contract.ts';
import { whyUnavailable } from '../../src/adapters/operations/availability.ts';
import { supports } from '../../src/adapters/operations/capabilities.ts';
import { previewBatch } from '../../src/adapters/operations/batch-preview.ts';
import { createToken, joinCommandFor } from '../../src/adapters/operations/create.ts';
import { previewImpact } from '../../src/adapters/operations/impact-preview.ts';
import { revokeAsPreviewed } from '../../src/adapters/operations/revoke.ts';
import { changeServerTtl, planServerTtl } from '../../src/adapters/operations/server-ttl.ts';
import type { MutationAuditEntry } from '../../src/core/audit.ts';
import type { Clock } from '../../src/core/clock.ts';
import { fingerprintToRevision } from '../../src/core/fingerprint.ts';
import type { CreatedToken, CreateTokenRequest } from '../../src/core/token.ts';

export interface OperationsSetup {
  readonly adapter: TokenAdapter;
  readonly clock: Clock;
  /**
   * Changes the token on the backend so that its revision moves on (an update of its Secret, a
   * redemption), the way another operator or a joining machine would between preview and revoke.
   * null, with the reason, for a backend where a token cannot change and keep its id (an LXD
   * token is an operation: using or cancelling it ends it, nothing updates it): that case is
   * then skipped saying why, and only a re-created token can differ from its preview.
   */
  readonly changeToken: ((created: CreatedToken) => Promise<void>) | { readonly impossible: string };
  readonly cleanup: () => Promise<void>;
}

// Verification must not wait in tests: a token still there is reported after one read.
const VERIFY = { attempts: 3, intervalMs: 50 };

export function describeOperationsConformance(name: string, setup: () => Promise<OperationsSetup>): void {
  describe(`${name}: operations`, () => {
    let context: OperationsSetup;
    const run = randomUUID().slice(0, 8);
    const leftovers = new Set<string>();

    beforeAll(async () => {
      context = await setup();
    });

    afterAll(async () => {
      const { adapter } = context ?? {};
      if (adapter !== undefined && supports(adapter, 'revoke')) for (const id of leftovers) await adapter.revoke(id).catch(() => undefined);
      await context?.cleanup();
    });

    function request(label: string): CreateTokenRequest {
      const { capabilities } = context.adapter;
      const ttl = Math.max(3600, capabilities.ttl.minSeconds);
      return {
        description: `operations ${run} ${label}`,
        ttlSeconds: capabilities.ttl.maxSeconds === null ? ttl : Math.min(ttl, capabilities.ttl.maxSeconds),
        ...(capabilities.usages.length > 0 ? { usages: [...capabilities.defaultUsages] } : {}),
        ...(capabilities.groups ? { groups: [...capabilities.defaultGroups] } : {}),
      };
    }

    async function created(label: string): Promise<CreatedToken> {
      const { adapter } = context;
      if (!supports(adapter, 'create')) throw new Error('the test needs create');
      const token = await adapter.create(request(label));
      leftovers.add(token.token.id);
      return token;
    }

    it("a preview's fingerprint parses back to the token's revision, and a revoke against it succeeds", async ({ skip }) => {
      const { adapter, clock } = context;
      skip(!supports(adapter, 'create') || !supports(adapter, 'revoke'), 'needs capabilities.create and capabilities.revoke');
      const token = await created('previewed');
      const preview = await previewImpact(adapter, token.token.id, clock);
      expect(preview.tokenId).toBe(token.token.id);
      expect(fingerprintToRevision(preview.fingerprint)).toEqual((await adapter.get(token.token.id)).revision);
      const records: MutationAuditEntry[] = [];
      const outcome = await revokeAsPreviewed(adapter, { preview, confirmation: 'flag', record: (entry) => records.push(entry), verify: VERIFY });
      expect(outcome).toMatchObject({ kind: 'revoked', gone: { gone: true } });
      expect(records).toMatchObject([{ action: 'revoke', tokenId: token.token.id, confirmation: 'flag', outcome: 'success' }]);
      await expect(adapter.get(token.token.id)).rejects.toMatchObject({ kind: 'not-found' });
      leftovers.delete(token.token.id);
    });

    it('after the token changes, the same revoke is a conflict and the token stays', async ({ skip }) => {
      const { adapter, clock } = context;
      skip(!supports(adapter, 'create') || !supports(adapter, 'revoke'), 'needs capabilities.create and capabilities.revoke');
      const { changeToken } = context;
      skip(typeof changeToken !== 'function', typeof changeToken === 'function' ? '' : changeToken.impossible);
      if (typeof changeToken !== 'function') return;
      const token = await created('changed');
      const preview = await previewImpact(adapter, token.token.id, clock);
      await changeToken(token);
      expect((await adapter.get(token.token.id)).revision).not.toEqual(fingerprintToRevision(preview.fingerprint));
      const records: MutationAuditEntry[] = [];
      const outcome = await revokeAsPreviewed(adapter, { preview, confirmation: 'typed-id', record: (entry) => records.push(entry), verify: VERIFY });
      expect(outcome).toEqual({ kind: 'conflict' });
      expect(records).toMatchObject([{ outcome: 'refused', error: 'token changed since the preview' }]);
      expect((await adapter.get(token.token.id)).id).toBe(token.token.id);
    });

    it('says why a mutation is unavailable exactly when the adapter lacks it, and read-only before anything', () => {
      const { adapter } = context;
      expect(whyUnavailable(adapter, 'create', { readonly: false }) === null).toBe(supports(adapter, 'create'));
      expect(whyUnavailable(adapter, 'revoke', { readonly: false }) === null).toBe(supports(adapter, 'revoke'));
      expect(whyUnavailable(adapter, 'make-default', { readonly: false }) === null).toBe(supports(adapter, 'makeDefault'));
      expect(whyUnavailable(adapter, 'server-ttl', { readonly: false }) === null).toBe(supports(adapter, 'setServerTtl'));
      const canRotate = supports(adapter, 'create') && supports(adapter, 'revoke') && adapter.capabilities.rotate === 'emulated';
      expect(whyUnavailable(adapter, 'rotate', { readonly: false, rotationJournal: true }) === null).toBe(canRotate);
      for (const operation of ['create', 'revoke', 'rotate', 'make-default', 'server-ttl'] as const) {
        expect(whyUnavailable(adapter, operation, { readonly: true })).toEqual({ why: 'read-only', message: 'read-only mode' });
      }
    });

    it("previews a batch: each token's own preview (pinned to its revision), a missing id as not-found, and nothing changed", async ({ skip }) => {
      const { adapter, clock } = context;
      skip(!supports(adapter, 'create'), 'capabilities.create is false');
      const [first, second] = [await created('batch 1'), await created('batch 2')];
      const missing = 'zz9zz9';
      const batch = await previewBatch(adapter, [first.token.id, missing, second.token.id], clock);
      expect(batch.entries.map((entry) => [entry.tokenId, 'preview' in entry ? 'preview' : entry.notFound ? 'not-found' : 'error'])).toEqual([
        [first.token.id, 'preview'],
        [missing, 'not-found'],
        [second.token.id, 'preview'],
      ]);
      for (const entry of batch.entries) {
        if ('preview' in entry) expect(fingerprintToRevision(entry.preview.fingerprint)).toEqual((await adapter.get(entry.tokenId)).revision);
      }
      expect(batch.combined.tokenIds).toEqual([first.token.id, second.token.id]);
      expect(Object.values(batch.combined.bySeverity).flat().sort()).toEqual([first.token.id, second.token.id].sort());
    });

    it('a replacement created with `replaces` says so on every later read, where the backend records it', async ({ skip }) => {
      const { adapter } = context;
      skip(!supports(adapter, 'create') || adapter.capabilities.recordsReplaces !== true, 'capabilities.recordsReplaces is not true');
      if (!supports(adapter, 'create')) return;
      const replacement = await adapter.create({ ...request('replacement'), replaces: 'old9x1' });
      leftovers.add(replacement.token.id);
      expect(replacement.token.replaces).toBe('old9x1');
      expect((await adapter.get(replacement.token.id)).replaces).toBe('old9x1');
      expect((await adapter.list()).find((token) => token.id === replacement.token.id)?.replaces).toBe('old9x1');
    });

    it('a backend that cannot record `replaces` refuses a create that asks it to, naming the field, and creates nothing', async ({ skip }) => {
      const { adapter } = context;
      skip(!supports(adapter, 'create') || adapter.capabilities.recordsReplaces === true, 'capabilities.recordsReplaces is true');
      const before = (await adapter.list()).map((token) => token.id);
      const records: MutationAuditEntry[] = [];
      const outcome = await createToken(adapter, { ...request('replacement'), replaces: 'old9x1' }, { record: (entry) => records.push(entry) });
      expect(outcome).toMatchObject({ kind: 'failed', uncertain: false, error: { kind: 'validation', field: 'replaces' } });
      expect((await adapter.list()).map((token) => token.id).sort()).toEqual([...before].sort());
    });

    it('refuses a create field the adapter does not declare, naming it, before any request (nothing created, a failure recorded)', async ({ skip }) => {
      const { adapter } = context;
      skip(!supports(adapter, 'create'), 'capabilities.create is false');
      const before = (await adapter.list()).map((token) => token.id);
      const records: MutationAuditEntry[] = [];
      const outcome = await createToken(adapter, { ...request('undeclared'), fields: { undeclaredField: 'x' } }, { record: (entry) => records.push(entry) });
      expect(outcome).toMatchObject({ kind: 'failed', uncertain: false, error: { kind: 'validation', field: 'undeclaredField' } });
      expect(records).toEqual([expect.objectContaining({ action: 'create', outcome: 'failure' })]);
      expect((await adapter.list()).map((token) => token.id).sort()).toEqual([...before].sort());
    });

    it('refuses a declared create field that does not apply to the token (appliesWhen), naming it, before any request', async ({ skip }) => {
      const { adapter } = context;
      const { createFields } = adapter.capabilities;
      const dependent = createFields.find((field) => field.appliesWhen !== undefined);
      const governing = createFields.find((field) => field.key === dependent?.appliesWhen?.key);
      const otherValue = governing?.kind === 'choice' ? governing.choices.map((choice) => choice.value).find((value) => !dependent!.appliesWhen!.values.includes(value)) : undefined;
      skip(!supports(adapter, 'create') || dependent === undefined || otherValue === undefined, 'no create field that applies only to some choices of another');
      const before = (await adapter.list()).map((token) => token.id);
      const records: MutationAuditEntry[] = [];
      const fields = { [governing!.key]: otherValue!, [dependent!.key]: dependent!.default };
      const outcome = await createToken(adapter, { ...request('not-applying'), fields }, { record: (entry) => records.push(entry) });
      expect(outcome).toMatchObject({ kind: 'failed', uncertain: false, error: { kind: 'validation', field: dependent!.key } });
      expect(records).toEqual([expect.objectContaining({ action: 'create', outcome: 'failure' })]);
      expect((await adapter.list()).map((token) => token.id).sort()).toEqual([...before].sort());
    });

    it('changes a server-wide TTL only with the typed confirmation, one audit record per attempt', async ({ skip }) => {
      const { adapter } = context;
      skip(!supports(adapter, 'setServerTtl'), 'no changeable capabilities.ttl.serverSetting');
      if (!supports(adapter, 'setServerTtl')) return;
      const before = adapter.capabilities.ttl;
      skip(before.defaultSeconds === null, 'the server sets no lifetime now, and none could be restored afterwards');
      expect(() => planServerTtl(adapter, 0)).toThrow(expect.objectContaining({ kind: 'validation', field: 'ttl' }));
      const target = before.defaultSeconds === 45 * 60 ? 50 * 60 : 45 * 60;
      // The adapter's own object underneath, its setServerTtl counted: a refusal must send nothing.
      const sent: number[] = [];
      const counted = Object.create(adapter, {
        setServerTtl: { value: async (seconds: number) => (sent.push(seconds), adapter.setServerTtl(seconds)) },
      }) as TokenAdapter;
      const plan = planServerTtl(counted, target);
      expect(plan).toMatchObject({ before: before.serverSetting, seconds: target, confirmation: before.serverSetting?.confirmation });
      const records: MutationAuditEntry[] = [];
      const record = (entry: MutationAuditEntry) => records.push(entry);
      try {
        expect(await changeServerTtl(counted, plan, { typed: `${plan.confirmation}-other`, confirmation: 'flag', record })).toEqual({ kind: 'refused', expected: plan.confirmation });
        expect(sent).toEqual([]);
        const changed = await changeServerTtl(counted, plan, { typed: plan.confirmation, confirmation: 'flag', record });
        expect(changed).toMatchObject({ kind: 'changed', before: before.serverSetting, after: { name: before.serverSetting?.name } });
        expect(sent).toEqual([target]);
        expect(adapter.capabilities.ttl.defaultSeconds).toBe(target);
        const name = before.serverSetting?.name;
        expect(records).toMatchObject([
          { action: 'server-ttl', tokenId: name, confirmation: 'none', outcome: 'refused', impact: { severity: 'low' } },
          { action: 'server-ttl', tokenId: name, confirmation: 'flag', outcome: 'success' },
        ]);
      } finally {
        await adapter.setServerTtl(before.defaultSeconds!);
      }
    });

    it('builds the join command the adapter declares (holding the new secret), or says there is none', async ({ skip }) => {
      const { adapter } = context;
      skip(!supports(adapter, 'create'), 'capabilities.create is false');
      const token = await created('join');
      const join = await joinCommandFor(adapter, token);
      if (!supports(adapter, 'joinCommand')) {
        expect(join).toEqual({ kind: 'none' });
        return;
      }
      expect(join.kind).toBe('ready');
      if (join.kind === 'ready') expect(join.command).toContain(token.secret);
    });
  });
}
