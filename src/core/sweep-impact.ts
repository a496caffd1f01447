// One token's revoke previewed in several contexts (the incident sweep), summed up once for both
// front ends: `revoke --everywhere` prints it above the per-context previews, the TUI's sweep
// heads its panel with it. The worst severity (an unknown preview counts as HIGH), the machines
// and nodes that lose access or fail to join in all, the cluster-wide (last-token) warnings and
// the contexts whose impact could not be determined, each with its context. Pure.
import { impactSeverity, machinesLosingAccess, type ImpactPreview, type ImpactSeverity } from './impact.ts';

export interface SweepEntry {
  readonly context: string;
  readonly preview: ImpactPreview;
}

export interface SweepImpact {
  readonly contexts: number;
  readonly worst: ImpactSeverity;
  readonly machines: number;
  /** `context: subject` of every cluster-wide consequence. */
  readonly clusterWide: readonly string[];
  /** Contexts whose preview is unknown (they count as HIGH). */
  readonly unknownIn: readonly string[];
}

const ORDER: readonly ImpactSeverity[] = ['none', 'low', 'high'];

export function sweepImpact(entries: readonly SweepEntry[]): SweepImpact {
  let worst: ImpactSeverity = 'none';
  for (const { preview } of entries) {
    const severity = impactSeverity(preview);
    if (ORDER.indexOf(severity) > ORDER.indexOf(worst)) worst = severity;
  }
  return {
    contexts: entries.length,
    worst,
    machines: entries.reduce((sum, { preview }) => sum + machinesLosingAccess(preview), 0),
    clusterWide: entries.flatMap(({ context, preview }) => (preview.state === 'known' ? preview.items.filter((item) => item.kind === 'cluster-wide').map((item) => `${context}: ${item.subject}`) : [])),
    unknownIn: entries.filter(({ preview }) => preview.state === 'unknown').map(({ context }) => context),
  };
}

/** `Combined impact over 2 contexts: HIGH; 3 machine(s)/node(s) lose access or fail to join.` */
export function sweepHeadline(impact: SweepImpact): string {
  const severity = impact.worst === 'none' ? 'NONE' : impact.worst.toUpperCase();
  return `Combined impact over ${impact.contexts} context${impact.contexts === 1 ? '' : 's'}: ${severity}; ${impact.machines} machine(s)/node(s) lose access or fail to join.`;
}

/** The lines under the headline: each cluster-wide warning, and where the impact is unknown. */
export function sweepWarnings(impact: SweepImpact): string[] {
  return [...impact.clusterWide.map((line) => `WARNING ${line}`), ...(impact.unknownIn.length > 0 ? [`Impact unknown in: ${impact.unknownIn.join(', ')} (counts as HIGH)`] : [])];
}
