// One rotation per old token, against the fake apiserver, every claim on its request log: a
// rotation that failed, stopped or was cut off after its create stays in the journal, and the
// next `rotate ID` resumes it with the SAME replacement (no second POST); one cut off during the
// create is refused with the commands to run; `--abandon` gives it up and offers to revoke the
// replacement through the same gate.
import { readFileSync } from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCliRotationJournal } from '../../src/cli/audit-context.ts';
import type { AbandonJson } from '../../src/cli/commands/rotate-abandon.ts';
import type { RotateJson } from '../../src/cli/commands/rotate-report.ts';
import type { AuditRecord } from '../../src/core/audit.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { nextStep, planReplacement, startRotation, type RotationState } from '../../src/core/rotation-plan.ts';
import { kubeadmAdapterFor } from './command-harness.ts';
import { bootstrapSecret, runTokentui } from './harness.ts';
import { putClusterInfo, useFakeCluster } from './fake-cluster-fixture.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const OLD = 'abcdef';
const clock = new ManualClock(NOW);
const cluster = useFakeCluster({ freshStatePerTest: true });
const env = () => cluster.env();
const methods = () => cluster.apiserver.requests.filter((request) => request.method !== 'GET').map((request) => request.method);
const journal = () => openCliRotationJournal(env());
const tokentui = (...args: string[]) => runTokentui(args, { env: env(), clock });
/** The token ids the backend lists now (through tokentui list, i.e. the apiserver's LIST). */
async function listedIds(): Promise<string[]> {
  const listed = await tokentui('list', '-o', 'json');
  expect(listed.code).toBe(0);
  return (JSON.parse(listed.stdout) as { id: string }[]).map((token) => token.id).sort();
}
// The fake apiserver lives for the whole file: tokens earlier tests left are the baseline.
let baseline: readonly string[] = [];
/** The ids listed now that were not there when the test began (OLD counts while it exists). */
const bootstrapIds = async () => (await listedIds()).filter((id) => id === OLD || !baseline.includes(id));
const auditRecords = () => readFileSync(cluster.state.journal, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as AuditRecord);

beforeAll(() => putClusterInfo(cluster.apiserver));

beforeEach(async () => {
  cluster.apiserver.put('secrets', bootstrapSecret(OLD, '0123456789abcdef', { description: 'rack 7', expiration: '2026-03-01T13:00:00Z', 'usage-bootstrap-authentication': 'true' }));
  baseline = await listedIds();
  cluster.apiserver.requests.length = 0;
});

/** The CLI's own target (its kubeconfig context), so a hand-made journal record is one it resumes. */
async function cliTarget() {
  const listed = await tokentui('rotate', 'zzzzzz', '-o', 'json');
  expect(listed.code).toBe(4);
  const adapter = kubeadmAdapterFor(cluster.apiserver, clock);
  return { adapter: adapter.id, context: 'fake-admin', server: adapter.target.server };
}

describe('rotate, then rotate --confirm: one replacement', () => {
  it('the second run resumes the stopped rotation: no second POST, the same replacement revokes the old token', async () => {
    const first = await tokentui('rotate', OLD, '-o', 'json');
    expect(first.code).toBe(3);
    const stopped = JSON.parse(first.stdout) as RotateJson;
    const newId = stopped.newTokenId!;
    expect(first.stderr).toBe(
      `tokentui: replacement ${newId} created; old token ${OLD} NOT revoked: run \`tokentui rotate ${OLD} --confirm ${OLD}\` to revoke it with the same replacement, or \`tokentui rotate --abandon ${OLD}\` to give the rotation up\n`,
    );
    expect(journal().listUnfinished()).toEqual([expect.objectContaining({ oldTokenId: OLD, newTokenId: newId, status: 'stopped', step: 'confirm' })]);

    const second = await tokentui('rotate', OLD, '--confirm', OLD, '-o', 'json');
    expect(second.code).toBe(0);
    const done = JSON.parse(second.stdout) as RotateJson;
    expect(done).toMatchObject({ rotationId: stopped.rotationId, newTokenId: newId, outcome: 'rotated', revoked: true, resumed: true });
    expect(done).not.toHaveProperty('replacement');
    expect(second.stderr).toMatch(new RegExp(`^tokentui: resuming the rotation of ${OLD} started 2026-03-01T12:00:00Z \\(stopped before the revoke\\) with its replacement ${newId}: no new token is created`));
    expect(methods()).toEqual(['POST', 'DELETE']);
    expect(await bootstrapIds()).toEqual([newId]);
    expect(journal().list().rotations).toEqual([]);
    expect(auditRecords().map((record) => [record.action, record.tokenId, record.outcome, record.replaces ?? record.replacedBy])).toEqual([
      ['create', newId, 'success', OLD],
      ['rotate', OLD, 'refused', newId],
      ['rotate', OLD, 'success', newId],
    ]);
  });

  it('a second rotate without --confirm also keeps the one replacement (and says how to finish)', async () => {
    const first = JSON.parse((await tokentui('rotate', OLD, '-o', 'json')).stdout) as RotateJson;
    const again = await tokentui('rotate', OLD);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain(`replacement ${first.newTokenId} kept; old token ${OLD} NOT revoked: run \`tokentui rotate ${OLD} --confirm ${OLD}\``);
    expect(again.stdout).not.toContain('Replacement token');
    expect(methods()).toEqual(['POST']);
    expect(await bootstrapIds()).toEqual([OLD, first.newTokenId].sort());
  });

  it('--ttl on a resume is refused (exit 2) before any request: the replacement exists already', async () => {
    await tokentui('rotate', OLD);
    cluster.apiserver.requests.length = 0;
    const result = await tokentui('rotate', OLD, '--ttl', '2h', '--confirm', OLD);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tokentui: --ttl does not apply: the rotation of abcdef resumes with its existing replacement \w{6}; nothing was done\nhint: run `tokentui rotate abcdef` without --ttl/);
    expect(cluster.apiserver.requests).toEqual([]);
  });
});

