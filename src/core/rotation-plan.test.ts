import { describe, expect, it } from 'vitest';
import type { Token } from './token.ts';
import {
  describeAbandon,
  describeInterruption,
  nextStep,
  planReplacement,
  resumeRotation,
  rotationChecklist,
  SECRET_SHOWN_ONCE_NOTE,
  startRotation,
  type RotationCapabilities,
  type RotationEvent,
  type RotationState,
} from './rotation-plan.ts';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const GROUP = 'system:bootstrappers:kubeadm:default-node-token';

const kubeadmLike: RotationCapabilities = {
  makeDefault: false,
  usages: ['authentication', 'signing'],
  groups: true,
  createFields: [],
  ttl: { defaultSeconds: 86_400, minSeconds: 1, maxSeconds: null, allowNever: true },
};
const restLike: RotationCapabilities = {
  makeDefault: true,
  usages: [],
  groups: false,
  createFields: [
    { kind: 'text', key: 'scope', label: 'scope', flag: 'scope', help: '', default: '', maxLength: 200 },
    { kind: 'count', key: 'maxUses', label: 'max uses', flag: 'max-uses', help: '', default: null, min: 1, max: 1000, shortcut: { flag: 'single-use', value: 1, label: 'single-use' } },
  ],
  ttl: { defaultSeconds: 3600, minSeconds: 60, maxSeconds: 30 * 86_400, allowNever: false },
};

const kubeadmToken: Token = {
  id: 'abcdef',
  description: 'rack 7',
  expiresAt: T0 + 5 * 60_000,
  usages: ['authentication', 'signing'],
  groups: [GROUP, 'system:bootstrappers:rack7'],
  invalidReason: null,
};
const restDefault: Token = {
  id: 'tok_old',
  description: 'workers',
  expiresAt: null,
  usages: [],
  groups: [],
  invalidReason: null,
  isDefault: true,
  scope: 'pool:a',
  usesRemaining: 1,
  fields: { scope: 'pool:a', maxUses: 1 },
  extras: { maxUses: 1, uses: 0 },
};

function started(old: Token = kubeadmToken, capabilities = kubeadmLike): RotationState {
  const { request } = planReplacement(old, capabilities);
  return startRotation({ rotationId: 'r-1', old, adapter: 'kubeadm', context: 'prod', server: 'https://10.0.0.1:6443', capabilities, replacement: request, now: T0 });
}

const at = (seconds: number) => T0 + seconds * 1000;
const happyPath: readonly RotationEvent[] = [
  { type: 'replacement-created', newTokenId: 'ghijkl', at: at(1) },
  { type: 'replacement-shown', at: at(2) },
  { type: 'impact-previewed', at: at(3) },
  { type: 'confirmed', at: at(4) },
  { type: 'old-revoked', at: at(5) },
  { type: 'summary-shown', at: at(6) },
];

describe('the replacement', () => {
  it('kubeadm: same description, usages and groups; the adapter default TTL (the original length is unknown)', () => {
    expect(planReplacement(kubeadmToken, kubeadmLike)).toEqual({
      request: { description: 'rack 7', ttlSeconds: 86_400, usages: ['authentication', 'signing'], groups: [GROUP, 'system:bootstrappers:rack7'] },
      ttlSource: 'adapter-default',
    });
  });

  it('an explicit TTL wins; a never-expiring original gives a never-expiring replacement where allowed', () => {
    expect(planReplacement(kubeadmToken, kubeadmLike, 7200)).toMatchObject({ request: { ttlSeconds: 7200 }, ttlSource: 'explicit' });
    expect(planReplacement({ ...kubeadmToken, expiresAt: null }, kubeadmLike)).toMatchObject({ request: { ttlSeconds: null }, ttlSource: 'original-never-expires' });
    expect(planReplacement(restDefault, restLike)).toMatchObject({ request: { ttlSeconds: 3600 }, ttlSource: 'adapter-default' });
  });

  it('rest: keeps the scope and the original use limit (a single-use token is not replaced by an unlimited one)', () => {
    expect(planReplacement(restDefault, restLike).request).toEqual({ description: 'workers', ttlSeconds: 3600, fields: { scope: 'pool:a', maxUses: 1 } });
    // The limit the token was created with, not what is left of it.
    expect(planReplacement({ ...restDefault, usesRemaining: 2, fields: { scope: 'pool:a', maxUses: 5 } }, restLike).request.fields).toEqual({ scope: 'pool:a', maxUses: 5 });
  });

  it('copies only the fields this backend declares (a field the backend lost is not sent)', () => {
    const scopeOnly = { ...restLike, createFields: restLike.createFields.filter((field) => field.key === 'scope') };
    expect(planReplacement(restDefault, scopeOnly).request.fields).toEqual({ scope: 'pool:a' });
    expect(planReplacement(kubeadmToken, kubeadmLike).request.fields).toBeUndefined();
  });
});

