// Rotation emulated for every adapter without native rotation: create a replacement -> show it
// once -> make it the default (only where the adapter has defaults and the old token is the
// default) -> preview the old token's impact -> confirm -> revoke the old token -> summary.
//
// A pure state machine: the caller performs a step, then feeds the matching event to nextStep().
// The state is exactly what the rotation journal stores (never a secret), so a rotation cut
// short (SSH drop, SIGHUP) resumes from its journal without doing any step twice.
//
// The replacement's TTL: the original's TTL *length* is not known (a kubeadm Secret records only
// the expiry, and the remaining time would shrink the token on every rotation), so the
// replacement gets the adapter's default TTL; a token that never expired is replaced by one that
// never expires (where allowed); an explicit TTL (`--ttl`, or the wizard) overrides both.
import { copyableFields, type CreateFieldSpec } from './create-fields.ts';
import { TokenTuiError } from './errors.ts';
import type { CreateTokenRequest, Token } from './token.ts';
import type { TtlLimits } from './ttl-input.ts';

export const ROTATION_STEPS = [
  'create-replacement',
  'show-replacement',
  'make-default',
  'preview-old-impact',
  'confirm',
  'revoke-old',
  'summary',
] as const;
export type RotationStep = (typeof ROTATION_STEPS)[number];

export const ROTATION_STEP_LABELS: Readonly<Record<RotationStep, string>> = {
  'create-replacement': 'create the replacement',
  'show-replacement': 'show the replacement once',
  'make-default': 'make the replacement the default',
  'preview-old-impact': "preview the old token's impact",
  confirm: 'confirm',
  'revoke-old': 'revoke the old token',
  summary: 'summary',
};

/**
 * in-progress: unfinished (interrupted if no process runs it); stopped: halted before the revoke
 * (not confirmed, or the old token changed), both tokens live: still unfinished, resumed by the
 * next rotate of the same token; done; abandoned: given up on purpose, the file kept as a record.
 */
export const ROTATION_STATUSES = ['in-progress', 'done', 'stopped', 'abandoned'] as const;
export type RotationStatus = (typeof ROTATION_STATUSES)[number];

/** The part of AdapterCapabilities a rotation reads (core cannot import the adapter contract). */
export interface RotationCapabilities {
  readonly makeDefault: boolean;
  readonly usages: readonly string[];
  readonly groups: boolean;
  readonly createFields: readonly CreateFieldSpec[];
  /** The backend keeps which token a replacement replaces (Token.replaces). */
  readonly recordsReplaces?: boolean;
  readonly ttl: TtlLimits;
}

export interface RotationState {
  readonly rotationId: string;
  readonly oldTokenId: string;
  /** Set once the replacement exists. */
  readonly newTokenId?: string;
  readonly adapter: string;
  readonly context: string;
  readonly server: string;
  /** The plan: ROTATION_STEPS minus what does not apply. */
  readonly steps: readonly RotationStep[];
  /** The step to perform next (the last one stays current once the rotation ends). */
  readonly step: RotationStep;
  readonly completedSteps: readonly RotationStep[];
  readonly status: RotationStatus;
  /** What the replacement is (or was) created with; no secret. */
  readonly replacement: CreateTokenRequest;
  /** Epoch ms. */
  readonly startedAt: number;
  readonly updatedAt: number;
}

export type ReplacementTtlSource = 'explicit' | 'adapter-default' | 'original-never-expires';

export interface ReplacementPlan {
  readonly request: CreateTokenRequest;
  readonly ttlSource: ReplacementTtlSource;
}

/**
 * Same description, usages, groups and declared create fields (a REST token's scope and use
 * limit, an LXD token's kind and projects); it records what it replaces where the backend can.
 */
