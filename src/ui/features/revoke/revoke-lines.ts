// The revoke flow as lines: a scrollable body (batch, banner, impact grouped by kind, what is
// unknown and why, results) and two pinned lines at the bottom (the confirmation prompt and its
// status), so the prompt stays visible however long the preview is. The reducer uses the same
// lines to bound scrolling and to know when every line has been on screen. Headlines wrap,
// never truncate: the severity is the one line a reader must see whole.
import { summarizeImpact } from '../../../core/audit.ts';
import { impactSeverity, requiredConfirmation, type ImpactItemKind, type ImpactPreview } from '../../../core/impact.ts';
import { gateState, gateWhy } from '../../shared/preview-gate.ts';
import { headline, wrapped, type ScreenLine } from '../../shared/screen-line.ts';
import type { ThemeRole } from '../../shared/theme.ts';
import { batchSummaryLines, overviewLines } from './revoke-batch.ts';
import { currentTokenId, gateOf, isBatch, type RevokeFlow, type RevokeOutcome } from './revoke-flow.ts';

// Breaking consequences first; what keeps working last.
const KIND_TITLES: ReadonlyArray<readonly [ImpactItemKind, string]> = [
  ['join-in-progress', 'Joins in progress that will fail'],
  ['machine-loses-access', 'Machines that lose access'],
  ['dependent-object', 'Objects and automation that depend on the token'],
  ['cluster-wide', 'Cluster-wide consequences'],
  ['signature-removed', 'Signatures that disappear'],
  ['joined-keeps-working', 'Joined with this token (they keep working)'],
  ['informational', 'For context (not changed by the revoke)'],
];

const SEVERITY_ROLES = { none: 'status.ok', low: 'status.warn', high: 'status.danger' } as const;

const OUTCOME_MARKS: { readonly [outcome in RevokeOutcome]: { readonly glyph: string; readonly role: ThemeRole } } = {
  revoked: { glyph: '✓', role: 'status.ok' },
  unverified: { glyph: '?', role: 'status.warn' },
  failed: { glyph: '✗', role: 'status.danger' },
  'not-revoked': { glyph: '-', role: 'status.warn' },
  skipped: { glyph: '→', role: 'text.secondary' },
};

export function batchTitle(flow: RevokeFlow): string {
  const { ids, hiddenByFilter } = flow.batch;
  const id = currentTokenId(flow);
  if (ids.length === 1 && hiddenByFilter === 0) return `Revoke token ${id}`;
  const count = ids.length === 1 ? '1 token' : `${ids.length} tokens`;
  const hidden = hiddenByFilter > 0 ? ` (${hiddenByFilter} hidden by filter)` : '';
  const { kind } = flow.step;
  const position = kind === 'done' || kind === 'overview' || kind === 'overview-computing' ? '' : ` · token ${flow.index + 1} of ${ids.length}: ${id}`;
  return `Revoke ${count}${hidden}${position}`;
}

export function confirmationText(preview: ImpactPreview): string {
  return requiredConfirmation(preview) === 'yes'
    ? 'Confirmation: y or Enter (nothing is affected)'
    : 'Confirmation: type the token id (impact found or unknown)';
}

export function previewLines(preview: ImpactPreview, width: number): ScreenLine[] {
  const severity = impactSeverity(preview);
  const role = SEVERITY_ROLES[severity];
  if (preview.state === 'unknown') {
    return [...headline(`Impact: UNKNOWN — ${preview.reason}`, width, 'status.danger'), { text: confirmationText(preview) }];
  }
  const summary = summarizeImpact(preview).summary;
  const lines: ScreenLine[] = headline(`Impact: ${severity.toUpperCase()} — ${summary}`, width, role);
  for (const [kind, title] of KIND_TITLES) {
    const items = preview.items.filter((item) => item.kind === kind);
    if (items.length === 0) continue;
    lines.push({ text: `${title} (${items.length})`, role: 'text.heading', bold: true });
    for (const item of items) lines.push(...wrapped(`${item.subject} — ${item.detail}`, width, '  '));
  }
  if (preview.unknowns.length > 0) {
    lines.push({ text: `Could not be determined (${preview.unknowns.length})`, role: 'status.warn', bold: true });
    for (const why of preview.unknowns) lines.push(...wrapped(`? ${why}`, width, '  ', 'status.warn'));
  }
  lines.push({ text: confirmationText(preview) });
  return lines;
}

