// The adapter contract. Capabilities are data; an optional method exists exactly when its
// capability says so (operations/capabilities.ts maps each to its flag; the conformance suite,
// test/conformance/adapter-conformance.ts, checks it for every adapter). Unsupported
// operations are absent, never silent no-ops. Nothing outside an adapter's own folder knows
// which adapter it talks to: what one backend has and others lack is an optional capability.
import type { Clock } from '../core/clock.ts';
import type { CreateFieldSpec } from '../core/create-fields.ts';
import type { TokenTuiError } from '../core/errors.ts';
import type { ImpactPreview } from '../core/impact.ts';
import type { CreatedToken, CreateTokenRequest, Token, TokenFieldNames, TokenRevision } from '../core/token.ts';
import type { ServerTtlSetting } from '../core/ttl-input.ts';
import type { ServerTokenRotation } from './server-token.ts';

/** A registered adapter's id (src/adapters/registry.ts lists them). */
export type AdapterId = string;

export interface TtlBounds {
  /** Default TTL in seconds; null = never expires by default. */
  readonly defaultSeconds: number | null;
  readonly minSeconds: number;
  /** null = no upper bound. */
  readonly maxSeconds: number | null;
  readonly allowNever: boolean;
  /**
   * Set when the server fixes every token's lifetime in one setting instead (LXD's
   * cluster.join_token_expiry): then min = max = default, the create form shows the setting, and
   * setServerTtl changes it (when `changeable`), as a separate, confirmed action.
   */
  readonly serverSetting?: ServerTtlSetting;
}

export interface AdapterCapabilities {
  readonly create: boolean;
  readonly revoke: boolean;
  readonly rotate: 'native' | 'emulated' | 'none';
  readonly impactPreview: boolean;
  readonly watch: boolean;
  readonly makeDefault: boolean;
  readonly joinCommand: boolean;
  /** The shape of a token's join command, secret masked, for its details (joinCommandShape). */
  readonly joinCommandShape: boolean;
  /** The backend has a server token (beside its join tokens) that can be rotated (serverToken). */
  readonly serverTokenRotation: boolean;
  /** Usages a token can carry (empty = the backend has no usages). */
  readonly usages: readonly string[];
  readonly defaultUsages: readonly string[];
  /** Extra groups (kubeadm-style); empty defaults and false = not supported. */
  readonly groups: boolean;
  readonly defaultGroups: readonly string[];
  /**
   * What a token of this backend carries beyond description, TTL, usages and groups (a scope, a
   * use limit, a kind...), as data: the wizard shows a step per field, `create` takes its flag,
   * a rotation copies its value. Each must also be in the registry entry's createFields.
   */
  readonly createFields: readonly CreateFieldSpec[];
  /**
   * The backend keeps which token a replacement replaces (CreateTokenRequest.replaces in,
   * Token.replaces out): a rotation's replacement says so in every later read. Absent = false.
   */
  readonly recordsReplaces?: boolean;
  readonly ttl: TtlBounds;
  /** What the front ends call the token's description and scope, where the backend means something narrower. */
  readonly fieldNames?: TokenFieldNames;
  /** The backend can tell whether a presented secret is a token's (checkSecret; `find`, `revoke --everywhere`). */
  readonly secretCheck?: boolean;
}

/** checkSecret's answer: the token with that id, and whether the presented secret is its secret. */
export interface SecretCheck {
  readonly token: Token;
  readonly matches: boolean;
}

/** 'polling': the data is fresh, but from periodic lists (the backend refused its live channel). */
export type ConnectionState = 'connecting' | 'live' | 'polling' | 'reconnecting' | 'stale';

export type WatchEvent =
  /** The full current set (after a list or relist). */
  | { readonly type: 'snapshot'; readonly tokens: readonly Token[] }
  | { readonly type: 'upsert'; readonly token: Token }
  | { readonly type: 'delete'; readonly id: string }
  | { readonly type: 'state'; readonly state: ConnectionState; readonly error?: TokenTuiError };

export type WatchListener = (event: WatchEvent) => void;

/** What a revoke confirmed beyond "the delete was accepted" (checks done after it). */
export interface RevokeReport {
  /** Things that did not settle as expected (e.g. a signature still present). */
  readonly warnings: readonly string[];
  /** Checks that passed, in words, e.g. "cluster-info signature jws-kubeconfig-abcdef removed". */
  readonly verified: readonly string[];
}

export interface AdapterTarget {
  /** Context name shown in the header. */
  readonly context: string;
  /** Server URL shown in the header. */
  readonly server: string;
  /** The identity requests act as (kubeconfig impersonation), shown as "as USER"; absent = the credential's own. */
  readonly actingAs?: string;
  /** Where this target's local journals (audit, rotations) live when not in the user's state directory: the demo keeps its own. */
  readonly stateDir?: string;
}

export interface TokenAdapter {
  readonly id: AdapterId;
  readonly capabilities: AdapterCapabilities;
  readonly target: AdapterTarget;
  list(signal?: AbortSignal): Promise<readonly Token[]>;
  /** Throws TokenTuiError 'not-found' when absent. */
  get(id: string, signal?: AbortSignal): Promise<Token>;
  create?(request: CreateTokenRequest): Promise<CreatedToken>;
  /** Deletes only if the token is still at `expected` (when given); 'conflict' otherwise. */
  revoke?(id: string, expected?: TokenRevision): Promise<RevokeReport | void>;
  impact?(id: string): Promise<ImpactPreview>;
  makeDefault?(id: string): Promise<void>;
  /** The ready-to-run join command for a freshly created token. */
  joinCommand?(created: CreatedToken): Promise<string>;
  /** What a node's join command looks like for an existing token, its secret masked (no request). */
  joinCommandShape?(tokenId: string): string;
  /** Rotating the backend's server token: plan (impact preview), typed confirmation, rotate. */
  readonly serverToken?: ServerTokenRotation;
  /** Changes the server's token lifetime setting (capabilities.ttl.serverSetting, when changeable): tokens created afterwards. */
  setServerTtl?(seconds: number): Promise<void>;
  /**
   * Whether `secret` (the part after the id's dot) is token `id`'s secret, compared in constant
   * time; 'not-found' when no such token. The secret is never sent back, logged or kept.
   */
  checkSecret?(id: string, secret: string, signal?: AbortSignal): Promise<SecretCheck>;
  /** Streams changes until `signal` aborts; never throws, reports problems as 'state' events. */
  watch?(listener: WatchListener, signal: AbortSignal): void;
  close?(): Promise<void>;
}

/** What every adapter factory receives from outside, so tests can swap transport and time. */
export interface AdapterDeps {
  readonly clock: Clock;
  /** What a backend may make the transport hold (default: kube/response-limits.ts). */
  readonly limits?: TransportLimits;
  /** What earlier processes' detection requests found (the command line's cache file); absent = ask every time. */
  readonly detections?: DetectionMemory;
}

/**
 * Answers a detection request gave for a server, kept across processes by key. The keeper decides
 * how long an answer lasts; get() returns only a live one.
 */
export interface DetectionMemory {
  get(key: string): string | undefined;
  set(key: string, answer: string): void;
}

export interface TransportLimits {
  /** The cap on one answer's body, in bytes (TOKENTUI_MAX_RESPONSE_SIZE). */
  readonly maxResponseBytes: number;
}

/** What an adapter's factory is given: its registry entry builds it from flags or a saved context. */
export interface AdapterSettings {
  readonly adapter: AdapterId;
}
