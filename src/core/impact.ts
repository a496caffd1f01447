// What revoking a token would break, as data. Adapters compute it; the UI and CLI render
// it and decide which confirmation to ask for. Nothing here performs I/O.

export type ImpactItemKind =
  /** A machine/node that loses access when the token goes. */
  | 'machine-loses-access'
  /** A join that is in progress with this token and will fail. */
  | 'join-in-progress'
  /** A machine that joined with the token and keeps working (informational). */
  | 'joined-keeps-working'
  /** An object or automation that depends on the token (garbage-collected, or breaks). */
  | 'dependent-object'
  /** A signature (e.g. cluster-info JWS) that disappears. */
  | 'signature-removed'
  /** A cluster-wide consequence (e.g. last token able to join nodes). */
  | 'cluster-wide'
  /** A fact that helps judge the revoke (the cluster's members and voters); never a consequence. */
  | 'informational';

export interface ImpactItem {
  readonly kind: ImpactItemKind;
  /** Short name of the thing affected (node name, object name). */
  readonly subject: string;
  readonly detail: string;
}

export type ImpactSeverity = 'none' | 'low' | 'high';
export type ConfirmationKind = 'yes' | 'type-id';

export interface KnownImpact {
  readonly state: 'known';
  readonly tokenId: string;
  readonly items: readonly ImpactItem[];
  /** What could not be determined, and why. */
  readonly unknowns: readonly string[];
  /** Fingerprint of the token state the preview was computed from (revoke precondition). */
  readonly fingerprint: string;
  readonly computedAt: number;
}

export interface UnknownImpact {
  readonly state: 'unknown';
  readonly tokenId: string;
  readonly reason: string;
  readonly fingerprint: string;
  readonly computedAt: number;
}

export type ImpactPreview = KnownImpact | UnknownImpact;

const breaking: ReadonlySet<ImpactItemKind> = new Set([
  'machine-loses-access',
  'join-in-progress',
  'dependent-object',
  'cluster-wide',
]);

export function impactSeverity(preview: ImpactPreview): ImpactSeverity {
  if (preview.state === 'unknown') return 'high';
  if (preview.items.some((item) => breaking.has(item.kind))) return 'high';
  // Informational items describe the backend, not something the revoke changes.
  if (preview.items.some((item) => item.kind !== 'informational') || preview.unknowns.length > 0) return 'low';
  return 'none';
}

const losingAccess: ReadonlySet<ImpactItemKind> = new Set(['machine-loses-access', 'join-in-progress']);

/** Machines and nodes that lose access or fail to join with the token gone (0 when unknown). */
export function machinesLosingAccess(preview: ImpactPreview): number {
  return preview.state === 'known' ? preview.items.filter((item) => losingAccess.has(item.kind)).length : 0;
}

/** `y` suffices only when nothing at all is affected or unknown; otherwise type the id. */
export function requiredConfirmation(preview: ImpactPreview): ConfirmationKind {
  return impactSeverity(preview) === 'none' ? 'yes' : 'type-id';
}
