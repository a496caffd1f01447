// One rotation's journal record as a file's text, and back. Pure: src/journals/rotation-journal.ts
// does the file I/O. The record is the rotation state with ISO times and a format version; it
// never holds a secret: the state has none, and every string is redacted on the way out anyway
// (a description can hold anything someone typed).
import { redactSecrets } from './bootstrap-token.ts';
import type { CreateFieldValue, CreateFieldValues } from './create-fields.ts';
import type { CreateTokenRequest } from './token.ts';
import { ROTATION_STATUSES, ROTATION_STEPS, type RotationState, type RotationStatus, type RotationStep } from './rotation-plan.ts';
import { parseJsonRecord, type JsonRecord } from './json-record.ts';

export const ROTATION_RECORD_VERSION = 1;

/** Rotation ids name files: keep them to a safe alphabet (a UUID fits). */
export const ROTATION_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export type ParsedRotationRecord = { readonly ok: true; readonly state: RotationState } | { readonly ok: false; readonly error: string };

function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

// Fixed key order: the files are meant to be read by a person at 3 a.m. too.
function ordered(state: RotationState): Record<string, unknown> {
  const { replacement } = state;
  return {
    version: ROTATION_RECORD_VERSION,
    rotationId: state.rotationId,
    status: state.status,
    oldTokenId: state.oldTokenId,
    ...(state.newTokenId === undefined ? {} : { newTokenId: state.newTokenId }),
    adapter: state.adapter,
    context: state.context,
    server: state.server,
    step: state.step,
    completedSteps: state.completedSteps,
    steps: state.steps,
    replacement: {
      description: replacement.description,
      ttlSeconds: replacement.ttlSeconds,
      ...(replacement.usages === undefined ? {} : { usages: replacement.usages }),
      ...(replacement.groups === undefined ? {} : { groups: replacement.groups }),
      ...(replacement.fields === undefined ? {} : { fields: replacement.fields }),
      ...(replacement.replaces === undefined ? {} : { replaces: replacement.replaces }),
    },
    startedAt: isoTime(state.startedAt),
    updatedAt: isoTime(state.updatedAt),
  };
}

/** Pretty JSON ending in a newline; every string redacted. */
export function formatRotationRecord(state: RotationState): string {
  return `${JSON.stringify(ordered(state), (_key, value: unknown) => (typeof value === 'string' ? redactSecrets(value) : value), 2)}\n`;
}

type Json = JsonRecord;
const isString = (value: unknown): value is string => typeof value === 'string';
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
const isStep = (value: unknown): value is RotationStep => (ROTATION_STEPS as readonly unknown[]).includes(value);
const isStatus = (value: unknown): value is RotationStatus => (ROTATION_STATUSES as readonly unknown[]).includes(value);
const isStepList = (value: unknown): value is RotationStep[] => Array.isArray(value) && value.every(isStep);

function epochOf(value: unknown): number | null {
  if (!isString(value)) return null;
  const epoch = Date.parse(value);
  return Number.isNaN(epoch) ? null : epoch;
}

const isFieldValue = (value: unknown): value is CreateFieldValue =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || isStringList(value);

/** `fields`; journals written before create fields existed kept a REST token's `maxUses` and `scope` beside them. */
function readFields(record: Json): CreateFieldValues | null {
  const { fields, maxUses, scope } = record;
  if (fields !== undefined && (typeof fields !== 'object' || fields === null || Array.isArray(fields))) return null;
  const written = (fields ?? {}) as Json;
  if (!Object.values(written).every(isFieldValue)) return null;
  if ((maxUses !== undefined && maxUses !== null && typeof maxUses !== 'number') || (scope !== undefined && !isString(scope))) return null;
  return {
    ...(maxUses === undefined ? {} : { maxUses: maxUses as number | null }),
    ...(scope === undefined ? {} : { scope: scope as string }),
    ...(written as CreateFieldValues),
  };
}

function readReplacement(value: unknown): CreateTokenRequest | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Json;
  const ttl = record['ttlSeconds'];
  if (!isString(record['description']) || !(ttl === null || typeof ttl === 'number')) return null;
  const { usages, groups, replaces } = record;
  if ((usages !== undefined && !isStringList(usages)) || (groups !== undefined && !isStringList(groups))) return null;
  if (replaces !== undefined && !isString(replaces)) return null;
  const fields = readFields(record);
  if (fields === null) return null;
  return {
    description: record['description'],
    ttlSeconds: ttl,
    ...(usages === undefined ? {} : { usages }),
    ...(groups === undefined ? {} : { groups }),
    ...(Object.keys(fields).length === 0 ? {} : { fields }),
    ...(replaces === undefined ? {} : { replaces }),
  };
}

// The first field that is missing or inconsistent, so a damaged file is reported by name.
function invalidField(record: Json): string | null {
  if (record['version'] !== ROTATION_RECORD_VERSION) return 'version';
  if (!isString(record['rotationId']) || !ROTATION_ID_PATTERN.test(record['rotationId'])) return 'rotationId';
  if (!isStatus(record['status'])) return 'status';
  for (const field of ['oldTokenId', 'adapter', 'context', 'server']) if (!isString(record[field])) return field;
  if (record['newTokenId'] !== undefined && !isString(record['newTokenId'])) return 'newTokenId';
  const steps = record['steps'];
  if (!isStepList(steps) || steps.length === 0) return 'steps';
  if (!isStep(record['step']) || !steps.includes(record['step'])) return 'step';
  const completed = record['completedSteps'];
  if (!isStepList(completed) || !completed.every((step) => steps.includes(step))) return 'completedSteps';
  if (completed.includes('create-replacement') !== isString(record['newTokenId'])) return 'newTokenId';
  if (readReplacement(record['replacement']) === null) return 'replacement';
  if (epochOf(record['startedAt']) === null) return 'startedAt';
  if (epochOf(record['updatedAt']) === null) return 'updatedAt';
  return null;
}

export function parseRotationRecord(text: string): ParsedRotationRecord {
  const parsed = parseJsonRecord(text, invalidField);
  if (!parsed.ok) return parsed;
  const { record } = parsed;
  const state: RotationState = {
    rotationId: record['rotationId'] as string,
    oldTokenId: record['oldTokenId'] as string,
    ...(record['newTokenId'] === undefined ? {} : { newTokenId: record['newTokenId'] as string }),
    adapter: record['adapter'] as string,
    context: record['context'] as string,
    server: record['server'] as string,
    steps: record['steps'] as RotationStep[],
    step: record['step'] as RotationStep,
    completedSteps: record['completedSteps'] as RotationStep[],
    status: record['status'] as RotationStatus,
    replacement: readReplacement(record['replacement'])!,
    startedAt: epochOf(record['startedAt'])!,
    updatedAt: epochOf(record['updatedAt'])!,
  };
  return { ok: true, state };
}
