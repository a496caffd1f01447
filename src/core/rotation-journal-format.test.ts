import { describe, expect, it } from 'vitest';
import { formatRotationRecord, parseRotationRecord } from './rotation-journal-format.ts';
import { nextStep, startRotation, type RotationState } from './rotation-plan.ts';

const T0 = Date.parse('2026-03-01T12:00:00Z');

function afterCreate(description = 'rack 7'): RotationState {
  const state = startRotation({
    rotationId: '0b6f4c1e-93d8-4d7e-9a51-2f1d7c0e8a11',
    old: { id: 'abcdef', description, expiresAt: T0, usages: ['signing'], groups: [], invalidReason: null },
    adapter: 'kubeadm',
    context: 'prod',
    server: 'https://10.0.0.1:6443',
    capabilities: { makeDefault: false, usages: ['signing'], groups: true, createFields: [], ttl: { defaultSeconds: 60, minSeconds: 1, maxSeconds: null, allowNever: true } },
    replacement: { description, ttlSeconds: 86_400, usages: ['signing'], groups: [] },
    now: T0,
  });
  return nextStep(state, { type: 'replacement-created', newTokenId: 'ghijkl', at: T0 + 1500 });
}

describe('rotation journal record', () => {
  it('round-trips a state, with readable ISO times', () => {
    const state = afterCreate();
    const text = formatRotationRecord(state);
    expect(text).toContain('"startedAt": "2026-03-01T12:00:00.000Z"');
    expect(text).toContain('"updatedAt": "2026-03-01T12:00:01.500Z"');
    expect(text.endsWith('}\n')).toBe(true);
    expect(parseRotationRecord(text)).toEqual({ ok: true, state });
  });

  it('keeps the replacement\'s create fields, and reads the scope and use limit older journals kept beside them', () => {
    const base = afterCreate();
    const state = { ...base, replacement: { description: 'workers', ttlSeconds: 900, fields: { scope: 'pool:a', maxUses: 5 } } };
    expect(parseRotationRecord(formatRotationRecord(state))).toEqual({ ok: true, state });
    const older = { ...(JSON.parse(formatRotationRecord(base)) as Record<string, unknown>), replacement: { description: 'workers', ttlSeconds: 900, maxUses: 5, scope: 'pool:a' } };
    expect(parseRotationRecord(JSON.stringify(older))).toMatchObject({ ok: true, state: { replacement: { fields: { scope: 'pool:a', maxUses: 5 } } } });
    const damaged = { ...older, replacement: { description: 'workers', ttlSeconds: 900, fields: { maxUses: { five: 5 } } } };
    expect(parseRotationRecord(JSON.stringify(damaged))).toEqual({ ok: false, error: 'missing or invalid "replacement"' });
  });

  it('never writes a secret, even one typed into a description', () => {
    const text = formatRotationRecord(afterCreate('was abcdef.0123456789abcdef'));
    expect(text).not.toContain('0123456789abcdef');
    expect(text).toContain('abcdef.****************');
  });

  it.each([
    ['not JSON', '{', /^not JSON/],
    ['an array', '[]', /not a JSON object/],
  ])('reports %s', (_name, text, error) => {
    expect(parseRotationRecord(text)).toMatchObject({ ok: false, error: expect.stringMatching(error) });
  });

  it.each([
    ['version', { version: 2 }],
    ['rotationId', { rotationId: '../../etc/passwd' }],
    ['status', { status: 'finished' }],
    ['step', { step: 'make-default' }],
    ['completedSteps', { completedSteps: ['create-replacement', 'teleport'] }],
    ['newTokenId', { newTokenId: undefined }],
    ['replacement', { replacement: { description: 'x', ttlSeconds: '24h' } }],
    ['startedAt', { startedAt: 'yesterday' }],
  ])('names the damaged field %s', (field, patch) => {
    const record = { ...(JSON.parse(formatRotationRecord(afterCreate())) as object), ...patch };
    expect(parseRotationRecord(JSON.stringify(record))).toEqual({ ok: false, error: `missing or invalid "${field}"` });
  });
});
