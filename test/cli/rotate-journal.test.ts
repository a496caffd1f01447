// Interrupted rotations against the fake apiserver: the journal left behind, `rotate` refusing
// while one is unfinished (with no request at all), and resuming from the journal without a
// second replacement (proven on the request log).
import { actedOn } from '../../src/cli/acted-on.ts';
import { writeJson } from '../../src/cli/output.ts';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { startMutationAudit } from '../../src/cli/audit-context.ts';
import { createRotateReporter } from '../../src/cli/commands/rotate-report.ts';
import { runRotationSteps } from '../../src/cli/commands/rotate-steps.ts';
import { openCliRotationJournal } from '../../src/cli/commands/rotate.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { nextStep, planReplacement, resumeRotation, SECRET_SHOWN_ONCE_NOTE, startRotation, type RotationState } from '../../src/core/rotation-plan.ts';
import { kubeadmAdapterFor } from './command-harness.ts';
import { bootstrapSecret, capturingCliIo, runTokentui } from './harness.ts';
import { useFakeCluster } from './fake-cluster-fixture.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const OLD = 'abcdef';
const clock = new ManualClock(NOW);
const cluster = useFakeCluster({ freshStatePerTest: true });
const env = () => cluster.env();
const methods = () => cluster.apiserver.requests.filter((request) => request.method !== 'GET').map((request) => request.method);
const journal = () => openCliRotationJournal(env());

beforeEach(() => {
  cluster.apiserver.put('secrets', bootstrapSecret(OLD, '0123456789abcdef', { description: 'rack 7', expiration: '2026-03-01T13:00:00Z', 'usage-bootstrap-authentication': 'true' }));
  cluster.apiserver.requests.length = 0;
});

/** Resumes a journaled rotation in-process, as the interactive UI will: from its journal state. */
async function resume(interrupted: RotationState, confirm: string | undefined) {
  const { io, captured } = capturingCliIo({ env: env() });
  const adapter = kubeadmAdapterFor(cluster.apiserver, clock);
  const run = {
    adapter,
    journal: journal(),
    audit: startMutationAudit(io, adapter, clock),
    reporter: createRotateReporter(io, (value) => writeJson(io.stdout, value), clock, interrupted.oldTokenId, actedOn(adapter)),
    io,
    clock,
    ttlSource: 'adapter-default' as const,
    confirm,
  };
  const code = await runRotationSteps(run, resumeRotation(interrupted, clock.now()));
  const { stdout, stderr } = captured();
  return { code, json: JSON.parse(stdout) as Record<string, unknown>, stderr };
}

describe('a rotation that fails after the replacement was created', () => {
  it('stays in the journal; rotate then refuses with exit 3 and no request; resuming revokes without a second replacement', async () => {
    cluster.apiserver.failNext({ code: 500, reason: 'InternalError', message: 'etcd is sad' }, { match: (request) => request.method === 'DELETE' });
    const failed = await runTokentui(['rotate', OLD, '--confirm', OLD, '-o', 'json'], { env: env(), clock });
    expect(failed.code).toBe(1);
    const report = JSON.parse(failed.stdout) as { newTokenId: string; outcome: string; replacement: { token: string } };
    expect(report.outcome).toBe('failed');
    expect(report.replacement.token).toMatch(new RegExp(`^${report.newTokenId}\\.[a-z0-9]{16}$`));
    expect(failed.stderr).toContain(`the rotation of ${OLD} is unfinished at step "revoke-old": replacement ${report.newTokenId} exists`);

    const [unfinished] = journal().listInterrupted();
    expect(unfinished).toMatchObject({ oldTokenId: OLD, newTokenId: report.newTokenId, step: 'revoke-old', status: 'in-progress' });
    const journalText = readFileSync(journal().pathOf(unfinished!.rotationId), 'utf8');
    expect(journalText).toContain(`"newTokenId": "${report.newTokenId}"`);
    expect(journalText).not.toContain(report.replacement.token.split('.')[1]);

    cluster.apiserver.requests.length = 0;
    const refused = await runTokentui(['rotate', OLD, '--confirm', OLD], { env: env(), clock });
    expect(refused.code).toBe(3);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `tokentui: rotation of ${OLD} interrupted after step 4 of 6 (confirm): replacement ${report.newTokenId} exists; ${SECRET_SHOWN_ONCE_NOTE}; nothing was done\n` +
        `hint: start the interactive UI (tokentui) to resume or abandon it; or by hand: finish it with \`tokentui revoke ${OLD} --confirm ${OLD}\`, ` +
        `or abandon it by deleting ${journal().pathOf(unfinished!.rotationId)} (replacement ${report.newTokenId} stays either way)\n`,
    );
    expect(cluster.apiserver.requests).toEqual([]);

    const resumed = await resume(unfinished!, OLD);
    expect(resumed.code).toBe(0);
    expect(methods()).toEqual(['DELETE']);
    expect(resumed.json).toMatchObject({ outcome: 'rotated', newTokenId: report.newTokenId, revoked: true });
    expect(resumed.json).not.toHaveProperty('replacement');
    expect(cluster.apiserver.secret('kube-system', `bootstrap-token-${OLD}`)).toBeUndefined();
    expect(journal().list().rotations).toEqual([]);
  });
});

describe('a rotation killed right after the create was journaled', () => {
  async function interruptedAfterCreate(): Promise<RotationState> {
    const adapter = kubeadmAdapterFor(cluster.apiserver, clock);
    const old = await adapter.get(OLD);
    const plan = planReplacement(old, adapter.capabilities);
    const target = { adapter: adapter.id, context: adapter.target.context, server: adapter.target.server };
    const started = startRotation({ rotationId: 'r-killed', old, ...target, capabilities: adapter.capabilities, replacement: plan.request, now: NOW });
    const created = await adapter.create!(plan.request);
    const afterCreate = nextStep(started, { type: 'replacement-created', newTokenId: created.token.id, at: NOW });
    journal().save(afterCreate);
    cluster.apiserver.requests.length = 0;
    return afterCreate;
  }

  it('resumes at "show" (saying the secret is gone), then previews; without --confirm it stops and revokes nothing', async () => {
    const interrupted = await interruptedAfterCreate();
    const resumed = await resume(interrupted, undefined);
    expect(resumed.code).toBe(3);
    expect(resumed.stderr).toContain(`replacement ${interrupted.newTokenId}: the interruption may have come before the new token's secret was shown; it cannot be shown again`);
    expect(resumed.stderr).toContain(`NOT revoked: pass --confirm ${OLD}`);
    expect(methods()).toEqual([]);
    expect(resumed.json).toMatchObject({ outcome: 'refused', completedSteps: ['create-replacement', 'show-replacement', 'preview-old-impact'] });
  });

  it('abandoning leaves the replacement and the old token; a new rotate is then allowed', async () => {
    const interrupted = await interruptedAfterCreate();
    expect((await runTokentui(['rotate', OLD], { env: env(), clock })).code).toBe(3);
    journal().abandon(interrupted.rotationId, NOW + 1000);
    expect(cluster.apiserver.secret('kube-system', `bootstrap-token-${interrupted.newTokenId}`)).toBeDefined();
    cluster.apiserver.requests.length = 0;
    const again = await runTokentui(['rotate', OLD, '--confirm', OLD, '-o', 'json'], { env: env(), clock });
    expect(again.code).toBe(0);
    expect(methods()).toEqual(['POST', 'DELETE']);
    expect(journal().list().rotations.map((rotation) => rotation.status)).toEqual(['abandoned']);
  });
});
