// What revoking several tokens at once would break, combined from their impact previews: how
// many tokens of each severity, every affected machine or node once (with the tokens that touch
// it), the other consequences, what could not be determined, the facts given for context (an
// LXD cluster's voters: nothing the revoke changes), and the tokens whose revoke needs the id typed. Pure. Both front ends show it before a batch's first revoke; `where` tells the
// same subject in two places apart (a later sweep across contexts combines previews from many).
import { impactSeverity, requiredConfirmation, type ImpactItemKind, type ImpactPreview, type ImpactSeverity } from './impact.ts';

/** One preview in the batch, and where it was computed (a context name; absent inside one backend). */
export interface BatchImpactEntry {
  readonly preview: ImpactPreview;
  readonly where?: string;
}

/** One affected thing, listed once however many tokens of the batch touch it. */
export interface CombinedSubject {
  readonly subject: string;
  readonly where?: string;
  /** What happens to it, breaking kinds first. */
  readonly kinds: readonly ImpactItemKind[];
  /** The tokens of the batch whose revoke does it, in batch order. */
  readonly tokenIds: readonly string[];
  /** Some token's revoke breaks it (not only "keeps working"). */
  readonly breaks: boolean;
  /** Said instead of the kinds, for a consequence of the batch as a whole. */
  readonly detail?: string;
}

/** A line of text said once however many tokens of the batch it holds for: a reason, or a fact. */
export interface CombinedNote {
  readonly text: string;
  readonly where?: string;
  readonly tokenIds: readonly string[];
}

export interface CombinedImpact {
  /** Every previewed token, in batch order. */
  readonly tokenIds: readonly string[];
  readonly bySeverity: { readonly [severity in ImpactSeverity]: readonly string[] };
  /** Machines and nodes (lose access, joins that fail, joined ones that keep working): each once, breaking first. */
  readonly machines: readonly CombinedSubject[];
  /** Objects, signatures and cluster-wide consequences: each once. */
  readonly consequences: readonly CombinedSubject[];
  /** What could not be determined (an unknown preview's reason, or a known one's unknowns): each reason once, with its tokens. */
  readonly unknowns: readonly CombinedNote[];
  /** Facts for context, not consequences (informational items, as `subject: detail`): each once, with its tokens. */
  readonly facts: readonly CombinedNote[];
  /** Tokens whose revoke needs the id typed (impact found or unknown); the rest take y. */
  readonly typedIdNeeded: readonly string[];
}

const MACHINE_KINDS: ReadonlySet<ImpactItemKind> = new Set(['machine-loses-access', 'join-in-progress', 'joined-keeps-working']);
// Breaking first, in the order a reader should meet them.
const KIND_ORDER: readonly ImpactItemKind[] = ['join-in-progress', 'machine-loses-access', 'dependent-object', 'cluster-wide', 'signature-removed', 'joined-keeps-working'];
const NOT_BREAKING: ReadonlySet<ImpactItemKind> = new Set(['joined-keeps-working', 'signature-removed']);

interface Accumulating {
  readonly subject: string;
  readonly where?: string;
  readonly kinds: Set<ImpactItemKind>;
  readonly tokenIds: string[];
}

function accumulate(into: Map<string, Accumulating>, entry: BatchImpactEntry, kind: ImpactItemKind, subject: string): void {
  const key = JSON.stringify([entry.where ?? null, subject]);
  const found = into.get(key) ?? { subject, ...(entry.where === undefined ? {} : { where: entry.where }), kinds: new Set(), tokenIds: [] };
  found.kinds.add(kind);
  if (!found.tokenIds.includes(entry.preview.tokenId)) found.tokenIds.push(entry.preview.tokenId);
  into.set(key, found);
}

function finish(subjects: Map<string, Accumulating>): CombinedSubject[] {
  const combined = [...subjects.values()].map((subject) => {
    const kinds = KIND_ORDER.filter((kind) => subject.kinds.has(kind));
    return { ...subject, kinds, tokenIds: [...subject.tokenIds], breaks: kinds.some((kind) => !NOT_BREAKING.has(kind)) };
  });
  // Breaking ones first; otherwise the order the previews named them in.
  return combined.sort((left, right) => Number(right.breaks) - Number(left.breaks));
}