export function planReplacement(old: Token, capabilities: RotationCapabilities, ttlSeconds?: number | null): ReplacementPlan {
  const ttl: Pick<ReplacementPlan, 'ttlSource'> & { seconds: number | null } =
    ttlSeconds !== undefined
      ? { seconds: ttlSeconds, ttlSource: 'explicit' }
      : old.expiresAt === null && capabilities.ttl.allowNever
        ? { seconds: null, ttlSource: 'original-never-expires' }
        : { seconds: capabilities.ttl.defaultSeconds, ttlSource: 'adapter-default' };
  // A single-use token must not come back unlimited: its original limit (not what is left) is copied.
  const fields = copyableFields(capabilities.createFields, old.fields);
  const request: CreateTokenRequest = {
    description: old.description,
    ttlSeconds: ttl.seconds,
    ...(capabilities.usages.length > 0 ? { usages: old.usages } : {}),
    ...(capabilities.groups ? { groups: old.groups } : {}),
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
    ...(capabilities.recordsReplaces === true ? { replaces: old.id } : {}),
  };
  return { request, ttlSource: ttl.ttlSource };
}

export function rotationSteps(old: Token, capabilities: RotationCapabilities): readonly RotationStep[] {
  const makeDefault = capabilities.makeDefault && old.isDefault === true;
  return ROTATION_STEPS.filter((step) => step !== 'make-default' || makeDefault);
}

export interface RotationStart {
  readonly rotationId: string;
  readonly old: Token;
  readonly adapter: string;
  readonly context: string;
  readonly server: string;
  readonly capabilities: RotationCapabilities;
  readonly replacement: CreateTokenRequest;
  readonly now: number;
}

export function startRotation(start: RotationStart): RotationState {
  return {
    rotationId: start.rotationId,
    oldTokenId: start.old.id,
    adapter: start.adapter,
    context: start.context,
    server: start.server,
    steps: rotationSteps(start.old, start.capabilities),
    step: 'create-replacement',
    completedSteps: [],
    status: 'in-progress',
    replacement: start.replacement,
    startedAt: start.now,
    updatedAt: start.now,
  };
}

export type RotationEvent =
  | { readonly type: 'replacement-created'; readonly newTokenId: string; readonly at: number }
  | { readonly type: 'replacement-shown'; readonly at: number }
  | { readonly type: 'made-default'; readonly at: number }
  | { readonly type: 'impact-previewed'; readonly at: number }
  | { readonly type: 'confirmed'; readonly at: number }
  | { readonly type: 'old-revoked'; readonly at: number }
  | { readonly type: 'summary-shown'; readonly at: number }
  /** The old token no longer exists (revoked elsewhere): nothing is left to revoke. */
  | { readonly type: 'old-gone'; readonly at: number }
  /** The revoke was not confirmed (or the token changed since the preview): the old token stays. */
  | { readonly type: 'stopped'; readonly at: number }
  /** The operator gave up an unfinished (or stopped) rotation: the replacement stays unless revoked apart, the old token stays. */
  | { readonly type: 'abandoned'; readonly at: number };

// The step each completing event belongs to; an event at any other step is a bug in the caller.
const COMPLETES: Partial<Record<RotationEvent['type'], RotationStep>> = {
  'replacement-created': 'create-replacement',
  'replacement-shown': 'show-replacement',
  'made-default': 'make-default',
  'impact-previewed': 'preview-old-impact',
  confirmed: 'confirm',
  'old-revoked': 'revoke-old',
  'summary-shown': 'summary',
};

const OLD_GONE_STEPS: readonly RotationStep[] = ['preview-old-impact', 'confirm', 'revoke-old'];
const STOP_STEPS: readonly RotationStep[] = ['confirm', 'revoke-old'];

function outOfOrder(state: RotationState, event: RotationEvent): never {
  throw new TokenTuiError('server', `rotation ${state.rotationId}: "${event.type}" does not belong to step "${state.step}" (${state.status})`, {
    source: 'rotation',
  });
}

/** A rotation the journal keeps open: interrupted, or stopped before its revoke (both tokens live). */
export function isUnfinished(state: RotationState): boolean {
  return state.status === 'in-progress' || state.status === 'stopped';
}

export function nextStep(state: RotationState, event: RotationEvent): RotationState {
  const at = { updatedAt: event.at };
  if (event.type === 'abandoned' && isUnfinished(state)) return { ...state, ...at, status: 'abandoned' };
  if (state.status !== 'in-progress') outOfOrder(state, event);
  switch (event.type) {
    case 'stopped':
      return STOP_STEPS.includes(state.step) ? { ...state, ...at, status: 'stopped' } : outOfOrder(state, event);
    case 'old-gone':
      return OLD_GONE_STEPS.includes(state.step) ? { ...state, ...at, step: 'summary' } : outOfOrder(state, event);
    default: {
      if (COMPLETES[event.type] !== state.step) outOfOrder(state, event);
      const completedSteps = [...state.completedSteps, state.step];
      if (state.step === 'summary') return { ...state, ...at, completedSteps, status: 'done' };
      const following = state.steps[state.steps.indexOf(state.step) + 1] ?? 'summary';
      const created = event.type === 'replacement-created' ? { newTokenId: event.newTokenId } : {};
      return { ...state, ...at, ...created, completedSteps, step: following };
    }
  }
}