describe('the plan', () => {
  it('kubeadm (no defaults) skips make-default', () => {
    expect(started().steps).toEqual(['create-replacement', 'show-replacement', 'preview-old-impact', 'confirm', 'revoke-old', 'summary']);
  });

  it('make-default only where the adapter has defaults AND the old token is the default', () => {
    expect(started(restDefault, restLike).steps).toContain('make-default');
    expect(started({ ...restDefault, isDefault: false }, restLike).steps).not.toContain('make-default');
  });

  it('runs the happy path step by step to done', () => {
    const states = happyPath.reduce<RotationState[]>((list, event) => [...list, nextStep(list.at(-1)!, event)], [started()]);
    expect(states.map((state) => state.step)).toEqual(['create-replacement', 'show-replacement', 'preview-old-impact', 'confirm', 'revoke-old', 'summary', 'summary']);
    const done = states.at(-1)!;
    expect(done).toMatchObject({ status: 'done', newTokenId: 'ghijkl', updatedAt: at(6), startedAt: T0 });
    expect(done.completedSteps).toEqual(done.steps);
  });

  it('refuses events out of order: no revoke before the confirmation, nothing after the end', () => {
    const previewed = happyPath.slice(0, 3).reduce(nextStep, started());
    expect(previewed.step).toBe('confirm');
    expect(() => nextStep(previewed, { type: 'old-revoked', at: at(9) })).toThrow(/"old-revoked" does not belong to step "confirm"/);
    expect(() => nextStep(started(), { type: 'replacement-shown', at: at(9) })).toThrow();
    const done = happyPath.reduce(nextStep, started());
    expect(() => nextStep(done, { type: 'abandoned', at: at(9) })).toThrow(/\(done\)/);
  });

  it('stops at the confirmation (old token kept), or skips to the summary when the old token is already gone', () => {
    const atConfirm = happyPath.slice(0, 3).reduce(nextStep, started());
    expect(nextStep(atConfirm, { type: 'stopped', at: at(9) })).toMatchObject({ status: 'stopped', step: 'confirm' });
    const gone = nextStep(atConfirm, { type: 'old-gone', at: at(9) });
    expect(gone).toMatchObject({ status: 'in-progress', step: 'summary' });
    expect(rotationChecklist(gone).map((item) => item.status)).toEqual(['done', 'done', 'done', 'skipped', 'skipped', 'current']);
    expect(() => nextStep(started(), { type: 'stopped', at: at(9) })).toThrow();
  });
});

describe('interruption and resume', () => {
  it('after the replacement was created, resume starts at the next step and says the secret is gone', () => {
    const afterCreate = nextStep(started(), happyPath[0]!);
    const resumed = resumeRotation(afterCreate, at(60));
    expect(resumed).toMatchObject({ step: 'show-replacement', newTokenId: 'ghijkl', completedSteps: ['create-replacement'] });
    expect(describeInterruption(afterCreate)).toMatch(/^rotation of abcdef interrupted after step 1 of 6 \(create the replacement\): replacement ghijkl exists; .*cannot be shown again/);
    const afterShow = nextStep(afterCreate, happyPath[1]!);
    expect(describeInterruption(afterShow)).toBe(`rotation of abcdef interrupted after step 2 of 6 (show the replacement once): replacement ghijkl exists; ${SECRET_SHOWN_ONCE_NOTE}`);
  });

  it('cut off at confirm or revoke-old: previews again (a confirmation belongs to the preview the operator saw)', () => {
    const atRevoke = happyPath.slice(0, 4).reduce(nextStep, started());
    expect(atRevoke.step).toBe('revoke-old');
    expect(resumeRotation(atRevoke, at(60))).toMatchObject({ step: 'preview-old-impact', completedSteps: ['create-replacement', 'show-replacement'] });
  });

  it('interrupted during the create: says a replacement may exist', () => {
    expect(describeInterruption(started())).toMatch(/interrupted before step 1 of 6 finished \(create the replacement\): a replacement may or may not have been created \(look for a token described "rack 7"\)/);
  });

  it('abandon keeps the replacement and the old token, and says so', () => {
    const afterCreate = nextStep(started(), happyPath[0]!);
    expect(describeAbandon(afterCreate)).toBe('abandoning the rotation of abcdef: replacement ghijkl stays in place (revoke it if it is not used); old token abcdef is not revoked');
    expect(nextStep(afterCreate, { type: 'abandoned', at: at(9) })).toMatchObject({ status: 'abandoned', newTokenId: 'ghijkl' });
  });
});