describe('a rotation that fails after the replacement was created', () => {
  it('stays in the journal; rotate --confirm then resumes it and revokes without a second replacement', async () => {
    cluster.apiserver.failNext({ code: 500, reason: 'InternalError', message: 'etcd is sad' }, { match: (request) => request.method === 'DELETE' });
    const failed = await tokentui('rotate', OLD, '--confirm', OLD, '-o', 'json');
    expect(failed.code).toBe(1);
    const report = JSON.parse(failed.stdout) as { newTokenId: string; outcome: string; replacement: { token: string } };
    expect(report.outcome).toBe('failed');
    expect(failed.stderr).toContain(`the rotation of ${OLD} is unfinished at step "revoke-old": replacement ${report.newTokenId} exists and ${OLD} is not revoked; run \`tokentui rotate ${OLD} --confirm ${OLD}\``);
    const [unfinished] = journal().listUnfinished();
    expect(unfinished).toMatchObject({ oldTokenId: OLD, newTokenId: report.newTokenId, step: 'revoke-old', status: 'in-progress' });
    expect(readFileSync(journal().pathOf(unfinished!.rotationId), 'utf8')).not.toContain(report.replacement.token.split('.')[1]);

    cluster.apiserver.requests.length = 0;
    const resumed = await tokentui('rotate', OLD, '--confirm', OLD, '-o', 'json');
    expect(resumed.code).toBe(0);
    expect(methods()).toEqual(['DELETE']);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ outcome: 'rotated', newTokenId: report.newTokenId, revoked: true, resumed: true });
    expect(cluster.apiserver.secret('kube-system', `bootstrap-token-${OLD}`)).toBeUndefined();
    expect(journal().list().rotations).toEqual([]);
  });
});

describe('a rotation cut off around its create', () => {
  async function journaled(step: 'created' | 'creating'): Promise<RotationState> {
    const target = await cliTarget();
    const adapter = kubeadmAdapterFor(cluster.apiserver, clock);
    const old = await adapter.get(OLD);
    const plan = planReplacement(old, adapter.capabilities);
    const started = startRotation({ rotationId: 'r-killed', old, ...target, capabilities: adapter.capabilities, replacement: plan.request, now: NOW });
    const state = step === 'creating' ? started : nextStep(started, { type: 'replacement-created', newTokenId: (await adapter.create!(plan.request)).token.id, at: NOW });
    journal().save(state);
    cluster.apiserver.requests.length = 0;
    return state;
  }

  it('after the create: resumes at "show" (saying the secret is gone), previews, and without --confirm stops with no request that writes', async () => {
    const interrupted = await journaled('created');
    const resumed = await tokentui('rotate', OLD, '-o', 'json');
    expect(resumed.code).toBe(3);
    expect(resumed.stderr).toContain(`replacement ${interrupted.newTokenId}: the interruption may have come before the new token's secret was shown; it cannot be shown again`);
    expect(resumed.stderr).toContain(`replacement ${interrupted.newTokenId} kept; old token ${OLD} NOT revoked: run \`tokentui rotate ${OLD} --confirm ${OLD}\``);
    expect(methods()).toEqual([]);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ outcome: 'refused', resumed: true, completedSteps: ['create-replacement', 'show-replacement', 'preview-old-impact'] });
  });

  it('during the create: refused with exit 3 and no request, naming the commands (a replacement may exist)', async () => {
    await journaled('creating');
    const refused = await tokentui('rotate', OLD, '--confirm', OLD);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toBe(
      `tokentui: the rotation of ${OLD} started 2026-03-01T12:00:00Z was cut off while its replacement was being created: a replacement may or may not exist; nothing was done\n` +
        'hint: look for a token described "rack 7" created after it started (`tokentui list`) and revoke it if it is not wanted ' +
        `(\`tokentui revoke NEW_ID --confirm NEW_ID\`); then \`tokentui rotate --abandon ${OLD}\`, and \`tokentui rotate ${OLD}\` starts again\n`,
    );
    expect(methods()).toEqual([]);
    const abandoned = await tokentui('rotate', '--abandon', OLD);
    expect(abandoned.code).toBe(0);
    expect(abandoned.stdout).toContain('no replacement is known to exist');
    const again = await tokentui('rotate', OLD, '--confirm', OLD);
    expect(again.code).toBe(0);
    expect(methods()).toEqual(['POST', 'DELETE']);
  });
});