/**
 * Where an interrupted or stopped rotation continues, with the same replacement. A confirmation
 * belongs to the preview the operator saw, and neither is journaled, so a rotation cut off (or
 * stopped) at confirm or revoke-old previews again (the revoke may or may not have happened: the
 * new preview, or a 404, tells). Finished and abandoned rotations do not resume.
 */
export function resumeRotation(state: RotationState, now: number): RotationState {
  if (!isUnfinished(state) || !STOP_STEPS.includes(state.step)) return { ...state, updatedAt: now };
  const completedSteps = state.completedSteps.filter((step) => step !== 'preview-old-impact' && step !== 'confirm');
  return { ...state, status: 'in-progress', step: 'preview-old-impact', completedSteps, updatedAt: now };
}

export type ChecklistStatus = 'done' | 'current' | 'pending' | 'skipped';

/** The visible plan: every step with its state, for the rotate screen's progress list. */
export function rotationChecklist(state: RotationState): readonly { readonly step: RotationStep; readonly label: string; readonly status: ChecklistStatus }[] {
  const current = state.steps.indexOf(state.step);
  return state.steps.map((step, index) => {
    const status: ChecklistStatus = state.completedSteps.includes(step)
      ? 'done'
      : index === current && state.status === 'in-progress'
        ? 'current'
        : index < current
          ? 'skipped'
          : 'pending';
    return { step, label: ROTATION_STEP_LABELS[step], status };
  });
}

export const SECRET_SHOWN_ONCE_NOTE =
  "the new token's secret was shown once before the interruption and cannot be shown again; if it was not saved, abandon and rotate again";
export const SECRET_NEVER_SHOWN_NOTE =
  "the interruption may have come before the new token's secret was shown; it cannot be shown again: if it was not saved, abandon and rotate again";

/** "rotation of abcdef interrupted after step 1 of 6 (create the replacement): ..." for the start screen and the CLI. */
export function describeInterruption(state: RotationState): string {
  if (state.status === 'stopped') {
    const note = state.completedSteps.includes('show-replacement') ? SECRET_SHOWN_ONCE_NOTE : SECRET_NEVER_SHOWN_NOTE;
    return `rotation of ${state.oldTokenId} stopped before the revoke (not confirmed): replacement ${state.newTokenId ?? '(unknown)'} exists and ${state.oldTokenId} is not revoked; ${note}`;
  }
  const last = state.completedSteps.at(-1);
  const where =
    last === undefined
      ? `rotation of ${state.oldTokenId} interrupted before step 1 of ${state.steps.length} finished (${ROTATION_STEP_LABELS[state.step]})`
      : `rotation of ${state.oldTokenId} interrupted after step ${state.steps.indexOf(last) + 1} of ${state.steps.length} (${ROTATION_STEP_LABELS[last]})`;
  if (state.newTokenId === undefined) {
    const described = state.replacement.description === '' ? 'without a description' : `described "${state.replacement.description}"`;
    return `${where}: a replacement may or may not have been created (look for a token ${described}); resuming creates one`;
  }
  const note = state.completedSteps.includes('show-replacement') ? SECRET_SHOWN_ONCE_NOTE : SECRET_NEVER_SHOWN_NOTE;
  return `${where}: replacement ${state.newTokenId} exists; ${note}`;
}

/** What abandoning leaves behind, said before and after doing it. */
export function describeAbandon(state: RotationState): string {
  const replacement = state.newTokenId === undefined ? 'no replacement is known to exist' : `replacement ${state.newTokenId} stays in place (revoke it if it is not used)`;
  return `abandoning the rotation of ${state.oldTokenId}: ${replacement}; old token ${state.oldTokenId} is not revoked`;
}
