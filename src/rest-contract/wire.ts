// The JSON shapes of the REST token contract (docs/rest-contract.openapi.yaml), as TypeScript.
// Shared by the client adapter (src/adapters/rest) and the reference server (src/server), neither
// of which imports the other: a change to the contract shows up as a type error on both sides.
// Types only: nothing here runs.

export type ServerMode = 'unique' | 'legacy';

/** RFC 3339 timestamp in UTC, e.g. `2026-11-23T10:00:00.000Z`. */
export type Timestamp = string;

export interface WireTtlBounds {
  readonly defaultSeconds: number | null;
  readonly minSeconds: number;
  readonly maxSeconds: number | null;
  readonly allowNever: boolean;
}

export interface WireCapabilities {
  readonly apiVersion: 'v1';
  readonly mode: ServerMode;
  readonly makeDefault: boolean;
  readonly impact: boolean;
  readonly events: boolean;
  readonly maxUses: boolean;
  /** The server records which token a new one replaces (`replaces` on create and on every token); absent = false. */
  readonly replaces?: boolean;
  readonly ttl: WireTtlBounds;
  readonly serverTime: Timestamp;
  /** POST /api/v1/tokens/{id}/secret-check exists (absent: a server from before it). */
  readonly secretCheck?: boolean;
}

export type WireTokenStatus = 'active' | 'expired' | 'consumed';

export interface WireToken {
  readonly id: string;
  readonly description: string;
  readonly scope: string;
  readonly createdAt: Timestamp;
  /** Name of the API key that minted it. */
  readonly createdBy: string;
  readonly expiresAt: Timestamp | null;
  readonly maxUses: number | null;
  readonly uses: number;
  readonly usesRemaining: number | null;
  readonly status: WireTokenStatus;
  readonly isDefault: boolean;
  /** The id of the token this one was minted to replace (a rotation), or null; only servers with capabilities.replaces send it. */
  readonly replaces?: string | null;
  /** Equals the ETag of the token's impact preview while neither it nor its dependents change. */
  readonly etag: string;
}

export interface WireTokenList {
  readonly items: readonly WireToken[];
  /** Id of the last event published before this list was read (see GET /api/v1/events). */
  readonly eventSeq: number;
}

export interface WireCreateTokenRequest {
  readonly ttlSeconds?: number | null;
  readonly maxUses?: number | null;
  readonly description?: string;
  readonly scope?: string;
  /** The id of the token this one replaces; only for servers with capabilities.replaces. */
  readonly replaces?: string;
}

export interface WireCreatedToken {
  readonly token: WireToken;
  /** The full credential, returned here and never again. */
  readonly secret: string;
}

export type WireMachineState = 'enrolling' | 'joined';

export interface WireMachine {
  readonly id: string;
  readonly name: string;
  readonly state: WireMachineState;
  readonly joinTokenId: string;
  readonly hasOwnCredential: boolean;
  /** The join token this machine needs to keep (or finish) its access; null = none. */
  readonly dependsOnTokenId: string | null;
  readonly enrolledAt: Timestamp;
  readonly joinedAt: Timestamp | null;
}

export interface WireMachineList {
  readonly items: readonly WireMachine[];
}

/** POST /api/v1/tokens/{id}/secret-check: only the SHA-256 of the presented secret is sent. */
export interface WireSecretCheckRequest {
  /** 64 lowercase hex characters: sha256 of the whole secret (`<id>.<16 chars>`). */
  readonly secretSha256: string;
}

export interface WireSecretCheck {
  readonly matches: boolean;
  readonly token: WireToken;
}

export interface WireImpact {
  readonly tokenId: string;
  readonly mode: ServerMode;
  readonly isDefault: boolean;
  /** Joined machines that lose access when the token goes. */
  readonly affectedMachines: readonly WireMachine[];
  /** Enrollments begun with the token and not completed: they fail when it goes. */
  readonly pendingEnrollments: readonly WireMachine[];
  /** Machines that joined with the token and keep working (own credential). */
  readonly unaffectedMachines: readonly WireMachine[];
  readonly etag: string;
  readonly computedAt: Timestamp;
}

export interface WireBootstrapRequest {
  readonly token: string;
  readonly machine: string;
  /** false = the machine cannot store a credential of its own (it keeps using the token). */
  readonly canHoldCredential?: boolean;
  /** true = record the enrollment as pending until POST /api/v1/bootstrap/complete. */
  readonly pending?: boolean;
}

export interface WireBootstrapResult {
  readonly machine: WireMachine;
  /** The machine's own credential (unique mode), returned once; null otherwise. */
  readonly credential: string | null;
}

export type WireAuditAction =
  | 'token.mint'
  | 'token.revoke'
  | 'token.make-default'
  | 'bootstrap.redeem'
  | 'bootstrap.complete';

export interface WireAuditEntry {
  readonly seq: number;
  readonly at: Timestamp;
  readonly action: WireAuditAction;
  readonly outcome: 'success' | 'refused';
  /** API key name for operator actions; `machine:<name>` for redemptions. */
  readonly actor: string;
  readonly tokenId: string | null;
  readonly machine: string | null;
  readonly reason: string | null;
  readonly client: string | null;
}

export interface WireAuditPage {
  readonly items: readonly WireAuditEntry[];
  /** Pass as `before` to read older entries; null = no more. */
  readonly nextBefore: number | null;
}

export interface WireError {
  readonly error: string;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export type WireEventType = 'token.created' | 'token.updated' | 'token.revoked' | 'machine.enrolled';

export interface WireTokenEventData {
  readonly tokenId: string;
  /** Present for created/updated: the token as GET would return it (never a secret). */
  readonly token?: WireToken;
}

export interface WireMachineEventData {
  readonly machineId: string;
  readonly tokenId: string;
  readonly machine: WireMachine;
}

export interface WireReadyEventData {
  readonly eventSeq: number;
  readonly heartbeatSeconds: number;
}

/**
 * The stream's last event when the server gives up on a subscriber (no id, never in the event
 * log): it fell too far behind, or its Last-Event-ID is gone. The client lists, then reconnects.
 */
export interface WireResyncEventData {
  readonly reason: 'slow-consumer' | 'cannot-resume';
}
