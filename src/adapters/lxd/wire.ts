// What LXD (and Incus, which keeps the same /1.0 API) sends, as far as this adapter reads it.
// Field names are the daemon's own (snake_case on the wire, camelCase inside token metadata).
// Verified against Debian's lxd 5.0.2; anything newer servers add is optional here.

/** Every answer: `sync` (metadata is the result), `async` (metadata is an operation) or `error`. */
export interface LxdEnvelope<T = unknown> {
  readonly type: 'sync' | 'async' | 'error';
  readonly status_code: number;
  /** The HTTP status of an error answer; 0 otherwise. */
  readonly error_code: number;
  readonly error: string;
  readonly metadata: T;
}

/** Operation statuses; a token exists while its operation is Pending or Running. */
export type LxdOperationStatus = 'Pending' | 'Running' | 'Cancelling' | 'Cancelled' | 'Success' | 'Failure' | string;

export interface LxdOperation {
  readonly id: string;
  /** `token` for join and trust tokens (also `task`, `websocket`, ...). */
  readonly class: string;
  readonly description?: string;
  /** RFC 3339 with nanoseconds; never changes for one operation. */
  readonly created_at: string;
  readonly updated_at?: string;
  readonly status: LxdOperationStatus;
  readonly status_code?: number;
  /** Token operations: see LxdJoinTokenMetadata / LxdTrustTokenMetadata; others may be null. */
  readonly metadata: Readonly<Record<string, unknown>> | null;
  readonly may_cancel?: boolean;
  readonly err?: string;
  /** The cluster member holding the operation ('none' when not clustered). */
  readonly location?: string;
}

/** GET /1.0/operations?recursion=1: operations grouped by lower-case status. */
export type LxdOperationsByStatus = Readonly<Record<string, readonly LxdOperation[] | undefined>>;

/** metadata of a join token (POST /1.0/cluster/members). `secret` must never leave the adapter. */
export interface LxdJoinTokenMetadata {
  readonly serverName: string;
  readonly secret: string;
  readonly fingerprint: string;
  readonly addresses: readonly string[];
  readonly expiresAt: string;
}

/** metadata of a trust token (POST /1.0/certificates with token: true). */
export interface LxdTrustTokenMetadata {
  readonly request: {
    readonly name: string;
    readonly type: string;
    readonly restricted: boolean;
    readonly projects: readonly string[] | null;
  };
  readonly secret: string;
  readonly fingerprint: string;
  readonly addresses: readonly string[];
  /** Only when core.remote_token_expiry is set. */
  readonly expiresAt?: string;
}

/** GET /1.0 (the parts read here). `config` lists only keys set on the server. */
export interface LxdServerInfo {
  readonly config?: Readonly<Record<string, string | undefined>> | null;
  /** 'trusted' when the server accepted our client certificate (or the unix socket). */
  readonly auth: string;
  readonly api_extensions?: readonly string[];
  readonly environment?: {
    /** 'lxd' or 'incus'. */
    readonly server?: string;
    readonly server_version?: string;
    readonly server_clustered?: boolean;
    readonly server_name?: string;
  };
}

export interface LxdClusterMember {
  readonly server_name: string;
  readonly url?: string;
  /** e.g. ['database-leader', 'database'] for voters, ['database-standby'] for stand-bys. */
  readonly roles?: readonly string[] | null;
  readonly status?: string;
}

export interface LxdCertificate {
  readonly name: string;
  readonly type: string;
  readonly fingerprint: string;
  readonly restricted?: boolean;
  readonly projects?: readonly string[] | null;
}

/** One message of GET /1.0/events?type=operation (a websocket). */
export interface LxdEvent {
  readonly type: string;
  readonly timestamp?: string;
  readonly metadata: LxdOperation;
  readonly location?: string;
}

/** POST /1.0/cluster/members */
export interface LxdJoinTokenRequest {
  readonly server_name: string;
}

/** POST /1.0/certificates */
export interface LxdTrustTokenRequest {
  readonly name: string;
  readonly type: 'client';
  readonly token: true;
  readonly restricted: boolean;
  readonly projects: readonly string[];
}
