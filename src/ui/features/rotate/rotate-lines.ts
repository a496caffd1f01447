// The rotate and interrupted-rotation screens as lines: the visible plan (core rotationChecklist)
// with each step's state, the rotation's waiting stages, its summary, and the interrupted
// rotation's description with what resuming or abandoning does.
import {
  describeAbandon,
  describeInterruption,
  rotationChecklist,
  SECRET_NEVER_SHOWN_NOTE,
  type ChecklistStatus,
  type ReplacementTtlSource,
  type RotationState,
  type RotationStep,
} from '../../../core/rotation-plan.ts';
import { bodyLines, type Viewport } from '../../shared/layout.ts';
import { wordWrapToWidth } from '../../shared/text-width.ts';
import type { ThemeRole } from '../../shared/theme.ts';
import { formatUtc } from '../../shared/time-format.ts';
import { wrapped, type ScreenLine } from '../../shared/screen-line.ts';
import { revokeResultLines } from '../revoke/revoke-lines.ts';
import type { RotateFlow } from './rotate-flow.ts';

const MARKS: { readonly [status in ChecklistStatus]: { readonly glyph: string; readonly role?: ThemeRole } } = {
  done: { glyph: '✓', role: 'status.ok' },
  current: { glyph: '▸', role: 'text.accent' },
  pending: { glyph: '·', role: 'text.secondary' },
  skipped: { glyph: '–', role: 'text.secondary' },
};

const SHORT_LABELS: { readonly [step in RotationStep]: string } = {
  'create-replacement': 'create',
  'show-replacement': 'show once',
  'make-default': 'make default',
  'preview-old-impact': 'preview impact',
  confirm: 'confirm',
  'revoke-old': 'revoke old',
  summary: 'summary',
};

// Below this many body lines the plan is one wrapped line, so the step below it keeps its room.
const FULL_PLAN_MIN_BODY = 22;

export function rotateTitle(rotation: RotationState): string {
  const replacement = rotation.newTokenId === undefined ? '' : ` → ${rotation.newTokenId}`;
  return `Rotate ${rotation.oldTokenId}${replacement}`;
}

/** The title and the plan with every step's state: one line per step when there is room. */
export function rotatePlanLines(rotation: RotationState, viewport: Viewport, full = bodyLines(viewport) >= FULL_PLAN_MIN_BODY): ScreenLine[] {
  const checklist = rotationChecklist(rotation);
  const title: ScreenLine = { text: rotateTitle(rotation), role: 'text.accent', bold: true };
  if (full) {
    return [title, ...checklist.map((item, index) => ({ text: `  ${MARKS[item.status].glyph} ${index + 1}. ${item.label}`, role: MARKS[item.status].role }))];
  }
  const done = checklist.filter((item) => item.status === 'done').length;
  const plan = checklist.map((item) => `${MARKS[item.status].glyph} ${SHORT_LABELS[item.step]}`).join('  ');
  return [title, ...wordWrapToWidth(`plan ${done}/${checklist.length}: ${plan}`, viewport.columns).map((text) => ({ text, role: 'text.secondary' as const }))];
}

const TTL_SOURCE_NOTES: { readonly [source in ReplacementTtlSource]: string | null } = {
  explicit: null,
  'adapter-default': "the TTL is the backend's default: the old token's original TTL length is not recorded; change it here",
  'original-never-expires': 'the old token never expires, so neither does its replacement; change it here',
};

/** Above the replacement's wizard: where its values came from. */
export function replacementNote(flow: RotateFlow): string {
  if (flow.ttlSource === null) return 'resumed: the replacement as journaled; a token may already exist (look for its description) — Enter creates one';
  const ttl = TTL_SOURCE_NOTES[flow.ttlSource];
  // What this backend's tokens carry, so the sentence never promises a copy the wizard drops.
  const capabilities = flow.wizard?.capabilities;
  const copied = [
    'description',
    ...(capabilities === undefined || capabilities.usages.length > 0 ? ['usages'] : []),
    ...(capabilities === undefined || capabilities.groups ? ['groups'] : []),
    ...(capabilities?.createFields.map((field) => field.label) ?? []),
  ];
  const list = copied.length === 1 ? copied[0] : `${copied.slice(0, -1).join(', ')} and ${copied.at(-1)}`;
  return `The replacement copies ${flow.rotation.oldTokenId}'s ${list}${ttl === null ? '' : `; ${ttl}`}.`;
}

