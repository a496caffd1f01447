// The one store interface of the reference server. Two databases implement it (sql-store.ts
// over sqlite.ts or postgres.ts) and test/conformance/store.ts holds both to the same
// behaviour. Every method is one transaction; refusals that are audited commit their audit
// row before they throw.
import type {
  ServerMode,
  WireAuditPage,
  WireBootstrapResult,
  WireCreatedToken,
  WireImpact, WireSecretCheck,
  WireMachine,
  WireToken,
  WireTokenList,
} from '../../rest-contract/wire.ts';
import type { CompleteInput, RedeemInput } from './enrollment.ts';
import type { StoredEvent } from './event-log.ts';
import type { Dialect } from './sql.ts';
import type { MintInput, OperatorContext } from './tokens.ts';

export type { CompleteInput, MintInput, OperatorContext, RedeemInput, StoredEvent };

/** The event log as the event hub reads it. */
export interface EventLog {
  lastSeq(): Promise<number>;
  /** Up to `limit` events after `seq`, oldest first. */
  after(seq: number, limit: number): Promise<StoredEvent[]>;
  /** The oldest event still kept; null when none is. */
  oldestSeq(): Promise<number | null>;
  /** `listener` runs whenever events may have been appended (here or on another replica). */
  onAppended(listener: () => void): () => void;
}

export interface TokenStore {
  readonly dialect: Dialect;
  /** A file path or a URL without its password: safe to log. */
  readonly location: string;
  readonly mode: ServerMode;
  /** The schema version, and which migrations this open applied. */
  readonly schema: { readonly version: number; readonly applied: readonly number[] };
  readonly events: EventLog;

  listTokens(): Promise<WireTokenList>;
  getToken(id: string): Promise<WireToken>;
  mintToken(input: MintInput): Promise<WireCreatedToken>;
  computeImpact(id: string): Promise<WireImpact>;
  /** Whether sha256(secret) is token `id`'s stored secret hash (constant time); 404 when no such token. */
  checkTokenSecret(id: string, secretSha256: Uint8Array): Promise<WireSecretCheck>;
  /** Throws 428 without a usable If-Match, 404, or 412 when the ETag is stale. */
  revokeToken(id: string, ifMatch: string | undefined, operator: OperatorContext): Promise<void>;
  makeDefault(id: string, operator: OperatorContext): Promise<WireToken>;
  redeem(input: RedeemInput): Promise<WireBootstrapResult>;
  completeEnrollment(input: CompleteInput): Promise<WireBootstrapResult>;
  listMachines(): Promise<WireMachine[]>;
  auditPage(before: number | null, limit: number): Promise<WireAuditPage>;
  /** A real write (committed); throws StoreUnavailableError when the database cannot take one. */
  probeWrite(): Promise<void>;
  close(): Promise<void>;
}
