// A revoke of several tokens: the combined preview first (operations/batch-preview.ts, drawn by
// overviewLines), Enter once it was read to begin; then each token's own preview, where n (or Tab)
// skips that one and Esc stops the rest; the summary says what was revoked, skipped and left
// untouched. Pure transitions on the revoke flow (revoke-flow.ts).
import { describeCombinedSubject, describeCombinedNote, describeSeverityCounts } from '../../../core/batch-impact.ts';
import { headline, wrapped, type ScreenLine } from '../../shared/screen-line.ts';
import { advance, currentTokenId, gateOpen, isBatch, type BatchOverview, type RevokeFlow, type RevokeUpdate } from './revoke-flow.ts';

const unchanged = (flow: RevokeFlow): RevokeUpdate => ({ flow, output: null });

/** Enter on the combined preview, once its gate opened: the first token's own preview. */
export function beginBatch(flow: RevokeFlow, ticket: number, now: number): RevokeUpdate {
  if (flow.step.kind !== 'overview' || !gateOpen(flow, now)) return unchanged(flow);
  return unchanged({ ...flow, index: 0, step: { kind: 'computing', ticket }, scroll: 0 });
}

/** n / Tab on a token's preview in a batch: this one is left untouched, the next one comes. */
export function skipToken(flow: RevokeFlow, ticket: number): RevokeUpdate {
  if (!isBatch(flow) || flow.step.kind !== 'confirm') return unchanged(flow);
  const result = { tokenId: currentTokenId(flow), outcome: 'skipped' as const, detail: 'skipped: left untouched' };
  return unchanged(advance(flow, result, null, ticket));
}

/** Esc during a batch's per-token steps: the rest stay untouched, and the summary says so. */
export function stopBatch(flow: RevokeFlow): RevokeFlow {
  return { ...flow, step: { kind: 'done', stopped: true }, banner: null, scroll: 0 };
}

/** Whether Esc stops a batch (to its summary) rather than leaving the screen. */
export function escStopsBatch(flow: RevokeFlow): boolean {
  const { kind } = flow.step;
  return isBatch(flow) && kind !== 'overview' && kind !== 'overview-computing' && kind !== 'done';
}

export interface BatchTally {
  readonly revoked: readonly string[];
  readonly skipped: readonly string[];
  /** Tried and not revoked: failed, changed since the preview, or gone. */
  readonly notRevoked: readonly string[];
  readonly untouched: readonly string[];
}

export function batchTally(flow: RevokeFlow): BatchTally {
  const ids = (outcomes: readonly string[]) => flow.results.filter((result) => outcomes.includes(result.outcome)).map((result) => result.tokenId);
  const handled = new Set(flow.results.map((result) => result.tokenId));
  return {
    revoked: ids(['revoked', 'unverified']),
    skipped: ids(['skipped']),
    notRevoked: ids(['failed', 'not-revoked']),
    untouched: flow.batch.ids.filter((id) => !handled.has(id)),
  };
}

/** The batch's closing lines: each group of tokens named (above the per-token results). */
export function batchSummaryLines(flow: RevokeFlow, width: number): ScreenLine[] {
  const tally = batchTally(flow);
  const group = (label: string, ids: readonly string[], role: ScreenLine['role']) => (ids.length === 0 ? [] : wrapped(`${label} (${ids.length}): ${ids.join(', ')}`, width, '', role));
  const stopped = flow.step.kind === 'done' && flow.step.stopped === true;
  return [
    { text: stopped ? 'Stopped: the rest of the batch was left untouched' : 'Batch finished', role: stopped ? 'status.warn' : 'text.heading', bold: true },
    ...group('Revoked', tally.revoked, 'status.ok'),
    ...group('Skipped', tally.skipped, 'status.warn'),
    ...group('Not revoked', tally.notRevoked, 'status.danger'),
    ...group('Untouched', tally.untouched, 'text.secondary'),
  ];
}

/** The combined preview: counts by severity, every machine or node once, the rest, the typed-id tokens. */
export function overviewLines(overview: BatchOverview, width: number): ScreenLine[] {
  const { combined } = overview;
  const worst = combined.bySeverity.high.length > 0 ? 'status.danger' : combined.bySeverity.low.length > 0 ? 'status.warn' : 'status.ok';
  const lines: ScreenLine[] = headline(`Combined impact: ${describeSeverityCounts(combined)}`, width, worst);
  for (const severity of ['high', 'low', 'none'] as const) {
    const ids = combined.bySeverity[severity];
    if (ids.length > 0) lines.push(...wrapped(`${severity === 'none' ? 'nothing affected' : severity.toUpperCase()}: ${ids.join(', ')}`, width, '  '));
  }
  const section = (title: string, items: readonly string[], role?: ScreenLine['role']) => {
    if (items.length === 0) return;
    lines.push({ text: `${title} (${items.length})`, role: 'text.heading', bold: true });
    for (const item of items) lines.push(...wrapped(item, width, '  ', role));
  };
  section('Machines and nodes, each once', combined.machines.map(describeCombinedSubject));
  section('Other consequences', combined.consequences.map(describeCombinedSubject));
  section('Could not be determined', combined.unknowns.map((unknown) => `? ${describeCombinedNote(unknown)}`), 'status.warn');
  section('For context (not changed by the revoke)', combined.facts.map(describeCombinedNote), 'text.secondary');
  section('Could not be previewed (their own step says more)', overview.failed.map((failure) => `${failure.tokenId}: ${failure.error}`), 'status.danger');
  if (combined.typedIdNeeded.length > 0) lines.push(...wrapped(`The id must be typed for: ${combined.typedIdNeeded.join(', ')}`, width, ''));
  lines.push(...wrapped('Then each token is shown on its own: confirm it, n/Tab skips it, Esc stops the rest.', width, '', 'text.secondary'));
  return lines;
}