export function revokeResultLines(flow: RevokeFlow, width: number): ScreenLine[] {
  return flow.results.flatMap((result) => {
    const mark = OUTCOME_MARKS[result.outcome];
    return [
      ...wrapped(`${mark.glyph} ${result.tokenId} ${result.detail}`, width, '', mark.role),
      ...(result.verified ?? []).flatMap((check) => wrapped(`✓ ${check}`, width, '    ', 'status.ok')),
      ...(result.warnings ?? []).flatMap((warning) => wrapped(`! ${warning}`, width, '    ', 'status.warn')),
    ];
  });
}

/** Everything above the pinned prompt. */
export function revokeBodyLines(flow: RevokeFlow, width: number): ScreenLine[] {
  const lines: ScreenLine[] = headline(batchTitle(flow), width, 'text.accent');
  for (const failure of flow.auditFailures) lines.push(...wrapped(`audit journal: ${failure}`, width, '', 'status.danger'));
  if (flow.banner !== null) lines.push(...headline(`! ${flow.banner}`, width, 'status.warn'));
  const { step } = flow;
  switch (step.kind) {
    case 'overview-computing':
      return [...lines, { text: `computing the impact of revoking each of the ${flow.batch.ids.length} tokens…`, role: 'status.muted' }];
    case 'overview':
      return [...lines, ...overviewLines(step.overview, width)];
    case 'computing':
      return [...lines, { text: `computing the impact of revoking ${currentTokenId(flow)}…`, role: 'status.muted' }];
    case 'confirm':
    case 'revoking':
      return [...lines, ...previewLines(step.preview, width)];
    case 'done':
      return [...lines, ...(isBatch(flow) ? batchSummaryLines(flow, width) : []), ...revokeResultLines(flow, width)];
  }
}

/** While the preview's gate is shut: why, instead of a prompt that would take the key. */
function shutLines(flow: RevokeFlow, now: number, total: number): readonly [ScreenLine, ScreenLine] | null {
  const gate = gateOf(flow.step);
  if (gate === undefined) return null;
  const state = gateState(gate, now, total);
  if (state.kind === 'open') return null;
  const leave = isBatch(flow) && flow.step.kind === 'confirm' ? 'Tab skips this token · Esc stops the rest' : 'Esc leaves it untouched';
  return [
    { text: `⏸ ${gateWhy(state)}`, role: 'status.warn', bold: true },
    { text: `a confirmation counts once every line has been on screen a moment · ${leave}`, role: 'status.muted' },
  ];
}

/** The prompt and its status line; `now` and the body's line count say whether the gate is open. */
export function revokePinnedLines(flow: RevokeFlow, now: number, total: number): readonly [ScreenLine, ScreenLine] {
  const { step } = flow;
  const id = currentTokenId(flow);
  const shut = shutLines(flow, now, total);
  if (shut !== null) return shut;
  const decline = isBatch(flow) ? 'n skips it · Esc stops the rest' : 'n/Esc leaves it untouched';
  switch (step.kind) {
    case 'overview-computing':
    case 'computing':
      return [{ text: 'nothing is revoked before you confirm', role: 'status.muted' }, { text: '' }];
    case 'overview':
      return [{ text: `Enter: each token's own preview, one at a time (${flow.batch.ids.length} tokens) · Esc leaves them all untouched`, bold: true }, { text: '' }];
    case 'confirm':
      if (requiredConfirmation(step.preview) === 'yes') {
        return [{ text: `Revoke ${id}? y/Enter revokes · ${decline}`, bold: true }, { text: '' }];
      }
      return [
        { text: `Type ${id} to revoke it: ${step.typed}▏`, bold: true },
        step.mismatch
          ? { text: `"${step.typed}" does not match the token id — nothing was revoked`, role: 'status.danger' }
          : { text: `Enter revokes once the id matches · ${isBatch(flow) ? 'Tab skips it · Esc stops the rest' : 'Esc leaves it untouched'}`, role: 'status.muted' },
      ];
    case 'revoking':
      // The adapter's revoke may include its own checks (kubeadm waits for the cluster-info signature).
      return [{ text: step.verifying ? `revoked ${id}; checking that it is gone…` : `revoking ${id} (and checking the backend cleaned up)…`, role: 'status.warn' }, { text: '' }];
    case 'done':
      return [{ text: 'Esc closes this screen', role: 'status.muted' }, { text: '' }];
  }
}