describe('rotate --abandon', () => {
  it('without --confirm: abandons (both tokens stay), prints the replacement preview and the revoke command; a new rotate then starts afresh', async () => {
    const stopped = JSON.parse((await tokentui('rotate', OLD, '-o', 'json')).stdout) as RotateJson;
    const newId = stopped.newTokenId!;
    cluster.apiserver.requests.length = 0;
    const result = await tokentui('rotate', '--abandon', OLD);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Impact of revoking token ${newId}: `);
    expect(result.stdout).toContain(`Abandoned: abandoning the rotation of ${OLD}: replacement ${newId} stays in place`);
    expect(result.stdout).toContain(`replacement ${newId} kept; to revoke it, run \`tokentui revoke ${newId} --confirm ${newId}\``);
    expect(methods()).toEqual([]);
    expect(await bootstrapIds()).toEqual([OLD, newId].sort());
    expect(journal().list().rotations.map((rotation) => rotation.status)).toEqual(['abandoned']);
    const fresh = JSON.parse((await tokentui('rotate', OLD, '-o', 'json')).stdout) as RotateJson;
    expect(fresh).toMatchObject({ resumed: false });
    expect(fresh.newTokenId).not.toBe(newId);
  });

  it('--confirm NEW_ID: abandons and revokes the replacement against its preview; the old token stays', async () => {
    const newId = (JSON.parse((await tokentui('rotate', OLD, '-o', 'json')).stdout) as RotateJson).newTokenId!;
    const replacement = cluster.apiserver.secret('kube-system', `bootstrap-token-${newId}`)!;
    cluster.apiserver.requests.length = 0;
    const result = await tokentui('rotate', '--abandon', OLD, '--confirm', newId, '-o', 'json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as AbandonJson;
    expect(json).toMatchObject({ abandoned: true, replacementRevoked: true, newTokenId: newId, replacement: { tokenId: newId, outcome: 'revoked' } });
    expect(cluster.apiserver.requests.filter((request) => request.method === 'DELETE')).toEqual([
      expect.objectContaining({ path: `/api/v1/namespaces/kube-system/secrets/bootstrap-token-${newId}`, body: expect.objectContaining({ preconditions: { uid: replacement.metadata.uid, resourceVersion: replacement.metadata.resourceVersion } }) }),
    ]);
    expect(await bootstrapIds()).toEqual([OLD]);
  });

  it('a --confirm that is not the replacement changes nothing, not even the journal (exit 3); no rotation at all is exit 4', async () => {
    const newId = (JSON.parse((await tokentui('rotate', OLD, '-o', 'json')).stdout) as RotateJson).newTokenId!;
    cluster.apiserver.requests.length = 0;
    const wrong = await tokentui('rotate', '--abandon', OLD, '--confirm', OLD);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toBe(
      `tokentui: nothing was changed: --confirm must be the replacement's id ${newId} to revoke it (\`tokentui rotate --abandon ${OLD} --confirm ${newId}\`); \`tokentui rotate --abandon ${OLD}\` abandons and keeps it\n`,
    );
    expect(methods()).toEqual([]);
    expect(journal().listUnfinished()).toHaveLength(1);
    const none = await tokentui('rotate', '--abandon', 'bbbbbb');
    expect(none.code).toBe(4);
    expect(none.stderr).toMatch(/^tokentui: no unfinished rotation of bbbbbb on fake-admin in .*; nothing was changed\nhint: `tokentui rotate bbbbbb` starts one\n$/);
  });
});
