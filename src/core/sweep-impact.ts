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
  /** Contexts that see one token (the same fingerprint: one cluster or store), two or more to a group. */
  readonly sameToken: readonly (readonly string[])[];
}

/**
 * The token object a preview is of, to tell contexts that see one token (one cluster or store
 * through two contexts): its fingerprint, uid:version. Undefined for an empty fingerprint, which
 * names no object and is never taken for another's.
 */
export function previewedObject(preview: ImpactPreview): string | undefined {
  return preview.fingerprint === '' ? undefined : preview.fingerprint;
}

/** The entries grouped by the token object they preview (one naming none is a group of its own). */
function byToken(entries: readonly SweepEntry[]): SweepEntry[][] {
  const groups = new Map<string, SweepEntry[]>();
  for (const [index, entry] of entries.entries()) {
    const key = previewedObject(entry.preview) ?? `\u0000${index}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return [...groups.values()];
}

const ORDER: readonly ImpactSeverity[] = ['none', 'low', 'high'];

export function sweepImpact(entries: readonly SweepEntry[]): SweepImpact {
  let worst: ImpactSeverity = 'none';
  for (const { preview } of entries) {
    const severity = impactSeverity(preview);
    if (ORDER.indexOf(severity) > ORDER.indexOf(worst)) worst = severity;
  }
  const groups = byToken(entries);
  return {
    contexts: entries.length,
    worst,
    // A token two contexts see is one token: its machines are counted once.
    machines: groups.reduce((sum, [first]) => sum + machinesLosingAccess(first!.preview), 0),
    clusterWide: entries.flatMap(({ context, preview }) => (preview.state === 'known' ? preview.items.filter((item) => item.kind === 'cluster-wide').map((item) => `${context}: ${item.subject}`) : [])),
    unknownIn: entries.filter(({ preview }) => preview.state === 'unknown').map(({ context }) => context),
    sameToken: groups.filter((group) => group.length > 1).map((group) => group.map(({ context }) => context)),
  };
}

/** `Combined impact over 2 contexts: HIGH; 3 machine(s)/node(s) lose access or fail to join.` */
export function sweepHeadline(impact: SweepImpact): string {
  const severity = impact.worst === 'none' ? 'NONE' : impact.worst.toUpperCase();
  return `Combined impact over ${impact.contexts} context${impact.contexts === 1 ? '' : 's'}: ${severity}; ${impact.machines} machine(s)/node(s) lose access or fail to join.`;
}

/** The lines under the headline: each cluster-wide warning, where the impact is unknown, and which contexts see one token. */
export function sweepWarnings(impact: SweepImpact): string[] {
  return [
    ...impact.clusterWide.map((line) => `WARNING ${line}`),
    ...(impact.unknownIn.length > 0 ? [`Impact unknown in: ${impact.unknownIn.join(', ')} (counts as HIGH)`] : []),
    ...impact.sameToken.map((contexts) => `${contexts.join(', ')} see the same token (one cluster or store): it is revoked once, and counted once`),
  ];
}
