// Tokens: list, read, mint, impact, make-default and the preview-gated revocation.
import { BOOTSTRAP_TOKEN_ID_PATTERN } from '../../core/bootstrap-token.ts';
import { timingSafeEqual } from 'node:crypto';
import type { WireCreatedToken, WireImpact, WireSecretCheck, WireToken, WireTokenEventData, WireTokenList } from '../../rest-contract/wire.ts';
import { ApiError, echo, notFound } from '../api-error.ts';
import { hashSecret, mintTokenSecret } from '../secrets.ts';
import { recordAudit } from './audit.ts';
import { lastEventSeq } from './event-log.ts';
import type { ReadOp, WriteOp } from './op-context.ts';
import {
  bumpTokenVersion,
  dependsOnToken,
  findLiveToken,
  isoTime,
  readDefaultTokenId,
  tokenEtag,
  tokenStatusAt,
  toWireMachine,
  toWireToken,
  wireTokenOrNull,
  writeDefaultTokenId,
  type MachineRow,
  type TokenRow,
} from './records.ts';

export interface MintInput {
  readonly ttlSeconds: number | null;
  readonly maxUses: number | null;
  readonly description: string;
  readonly scope: string;
  /** The token this one replaces (a rotation's); absent or null: none. */
  readonly replaces?: string | null;
  readonly actor: string;
  readonly client: string | null;
}

export interface OperatorContext {
  readonly actor: string;
  readonly client: string | null;
}

// 36^6 ids: a collision is rare but not impossible in a large table, so retry a few times.
const MINT_ATTEMPTS = 8;

/** Read in one snapshot, so `eventSeq` is exactly the last event the items include. */
export async function listTokens(op: ReadOp): Promise<WireTokenList> {
  const defaultId = await readDefaultTokenId(op.tx);
  const rows = await op.tx.all<TokenRow>('SELECT * FROM tokens WHERE revoked_at IS NULL ORDER BY created_at, id');
  return { items: rows.map((row) => toWireToken(row, op, defaultId)), eventSeq: await lastEventSeq(op.tx) };
}

export async function getToken(op: ReadOp, id: string): Promise<WireToken> {
  const token = await wireTokenOrNull(op.tx, op, id);
  if (!token) throw notFound(`token ${echo(id)}`);
  return token;
}

/**
 * Whether a presented secret's SHA-256 is token `id`'s stored hash, compared in constant time
 * (POST /api/v1/tokens/{id}/secret-check: `tokentui find`). Only the hash travels; the answer
 * says match or not and carries the token as GET would, nothing more.
 */
export async function checkTokenSecret(op: ReadOp, id: string, presentedHash: Uint8Array): Promise<WireSecretCheck> {
  const row = await findLiveToken(op.tx, id);
  if (!row) throw notFound(`token ${echo(id)}`);
  const stored = Buffer.from(row.secret_hash);
  const matches = stored.length === presentedHash.length && timingSafeEqual(stored, presentedHash);
  return { matches, token: toWireToken(row, op, await readDefaultTokenId(op.tx)) };
}

export function publishToken(op: WriteOp, type: 'token.created' | 'token.updated', token: WireToken | null): void {
  if (token === null) return;
  const data: WireTokenEventData = { tokenId: token.id, token };
  op.emit(type, data);
}

