// An impact preview as the command line shows it: the severity, the affected items grouped by
// kind (breaking ones first), what could not be determined and why, and the confirmation the
// preview needs. Subjects and details come from the backend, so they are redacted and defused.
import { redactSecrets } from '../core/bootstrap-token.ts';
import { describeCombinedSubject, describeCombinedNote, describeSeverityCounts, type CombinedImpact, type CombinedNote, type CombinedSubject } from '../core/batch-impact.ts';
import { impactSeverity, requiredConfirmation } from '../core/impact.ts';
import { formatRfc3339 } from '../core/rfc3339.ts';
import { impactFingerprint } from '../core/impact-fingerprint.ts';
import type { ConfirmationKind, ImpactItem, ImpactItemKind, ImpactPreview, ImpactSeverity } from '../core/impact.ts';
import { printable, TABLE_CELL_MAX_LENGTH } from './output.ts';

/** `-o json`: the preview as the adapter returned it, plus what it means for a revoke. */
export type ImpactJson = DistributiveOmit<ImpactPreview, 'computedAt'> & {
  /** RFC 3339 UTC, as every time in the command line's JSON. */
  readonly computedAt: string;
  /** What `revoke --fingerprint` pins: a digest of this whole preview (core/impact-fingerprint.ts). */
  readonly impactFingerprint: string;
  readonly severity: ImpactSeverity;
  readonly requiredConfirmation: ConfirmationKind;
};

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

// Breaking consequences first, informational ones last (the order the headings appear in).
const KIND_HEADINGS: readonly (readonly [ImpactItemKind, string])[] = [
  ['cluster-wide', 'Cluster-wide'],
  ['machine-loses-access', 'Machines that lose access'],
  ['join-in-progress', 'Joins in progress that will fail'],
  ['dependent-object', 'Objects that depend on the token'],
  ['signature-removed', 'Signatures that disappear'],
  ['joined-keeps-working', 'Joined with this token (keep working)'],
  ['informational', 'For context (not changed by the revoke)'],
];

function safe(text: string): string {
  return printable(redactSecrets(text), TABLE_CELL_MAX_LENGTH);
}

export function impactJson(preview: ImpactPreview): ImpactJson {
  return { ...preview, computedAt: formatRfc3339(preview.computedAt), impactFingerprint: impactFingerprint(preview), severity: impactSeverity(preview), requiredConfirmation: requiredConfirmation(preview) };
}

function itemLines(items: readonly ImpactItem[]): string[] {
  const lines: string[] = [];
  for (const [kind, heading] of KIND_HEADINGS) {
    const ofKind = items.filter((item) => item.kind === kind);
    if (ofKind.length === 0) continue;
    lines.push(`${heading} (${ofKind.length}):`);
    for (const item of ofKind) {
      lines.push(`  ${safe(item.subject)}`);
      if (item.detail !== '') lines.push(`    ${safe(item.detail)}`);
    }
  }
  return lines;
}

function confirmationLine(preview: ImpactPreview): string {
  const id = safe(preview.tokenId);
  return requiredConfirmation(preview) === 'yes'
    ? `Confirmation needed: yes (nothing affected); on the command line: --confirm ${id}`
    : `Confirmation needed: type the token id "${id}"; on the command line: --confirm ${id}`;
}

/** The preview as text, ending in a newline. */
export function formatImpactText(preview: ImpactPreview): string {
  const id = safe(preview.tokenId);
  const severity = impactSeverity(preview).toUpperCase();
  const lines: string[] = [];
  if (preview.state === 'unknown') {
    lines.push(`Impact of revoking token ${id}: UNKNOWN (treated as ${severity})`, `Why: ${safe(preview.reason)}`);
  } else {
    lines.push(`Impact of revoking token ${id}: ${severity}`);
    const items = itemLines(preview.items);
    lines.push(...(items.length === 0 ? ['Nothing is affected.'] : items));
    if (preview.unknowns.length > 0) {
      lines.push('Could not determine:', ...preview.unknowns.map((unknown) => `  - ${safe(unknown)}`));
    }
  }
  lines.push(confirmationLine(preview));
  return `${lines.join('\n')}\n`;
}

function subjectLines(heading: string, subjects: readonly CombinedSubject[]): string[] {
  return subjects.length === 0 ? [] : [`${heading} (${subjects.length}):`, ...subjects.map((subject) => `  ${safe(describeCombinedSubject(subject))}`)];
}

function noteLines(heading: string, notes: readonly CombinedNote[]): string[] {
  return notes.length === 0 ? [] : [heading, ...notes.map((note) => `  - ${safe(describeCombinedNote(note))}`)];
}

/** A batch's combined preview as text (before each token's own), ending in a newline. */
export function formatCombinedText(combined: CombinedImpact): string {
  const ids = combined.tokenIds.map(safe);
  const lines = [
    `Combined impact of revoking ${describeSeverityCounts(combined)}`,
    ...(['high', 'low', 'none'] as const).flatMap((severity) => {
      const of = combined.bySeverity[severity];
      return of.length === 0 ? [] : [`  ${severity === 'none' ? 'nothing affected' : severity.toUpperCase()}: ${of.map(safe).join(', ')}`];
    }),
    ...subjectLines('Machines and nodes, each once', combined.machines),
    ...subjectLines('Other consequences', combined.consequences),
    ...noteLines('Could not determine:', combined.unknowns),
    ...noteLines('For context (not changed by the revoke):', combined.facts),
    ...(combined.typedIdNeeded.length === 0 ? [] : [`Impact found or unknown (the TUI asks for the id typed): ${combined.typedIdNeeded.map(safe).join(', ')}`]),
    `To revoke all ${ids.length}: --confirm ${ids.join(',')} (or --confirm-all ${ids.length})`,
  ];
  return `${lines.join('\n')}\n`;
}