export function secretLostLines(rotation: RotationState, width: number): ScreenLine[] {
  return [
    ...wrapped(`Replacement ${rotation.newTokenId ?? ''} exists, but ${SECRET_NEVER_SHOWN_NOTE}.`, width, '', 'status.warn'),
    { text: 'Enter goes on with the plan · Esc leaves the rotation unfinished', role: 'status.muted' },
  ];
}

export function failureLines(flow: RotateFlow, failure: string, width: number): ScreenLine[] {
  const results = flow.revoke?.step.kind === 'done' ? revokeResultLines(flow.revoke, width) : [];
  return [
    ...results,
    ...wrapped(`✗ ${failure}`, width, '', 'status.danger'),
    ...wrapped('Enter retries this step (a revoke is previewed and confirmed again) · Esc leaves the rotation unfinished: r or the next start resumes it', width, '', 'status.muted'),
  ];
}

export function summaryLines(flow: RotateFlow, width: number): ScreenLine[] {
  const { rotation } = flow;
  const old = rotation.oldTokenId;
  const replacement = rotation.newTokenId ?? '(none)';
  const lines: ScreenLine[] = [];
  if (rotation.status === 'stopped') {
    lines.push(...wrapped(`Stopped before the revoke: ${old} was NOT revoked; replacement ${replacement} stays.`, width, '', 'status.warn'));
    lines.push(...wrapped(`The rotation stays in the journal: r on ${old} resumes it with the same replacement (none is created again); a abandons it and offers to revoke ${replacement}.`, width, '', 'text.secondary'));
  } else if (rotation.completedSteps.includes('revoke-old')) {
    lines.push({ text: `✓ ${old} replaced by ${replacement} and revoked`, role: 'status.ok', bold: true });
  } else {
    lines.push({ text: `✓ ${old} was already gone; replacement ${replacement} is in place`, role: 'status.ok', bold: true });
  }
  if (rotation.completedSteps.includes('make-default')) lines.push({ text: `✓ ${replacement} is the default token`, role: 'status.ok' });
  if (flow.revoke?.step.kind === 'done') lines.push(...revokeResultLines(flow.revoke, width));
  lines.push({ text: 'Enter or Esc closes', role: 'status.muted' });
  return lines;
}

export function interruptedLines(rotations: readonly RotationState[], confirmAbandon: boolean, viewport: Viewport): ScreenLine[] {
  const [first] = rotations;
  if (first === undefined) return [];
  const width = viewport.columns;
  const count = rotations.length === 1 ? '' : ` (1 of ${rotations.length})`;
  const lines: ScreenLine[] = [
    { text: `Unfinished rotation${count}`, role: 'text.accent', bold: true },
    ...wrapped(describeInterruption(first), width, '', 'status.warn'),
    { text: `started ${formatUtc(first.startedAt)} · last step ${formatUtc(first.updatedAt)}`, role: 'text.secondary' },
    ...rotatePlanLines(first, viewport, true).slice(1),
  ];
  if (confirmAbandon) {
    lines.push(...wrapped(`${describeAbandon(first)}.`, width, '', 'status.danger'));
    if (first.newTokenId !== undefined) lines.push(...wrapped(`Then revoking ${first.newTokenId} is offered: its impact preview first, Esc keeps it.`, width, '', 'text.secondary'));
    lines.push({ text: 'y abandons it · n or Esc keeps it', bold: true });
  } else {
    lines.push(...wrapped('Enter resumes from the next step (nothing is done twice) · a abandons · Esc decides later', width, '', 'text.primary'));
  }
  return lines;
}
