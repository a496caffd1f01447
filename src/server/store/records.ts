// Database rows -> contract JSON. Secret hashes never leave this layer: the row types have
// them, the wire types do not, and these functions are the only bridge.
import { createHash } from 'node:crypto';
import type { Clock } from '../../core/clock.ts';
import type { ServerMode, WireMachine, WireToken, WireTokenStatus } from '../../rest-contract/wire.ts';
import type { SqlTx } from './sql.ts';

export interface TokenRow {
  readonly id: string;
  readonly secret_hash: Uint8Array;
  readonly description: string;
  readonly scope: string;
  readonly created_at: number;
  readonly created_by: string;
  readonly expires_at: number | null;
  readonly max_uses: number | null;
  readonly uses: number;
  readonly version: number;
  readonly revoked_at: number | null;
  /** Migration 3; null for tokens minted before it, or not minted as a replacement. */
  readonly replaces: string | null;
}

export interface MachineRow {
  readonly id: string;
  readonly name: string;
  readonly join_token_id: string;
  readonly credential_hash: Uint8Array | null;
  readonly state: 'enrolling' | 'joined';
  readonly enrolled_at: number;
  readonly joined_at: number | null;
}

/** What an operation sees besides the transaction: the server's clock and mode. */
export interface RecordContext {
  readonly clock: Clock;
  readonly mode: ServerMode;
}

export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/**
 * The revocation precondition. It changes whenever the token or anything that depends on it
 * changes (every such write bumps `version`), and with the server mode, which decides who
 * depends on what. Hashed so clients treat it as opaque.
 */
export function tokenEtag(id: string, version: number, mode: ServerMode): string {
  const digest = createHash('sha256').update(`${id}:${version}:${mode}`).digest('base64url');
  return `"${digest.slice(0, 22)}"`;
}

export function tokenStatusAt(row: TokenRow, nowMs: number): WireTokenStatus {
  if (row.expires_at !== null && row.expires_at <= nowMs) return 'expired';
  if (row.max_uses !== null && row.uses >= row.max_uses) return 'consumed';
  return 'active';
}

export function toWireToken(row: TokenRow, context: RecordContext, defaultTokenId: string | null): WireToken {
  return {
    id: row.id,
    description: row.description,
    scope: row.scope,
    createdAt: isoTime(row.created_at),
    createdBy: row.created_by,
    expiresAt: row.expires_at === null ? null : isoTime(row.expires_at),
    maxUses: row.max_uses,
    uses: row.uses,
    usesRemaining: row.max_uses === null ? null : Math.max(0, row.max_uses - row.uses),
    status: tokenStatusAt(row, context.clock.now()),
    isDefault: row.id === defaultTokenId,
    replaces: row.replaces ?? null,
    etag: tokenEtag(row.id, row.version, context.mode),
  };
}

/**
 * Who needs the join token: a pending enrollment always does (completing it presents the
 * token); a joined machine does unless it holds its own credential and the server honours
 * such credentials (unique mode). In legacy mode every machine depends on its join token.
 */
export function dependsOnToken(row: MachineRow, mode: ServerMode): boolean {
  if (row.state === 'enrolling') return true;
  return mode === 'legacy' || row.credential_hash === null;
}

export function toWireMachine(row: MachineRow, mode: ServerMode): WireMachine {
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    joinTokenId: row.join_token_id,
    hasOwnCredential: row.credential_hash !== null,
    dependsOnTokenId: dependsOnToken(row, mode) ? row.join_token_id : null,
    enrolledAt: isoTime(row.enrolled_at),
    joinedAt: row.joined_at === null ? null : isoTime(row.joined_at),
  };
}

const DEFAULT_TOKEN_SQL = "SELECT value FROM settings WHERE key = 'default_token_id'";

/** `forUpdate`: lock the setting until the transaction ends (make-default changes it). */
export async function readDefaultTokenId(tx: SqlTx, forUpdate = false): Promise<string | null> {
  const row = await tx.get<{ value: string | null }>(forUpdate ? DEFAULT_TOKEN_SQL + tx.lockSuffix : DEFAULT_TOKEN_SQL);
  return row?.value ?? null;
}

export async function writeDefaultTokenId(tx: SqlTx, id: string | null): Promise<void> {
  await tx.run("UPDATE settings SET value = ? WHERE key = 'default_token_id'", id);
}

export async function bumpTokenVersion(tx: SqlTx, id: string): Promise<void> {
  await tx.run('UPDATE tokens SET version = version + 1 WHERE id = ?', id);
}

export async function findLiveToken(tx: SqlTx, id: string, forUpdate = false): Promise<TokenRow | undefined> {
  const sql = 'SELECT * FROM tokens WHERE id = ? AND revoked_at IS NULL';
  return tx.get<TokenRow>(forUpdate ? sql + tx.lockSuffix : sql, id);
}

/** The unrevoked token as the contract shows it, or null. */
export async function wireTokenOrNull(tx: SqlTx, context: RecordContext, id: string | null): Promise<WireToken | null> {
  if (id === null) return null;
  const row = await findLiveToken(tx, id);
  return row ? toWireToken(row, context, await readDefaultTokenId(tx)) : null;
}