export function combineImpact(entries: readonly BatchImpactEntry[]): CombinedImpact {
  const bySeverity: { [severity in ImpactSeverity]: string[] } = { high: [], low: [], none: [] };
  const machines = new Map<string, Accumulating>();
  const consequences = new Map<string, Accumulating>();
  const unknowns = new Map<string, { text: string; where?: string; tokenIds: string[] }>();
  const facts = new Map<string, { text: string; where?: string; tokenIds: string[] }>();
  const note = (into: typeof unknowns, entry: BatchImpactEntry, text: string): void => {
    const key = JSON.stringify([entry.where ?? null, text]);
    const found = into.get(key) ?? { text, ...(entry.where === undefined ? {} : { where: entry.where }), tokenIds: [] };
    if (!found.tokenIds.includes(entry.preview.tokenId)) found.tokenIds.push(entry.preview.tokenId);
    into.set(key, found);
  };
  const typedIdNeeded: string[] = [];
  for (const entry of entries) {
    const { preview } = entry;
    bySeverity[impactSeverity(preview)].push(preview.tokenId);
    if (requiredConfirmation(preview) === 'type-id') typedIdNeeded.push(preview.tokenId);
    if (preview.state === 'unknown') {
      note(unknowns, entry, preview.reason);
      continue;
    }
    for (const item of preview.items) {
      if (item.kind === 'informational') note(facts, entry, item.detail === '' ? item.subject : `${item.subject}: ${item.detail}`);
      else accumulate(MACHINE_KINDS.has(item.kind) ? machines : consequences, entry, item.kind, item.subject);
    }
    for (const reason of preview.unknowns) note(unknowns, entry, reason);
  }
  return {
    tokenIds: entries.map((entry) => entry.preview.tokenId),
    bySeverity,
    machines: finish(machines),
    consequences: finish(consequences),
    unknowns: [...unknowns.values()],
    facts: [...facts.values()],
    typedIdNeeded,
  };
}

const KIND_WORDS: { readonly [kind in ImpactItemKind]: string } = {
  'join-in-progress': 'join fails',
  'machine-loses-access': 'loses access',
  'dependent-object': 'depends on it',
  'cluster-wide': 'cluster-wide',
  'signature-removed': 'signature removed',
  'joined-keeps-working': 'joined, keeps working',
  // Never a subject's kind (combineImpact lists these as facts); here for completeness.
  informational: 'for context',
};

/** `node-7: join fails (abcdef, ghijkl)`: one subject of a combined impact as a line of text. */
export function describeCombinedSubject(subject: CombinedSubject): string {
  const where = subject.where === undefined ? '' : `${subject.where}: `;
  const what = subject.detail ?? subject.kinds.map((kind) => KIND_WORDS[kind]).join(', ');
  return `${where}${subject.subject}: ${what} (${subject.tokenIds.join(', ')})`;
}

/** `old joins cannot be attributed (abcdef, ghijkl)`: one reason (or fact), and the tokens it holds for. */
export function describeCombinedNote(note: CombinedNote): string {
  const where = note.where === undefined ? '' : `${note.where}: `;
  return `${where}${note.text} (${note.tokenIds.join(', ')})`;
}

/** `3 tokens: 1 HIGH, 1 LOW, 1 none` */
export function describeSeverityCounts(combined: CombinedImpact): string {
  const count = combined.tokenIds.length;
  const parts = (['high', 'low', 'none'] as const).filter((severity) => combined.bySeverity[severity].length > 0).map((severity) => `${combined.bySeverity[severity].length} ${severity === 'none' ? 'none' : severity.toUpperCase()}`);
  return `${count} ${count === 1 ? 'token' : 'tokens'}: ${parts.join(', ')}`;
}