export async function mintToken(op: WriteOp, input: MintInput): Promise<WireCreatedToken> {
  const createdAt = op.clock.now();
  const expiresAt = input.ttlSeconds === null ? null : createdAt + input.ttlSeconds * 1000;
  for (let attempt = 0; attempt < MINT_ATTEMPTS; attempt++) {
    const { id, secret } = mintTokenSecret();
    const inserted = await op.tx.run(
      `INSERT INTO tokens (id, secret_hash, description, scope, created_at, created_by, expires_at, max_uses, replaces)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      id,
      hashSecret(secret),
      input.description,
      input.scope,
      createdAt,
      input.actor,
      expiresAt,
      input.maxUses,
      input.replaces ?? null,
    );
    if (inserted === 0) continue;
    await recordAudit(op.tx, createdAt, { action: 'token.mint', outcome: 'success', actor: input.actor, tokenId: id, client: input.client });
    const token = (await wireTokenOrNull(op.tx, op, id)) as WireToken;
    publishToken(op, 'token.created', token);
    return { token, secret };
  }
  throw new ApiError(503, 'unavailable', 'could not allocate a free token id; try again');
}

export async function computeImpact(op: ReadOp, id: string): Promise<WireImpact> {
  const row = await findLiveToken(op.tx, id);
  if (!row) throw notFound(`token ${echo(id)}`);
  const machines = await op.tx.all<MachineRow>('SELECT * FROM machines WHERE join_token_id = ? ORDER BY name', id);
  const toWire = (machine: MachineRow) => toWireMachine(machine, op.mode);
  return {
    tokenId: id,
    mode: op.mode,
    isDefault: (await readDefaultTokenId(op.tx)) === id,
    affectedMachines: machines.filter((m) => m.state === 'joined' && dependsOnToken(m, op.mode)).map(toWire),
    pendingEnrollments: machines.filter((m) => m.state === 'enrolling').map(toWire),
    unaffectedMachines: machines.filter((m) => !dependsOnToken(m, op.mode)).map(toWire),
    etag: tokenEtag(id, row.version, op.mode),
    computedAt: isoTime(op.clock.now()),
  };
}

/** The entity tags of an If-Match header (strong comparison: weak tags never match). */
function parseIfMatch(header: string): string[] {
  return header
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.startsWith('"'));
}

export type RevokeOutcome = 'revoked' | 'not-found' | 'precondition-failed' | 'precondition-required';

export function hasUsableIfMatch(ifMatch: string | undefined): ifMatch is string {
  return ifMatch !== undefined && ifMatch.trim() !== '' && ifMatch.trim() !== '*';
}

/**
 * The check and the revocation in one transaction: the token row is locked (FOR UPDATE on
 * PostgreSQL) before its version is compared, so a redemption on another replica either
 * commits first (and the ETag no longer matches) or waits until the token is revoked.
 */
export async function revokeToken(op: WriteOp, id: string, ifMatch: string | undefined, operator: OperatorContext): Promise<RevokeOutcome> {
  const audit = (outcome: 'success' | 'refused', reason: string | null) =>
    recordAudit(op.tx, op.clock.now(), {
      action: 'token.revoke',
      outcome,
      reason,
      // The path may hold anything (even a pasted secret): only an id-shaped value is recorded.
      tokenId: BOOTSTRAP_TOKEN_ID_PATTERN.test(id) ? id : null,
      ...operator,
    });
  if (!hasUsableIfMatch(ifMatch)) {
    await audit('refused', 'precondition-required');
    return 'precondition-required';
  }
  // Same lock order as make-default (the default setting, then the token): no deadlock between them.
  const defaultId = await readDefaultTokenId(op.tx, true);
  const row = await findLiveToken(op.tx, id, true);
  if (!row) {
    await audit('refused', 'not-found');
    return 'not-found';
  }
  if (!parseIfMatch(ifMatch).includes(tokenEtag(id, row.version, op.mode))) {
    await audit('refused', 'precondition-failed');
    return 'precondition-failed';
  }
  await op.tx.run('UPDATE tokens SET revoked_at = ?, revoked_by = ?, version = version + 1 WHERE id = ?', op.clock.now(), operator.actor, id);
  if (defaultId === id) await writeDefaultTokenId(op.tx, null);
  await audit('success', null);
  const data: WireTokenEventData = { tokenId: id };
  op.emit('token.revoked', data);
  return 'revoked';
}

export function revokeRefusal(id: string, outcome: Exclude<RevokeOutcome, 'revoked'>): ApiError {
  if (outcome === 'not-found') return notFound(`token ${echo(id)}`);
  if (outcome === 'precondition-required') {
    return new ApiError(
      428,
      'precondition_required',
      `revoking token ${echo(id)} needs If-Match with the ETag of its impact preview (GET /api/v1/tokens/{id}/impact)`,
    );
  }
  return new ApiError(412, 'precondition_failed', `token ${echo(id)} or a machine depending on it changed since the impact preview; preview it again`);
}

/** The default setting is locked first, so two make-defaults at once cannot both see the old one. */
export async function makeDefaultToken(op: WriteOp, id: string, operator: OperatorContext): Promise<WireToken> {
  const previousId = await readDefaultTokenId(op.tx, true);
  const row = await findLiveToken(op.tx, id, true);
  if (!row) throw notFound(`token ${echo(id)}`);
  const status = tokenStatusAt(row, op.clock.now());
  if (status !== 'active') {
    throw new ApiError(409, 'conflict', `token ${echo(id)} is ${status}: only an active token can be the default`, { status });
  }
  if (previousId !== id) {
    await writeDefaultTokenId(op.tx, id);
    await bumpTokenVersion(op.tx, id);
    if (previousId !== null) await bumpTokenVersion(op.tx, previousId);
  }
  await recordAudit(op.tx, op.clock.now(), { action: 'token.make-default', outcome: 'success', tokenId: id, ...operator });
  const token = (await wireTokenOrNull(op.tx, op, id)) as WireToken;
  publishToken(op, 'token.updated', token);
  if (previousId !== id) publishToken(op, 'token.updated', await wireTokenOrNull(op.tx, op, previousId));
  return token;
}
